"""The main job: `ccapi tour`, as `nox -s tour` runs it, leaves a playable WAV and a PNG (the same two files
however often it runs) and says where they are."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_nox_tour_session_runs_the_tour_command() -> None:
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    assert 'session.run("ccapi", "tour"' in noxfile
    assert "nox -s tour" in (ROOT / "README.md").read_text(encoding="utf-8").split("\n\n")[1]


def test_the_tour_writes_its_files_and_shuts_the_sandbox_down(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}  # no key, no base URL: none needed
    ccapi = str(Path(sys.executable).with_name("ccapi"))
    for _ in range(2):  # the second run replaces the first one's files
        done = subprocess.run(
            [ccapi, "tour", "--output", str(tmp_path)], env=env, capture_output=True, text=True, timeout=120,
            check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["image-0.png", "welcome.wav"]
    speech = tmp_path / "welcome.wav"
    (image,) = tmp_path.glob("*.png")
    assert speech.read_bytes()[:4] == b"RIFF"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for step in (
        "The catalog",
        "A chat answer, streamed",
        "Speech",
        "through an asynchronous job",
        "sandbox shut down",
    ):
        assert step in done.stdout
    assert str(speech.resolve()) in done.stdout
    assert "Outline a launch plan for CCAPI." in done.stdout

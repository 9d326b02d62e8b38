"""`nox -s check_generated` names every generated file that was edited, added or removed by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.generated_tree import differing_files

from .conftest import ROOT

COMMITTED = ROOT / "generated" / "ccapi_generated"


def test_an_untouched_copy_matches(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(COMMITTED, copy)
    assert differing_files(copy, COMMITTED) == []


def test_hand_edits_are_named(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(COMMITTED, copy)
    edited = copy / "models" / "chat_message.py"
    edited.write_text(edited.read_text() + "\n# patched by hand\n")
    (copy / "models" / "error_details.py").unlink()
    (copy / "models" / "hand_written.py").write_text("X = 1\n")
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "ignored.pyc").write_bytes(b"cache")
    assert differing_files(copy, COMMITTED) == [
        "models/chat_message.py: differs from a fresh generation",
        "models/error_details.py: missing (the generator writes it)",
        "models/hand_written.py: extra (the generator does not write it)",
    ]

"""What `import ccapi` exposes, and that it stays light."""

from __future__ import annotations

import subprocess
import sys
import types
from typing import Any

import ccapi


def test_api_version_is_the_spec_version(spec: dict[str, Any]) -> None:
    assert spec["info"]["version"] == ccapi.API_VERSION


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in dir(ccapi) if not name.startswith("_")} | {"__version__"}
    public -= {name for name in public if isinstance(getattr(ccapi, name), types.ModuleType)}  # subpackages
    public -= {"annotations", "TYPE_CHECKING", "Any"}
    assert set(ccapi.__all__) >= public
    for name in ccapi.__all__:
        assert getattr(ccapi, name) is not None


def test_import_loads_no_generated_cli_or_sandbox_modules() -> None:
    prefixes = ("ccapi", "rich", "uvicorn", "starlette")
    code = f"import sys, ccapi; print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "['ccapi', 'ccapi._version']"

"""A client still alive when the interpreter exits (after an uncaught exception, say) leaves quietly: nothing is
printed about it, since by then nothing can be closed on an event loop and modules cannot be imported."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPTS = {
    "async": "import ccapi\nclient = ccapi.AsyncCCAPI(api_key='sk-x', base_url='http://127.0.0.1:9/v1')\n",
    "sync": "import ccapi\nclient = ccapi.CCAPI(api_key='sk-x', base_url='http://127.0.0.1:9/v1')\n",
}


@pytest.mark.parametrize("flavour", ["async", "sync"])
@pytest.mark.parametrize("ending", ["raise RuntimeError('the caller failed')\n", "pass\n"], ids=["raise", "exit"])
def test_a_client_alive_at_interpreter_exit_leaves_quietly(flavour: str, ending: str) -> None:
    ran = subprocess.run(
        [sys.executable, "-c", SCRIPTS[flavour] + ending], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Exception ignored" not in ran.stderr, ran.stderr
    assert "__del__" not in ran.stderr, ran.stderr

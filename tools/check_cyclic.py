"""Run by `nox -s check_generated` on code generated from tests/fixtures/cyclic.yaml: models that refer to
themselves and to each other still import and decode, and the generated argument checks recurse through them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
sys.path.insert(1, str(Path(__file__).parents[1] / "overlays"))  # the runtime's contract (ccapi._operation)

from ccapi_generated.models import Node
from ccapi_generated.models.owner import Owner  # noqa: F401 (importing one side of the cycle first)
from ccapi_generated.resources._operations import create_tree

nested = {"name": "a", "children": [{"name": "b", "owner": {"name": "o", "nodes": [{"name": "c"}]}}]}
assert Node.from_dict(nested).to_dict() == nested
assert create_tree(**nested)[2] == nested
try:
    create_tree(name="a", children=[{"name": "b", "owner": {"nodes": [{"name": 5}]}}])
except TypeError as error:
    assert "children[0]['owner']['nodes'][0]['name']" in str(error), error
else:
    raise AssertionError("a wrong type four levels down was not caught")
print("models that refer to each other generate, import and decode; their checks recurse")

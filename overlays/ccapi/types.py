"""The API's request and response models, generated from the spec: ``from ccapi.types import ChatCompletionResponse``.

This module re-exports exactly the generated models (`ccapi_generated.models.__all__`), so that a model the spec
gains is importable here after `nox -s generate`, and none is listed by hand.
"""

from ccapi_generated.models import *  # noqa: F403 (the re-export is this module's purpose)
from ccapi_generated.models import __all__ as __all__

"""The API's request and response models, generated from the spec: ``from ccapi.types import ChatCompletionResponse``;
and the request objects as TypedDicts (``ChatRequestMessageParam``, ...), for annotating plain dicts built before
a call (``messages: list[ChatRequestMessageParam] = []``).

This module re-exports exactly the generated models (`ccapi_generated.models.__all__`) and TypedDicts
(`ccapi_generated.resources._params.__all__`), so that what the spec gains is importable here after
`nox -s generate`, and none is listed by hand.
"""

from ccapi_generated.models import *  # noqa: F403 (the re-export is this module's purpose)
from ccapi_generated.models import __all__ as _models
from ccapi_generated.resources._params import *  # noqa: F403
from ccapi_generated.resources._params import __all__ as _params

__all__ = [*_models, *_params]

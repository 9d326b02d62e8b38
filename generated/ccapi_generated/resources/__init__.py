"""The resources of the CCAPI clients (`client.chat.completions`, ...), generated from openapi.yaml.

Each operation's place comes from its `x-ccapi-resource` and `x-ccapi-method`; its arguments, their checks and its
docstring from the spec. `_sync` serves `ccapi.CCAPI`, `_async` serves `ccapi.AsyncCCAPI`, and `_operations` holds
what both share: the operation descriptors and the argument checks.
"""

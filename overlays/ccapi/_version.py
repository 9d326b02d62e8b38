"""The SDK's own version (the spec's version is ``ccapi.API_VERSION``)."""

__version__ = "0.1.0"

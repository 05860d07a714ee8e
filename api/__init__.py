"""The HTTP API: FastAPI routes over the same library functions the ``kg`` command uses."""

from api.app import create_app

__all__ = ["create_app"]

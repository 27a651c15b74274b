"""Web UI and JSON API over a store: :func:`create_app` builds the app, :func:`serve` runs it."""

from __future__ import annotations

from pressespiegel.web.app import create_app
from pressespiegel.web.serve import is_loopback, serve

__all__ = ["create_app", "is_loopback", "serve"]

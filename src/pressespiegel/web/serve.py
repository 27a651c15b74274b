"""Run the web app with uvicorn.

Write policy (see :mod:`pressespiegel.web.app`): with a token, writes need it; without one,
writes are accepted only when the server is bound to a loopback address and the request comes
from loopback. Binding to any other address without a token therefore serves a read-only site.
"""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    api_token: str | None = None,
    *,
    allow_private: bool = False,
    log_level: str = "info",
) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted."""
    import uvicorn

    from pressespiegel.web.app import create_app

    local = is_loopback(host)
    if not api_token and not local:
        log.warning("no API token and bound to %s: ingest is disabled (read-only site)", host)
    app = create_app(db, api_token=api_token, allow_private=allow_private, local_writes=local)
    uvicorn.run(
        app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False,
        access_log=log_level in {"debug", "trace", "info"},
    )  # fmt: skip

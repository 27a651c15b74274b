"""Run the web app with uvicorn.

Access (see :mod:`pressespiegel.web.security`): writes need the access token, always. Without one
given, the server makes one on first start, keeps it in ``pressespiegel.token`` (mode 0600) next
to the database and prints the URL that logs a browser in, like Jupyter. The Host allow-list is
the bound address (loopback names for a loopback bind, every IP literal for 0.0.0.0) plus
``allowed_hosts``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Iterable
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


def login_url(host: str, port: int, token: str | None) -> str:
    """The address to open in a browser; with ``?token=`` when the token is to be shown."""
    shown = host.strip("[]")
    if shown in {"0.0.0.0", "::", ""}:
        shown = socket.gethostname()
    elif ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    api_token: str | None = None,
    *,
    allow_private: bool = False,
    allowed_hosts: Iterable[str] = (),
    log_level: str = "info",
) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted.

    ``api_token`` None: the token from the token file in the data directory (made if missing),
    and the login URL with it is printed; a given token is not printed.
    """
    import uvicorn

    from pressespiegel.web.app import create_app
    from pressespiegel.web.security import HostPolicy, RedactToken, data_dir, load_or_create_token

    if api_token:
        token, shown = api_token, None
        print(f"web UI: {login_url(host, port, None)}  (writes need the token you gave)", flush=True)
    else:
        token, path, created = load_or_create_token(data_dir(db))
        shown = token
        print(f"web UI: {login_url(host, port, shown)}", flush=True)
        print(f"  open this address once to be allowed to ingest; the token is {'new, ' if created else ''}"
              f"kept in {path}", flush=True)  # fmt: skip
    hosts = HostPolicy.for_bind(host, allowed_hosts)
    app = create_app(db, api_token=token, allow_private=allow_private, hosts=hosts)
    config = uvicorn.Config(
        app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False,
        access_log=log_level in {"debug", "trace", "info"},
    )  # fmt: skip
    logging.getLogger("uvicorn.access").addFilter(RedactToken())  # the login URL stays out of logs
    uvicorn.Server(config).run()

"""Who may write, and from where: access control for the web UI and API (issue 16).

Reads are open; a write (ingest, as a form or through the API) needs a credential, always:

1. **Host allow-list, every request.** A DNS-rebinding page (``evil.example`` re-pointed at
   127.0.0.1) reaches the server with ``Host: evil.example``; only the names the server was bound
   to or configured with (:class:`HostPolicy`), ``localhost`` and IP literals are served. An IP
   literal cannot be rebound: a browser sends it only for a page loaded from that very address.
2. **Request bytes actually received** are counted against a per-path limit, whatever
   ``Content-Length`` says (chunked bodies included), and a declared length over it is refused
   before anything is read (:class:`Guard`).
3. **The access token.** Created on first start (:func:`load_or_create_token`: 32 random bytes in
   a 0600 file under the data directory) unless one is given; printed once with the URL, like
   Jupyter. Programs send ``Authorization: Bearer TOKEN``; a browser opens the printed
   ``/?token=…`` URL (or types the token into the login form) and gets a session cookie
   (HttpOnly, SameSite=Strict) derived from the token. Both are compared in constant time, and
   before any body is parsed.
4. **Cross-site writes refused.** Every write checks ``Origin`` and ``Sec-Fetch-Site``: only the
   server's own origin (or a client that sends neither, like curl) may write. A write with the
   session cookie also needs the CSRF token (a hidden form field, or ``X-CSRF-Token``), which only
   the server's own pages carry.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import os
import re
import secrets
import socket
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pressespiegel.errors import PressespiegelError

log = logging.getLogger(__name__)

#: The token file's name in the data directory (the SQLite file's folder).
TOKEN_FILE = "pressespiegel.token"
#: Random bytes in a generated token (256 bits, URL-safe base64: 43 characters).
TOKEN_BYTES = 32
#: Tokens a user chooses that are shorter than this get a warning.
MIN_TOKEN_CHARS = 16
#: Query parameter of the login URL the server prints.
TOKEN_PARAM = "token"
#: Form field and header carrying the CSRF token.
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
#: Seconds a browser keeps the session cookie (it stays valid as long as the token does).
SESSION_MAX_AGE = 30 * 24 * 3600
#: Request bodies on paths that are not listed in :class:`Guard`'s limits (pages take none).
DEFAULT_BODY_LIMIT = 64 * 1024
#: ``Sec-Fetch-Site`` values of requests a user started on this site (or by typing a URL).
SAME_SITE_FETCH = frozenset({"same-origin", "none"})

Credential = Literal["bearer", "session"]


# -- the token -----------------------------------------------------------------------------------
def data_dir(db: str | Path) -> Path:
    """Where the token file lives: the SQLite file's folder; for a database URL, the user's data
    directory (``$XDG_DATA_HOME/pressespiegel``)."""
    if "://" in str(db):
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "pressespiegel"
    return Path(db).resolve().parent


def read_token_file(path: Path) -> str:
    """The token in ``path`` (first line, stripped); PressespiegelError saying what is wrong."""
    try:
        token = path.read_text(encoding="utf-8").strip().splitlines()[0:1]
    except OSError as exc:
        raise PressespiegelError(f"{path}: cannot read the token file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise PressespiegelError(f"{path}: the token file is not text") from None
    if not token or not token[0].strip():
        raise PressespiegelError(f"{path}: the token file is empty")
    return token[0].strip()


def load_or_create_token(directory: Path) -> tuple[str, Path, bool]:
    """The server's token from ``directory/pressespiegel.token``, created (mode 0600) if missing.

    Returns (token, file, created). A file others can read is used, with a warning.
    """
    path = directory / TOKEN_FILE
    if path.exists():
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning("%s can be read by other users: chmod 600 %s", path, path)
        return read_token_file(path), path, False
    token = secrets.token_urlsafe(TOKEN_BYTES)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another server created it just now: use that one
        return read_token_file(path), path, False
    except OSError as exc:
        raise PressespiegelError(f"{path}: cannot create the token file ({exc.strerror or exc})") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    return token, path, True


def weak_token(token: str) -> bool:
    """True for a chosen token too short to resist guessing."""
    return len(token) < MIN_TOKEN_CHARS


# -- Host allow-list -----------------------------------------------------------------------------
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_ADDRESSES = frozenset({"0.0.0.0", "::", ""})


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip("[]"))
    except ValueError:
        return None


def host_of(header: str) -> str:
    """The host name or address in a Host header, lower-case, without port and brackets."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else ""  # "[::1" is no address
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


@dataclass(frozen=True)
class HostPolicy:
    """Host header values the server answers: ``names`` (lower-case names and IP literals) and, for
    a server bound to every interface, any IP literal."""

    names: frozenset[str] = field(default=LOOPBACK_NAMES)
    any_ip: bool = False

    @classmethod
    def for_bind(cls, host: str, extra: Iterable[str] = ()) -> HostPolicy:
        """The policy for a server bound to ``host`` plus configured names (``--allow-host``)."""
        names = {n.strip().lower().strip("[]") for n in extra if n.strip()}
        bound = host.strip().lower().strip("[]")
        address = _ip(bound)
        if bound in WILDCARD_ADDRESSES:
            hostname = socket.gethostname().lower()
            return cls(frozenset(names | LOOPBACK_NAMES | {hostname, socket.getfqdn(hostname).lower()}), True)
        names.add(str(address) if address else bound)
        if bound == "localhost" or (address is not None and address.is_loopback):
            names |= LOOPBACK_NAMES
        return cls(frozenset(names))

    def allows(self, header: str | None) -> bool:
        """True when a request with this Host header is served."""
        if not header:
            return False
        host = host_of(header)
        address = _ip(host)
        if address is not None:
            return (
                self.any_ip
                or str(address) in self.names
                or (address.is_loopback and "127.0.0.1" in self.names)
            )
        return host in self.names


# -- credentials ---------------------------------------------------------------------------------
def cross_site_problem(headers: Headers | Mapping[str, str], host: str | None, scheme: str) -> str | None:
    """Why a write with these headers comes from another site (None: from this one, or from a
    program that sends neither ``Sec-Fetch-Site`` nor ``Origin``).

    ``Sec-Fetch-Site`` decides where the browser sends it (pages cannot set it). ``Origin`` must
    be this server's; ``Origin: null`` is accepted only together with ``Sec-Fetch-Site:
    same-origin``, because Chromium sends ``null`` for the server's own form posts under its
    ``Referrer-Policy: no-referrer`` (sandboxed frames and ``data:`` pages send it too, but they
    are cross-site for ``Sec-Fetch-Site``).
    """
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in SAME_SITE_FETCH:
        return f"cross-site write refused (Sec-Fetch-Site: {fetch_site})"
    origin = headers.get("origin")
    if origin is None or (origin == "null" and fetch_site is not None):
        return None
    parts = urlsplit(origin.lower())
    if origin == "null" or f"{parts.scheme}://{parts.netloc}" != f"{scheme}://{(host or '').lower()}":
        return f"cross-site write refused (Origin: {origin})"
    return None


class Access:
    """The token and what is derived from it: the session cookie's name and value, the CSRF token.

    Derived with HMAC, so they change with the token and reveal nothing about it; nothing is
    kept per session, so a restart keeps everyone logged in.
    """

    def __init__(self, token: str | None) -> None:
        self.token = token or None
        key = (self.token or secrets.token_urlsafe(TOKEN_BYTES)).encode()
        self.cookie_name = "pressespiegel_session_" + self._derive(key, "cookie name")[:8]
        self._session = self._derive(key, "session")
        self.csrf = self._derive(key, "csrf")

    @staticmethod
    def _derive(key: bytes, purpose: str) -> str:
        return hmac.new(key, purpose.encode(), hashlib.sha256).hexdigest()

    @property
    def writes_enabled(self) -> bool:
        return self.token is not None

    def token_ok(self, given: str | None) -> bool:
        """Constant-time comparison of a presented token with the server's."""
        return bool(self.token and given) and hmac.compare_digest(
            (given or "").encode(), (self.token or "").encode()
        )

    def session_ok(self, request: Request) -> bool:
        """True when the request carries a valid session cookie."""
        value = request.cookies.get(self.cookie_name)
        return (
            self.token is not None
            and value is not None
            and hmac.compare_digest(value.encode(), self._session.encode())
        )

    def session_cookie(self, secure: bool) -> str:
        """The Set-Cookie value that logs a browser in."""
        flags = "; Secure" if secure else ""
        return (f"{self.cookie_name}={self._session}; Path=/; Max-Age={SESSION_MAX_AGE}; HttpOnly; "
                f"SameSite=Strict{flags}")  # fmt: skip

    def check_same_site(self, request: Request) -> None:
        """403 for a write sent by a page of another site (see :func:`cross_site_problem`)."""
        problem = cross_site_problem(request.headers, request.headers.get("host"), request.url.scheme)
        if problem:
            raise HTTPException(403, problem)

    def authorize_write(self, request: Request) -> Credential:
        """Check a write before its body is read: same site, and a token or session. Raises 403
        (cross-site, or writes switched off) or 401 (no or wrong credential)."""
        self.check_same_site(request)
        if self.token is None:
            raise HTTPException(403, "writes are switched off: this server has no access token")
        header = request.headers.get("authorization")
        if header is not None:
            scheme, _, given = header.partition(" ")
            if scheme.lower() == "bearer" and self.token_ok(given.strip()):
                return "bearer"
            raise HTTPException(401, "wrong access token")
        if self.session_ok(request):
            return "session"
        raise HTTPException(401, "write access needs the access token (Authorization: Bearer TOKEN)")

    def check_csrf(self, given: object) -> None:
        """403 unless ``given`` is this server's CSRF token (needed for writes with the cookie)."""
        if not isinstance(given, str) or not hmac.compare_digest(given.encode(), self.csrf.encode()):
            raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


class RedactToken(logging.Filter):
    """Masks ``token=…`` in access-log lines (uvicorn logs the request line with its query)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _TOKEN_IN_QUERY.sub(r"\1***", a) if isinstance(a, str) else a for a in record.args
            )
        return True


_TOKEN_IN_QUERY = re.compile(rf"([?&]{TOKEN_PARAM}=)[^&\s]*")


# -- the ASGI guard ------------------------------------------------------------------------------
class _TooLarge(Exception):
    """The request body went over its limit while being received."""


class Guard:
    """Pure ASGI middleware: Host allow-list, request body limits, the ``/?token=`` login.

    ``body_limits`` maps paths to the bytes a request to them may carry; other paths get
    :data:`DEFAULT_BODY_LIMIT`.
    """

    def __init__(
        self, app: ASGIApp, *, access: Access, hosts: HostPolicy, body_limits: Mapping[str, int]
    ) -> None:
        self.app = app
        self.access = access
        self.hosts = hosts
        self.body_limits = dict(body_limits)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"}:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host")
        if not self.hosts.allows(host):
            shown = (host or "(none)")[:200]
            await _plain(send, 400, f"Host not allowed: {shown}. Start the server with --allow-host NAME "
                         "to serve it under another name.")  # fmt: skip
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.body_limits.get(scope["path"], DEFAULT_BODY_LIMIT)
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _plain(send, 413, f"request too large (limit {limit:,} bytes)")
            return
        if scope["method"] in {"GET", "HEAD"} and _has_param(scope.get("query_string", b""), TOKEN_PARAM):
            await self._login(scope, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _plain(send, 413, f"request too large (limit {limit:,} bytes)")

    async def _login(self, scope: Scope, send: Send) -> None:
        """``GET /path?token=T``: a valid token sets the session cookie and redirects to the same
        address without the token (so it does not stay in the address bar); a wrong one is 403."""
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((v for k, v in query if k == TOKEN_PARAM), None)
        if not self.access.token_ok(given):
            await _plain(send, 403, "wrong access token")
            return
        rest = urlencode([(k, v) for k, v in query if k != TOKEN_PARAM])
        path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
        target = path + (b"?" + rest.encode("ascii") if rest else b"")
        cookie = self.access.session_cookie(secure=scope.get("scheme") == "https")
        await send({"type": "http.response.start", "status": 303, "headers": [
            (b"location", target), (b"set-cookie", cookie.encode()),
            (b"cache-control", b"no-store"), (b"content-length", b"0")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b""})


def _has_param(query: bytes, name: str) -> bool:
    return any(k == name for k, _ in parse_qsl(query.decode("latin-1"), keep_blank_values=True))


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close")]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


__all__ = [
    "Access",
    "Guard",
    "HostPolicy",
    "RedactToken",
    "cross_site_problem",
    "data_dir",
    "load_or_create_token",
    "read_token_file",
    "weak_token",
]

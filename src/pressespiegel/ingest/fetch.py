"""HTTP fetching with the limits a crawler that takes URLs from users and feeds needs.

Server-side request forgery is refused where it happens, at connect time: httpx is given a
network backend (:class:`GuardedBackend`) that resolves the host itself, checks every address
(:func:`address_problem`) and connects to exactly the address it checked, for the first request
and for every redirect hop. Checking first and letting httpx resolve again would let a DNS
server answer a public address to the check and a loopback one to the connect (DNS rebinding).
Refused, unless the caller allows private networks: loopback, private, link-local, site-local,
multicast and reserved addresses, and IPv6 addresses that carry an IPv4 address inside them
(IPv4-mapped, -compatible and -translated, NAT64, 6to4, Teredo), whatever IPv4 address that is.

URLs are parsed once (:func:`parse_url`): schemes are matched case-insensitively, and a bad port,
a broken IPv6 literal or a control character is a :class:`SourceError`, never a ValueError.
Bodies are streamed and cut off at a size limit; proxies from the environment are not used (a
proxy would be the only address ever checked).

For polling, a caller may send validators (``If-None-Match``, ``If-Modified-Since``) in
``headers``: a 304 answer comes back as a :class:`Fetched` with ``status`` 304 and no body, and
``moved_to`` names the final URL when every hop of the redirect chain was permanent (301/308).
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, urljoin, urlsplit

import httpcore
import httpx

from pressespiegel import __version__
from pressespiegel.errors import SourceError
from pressespiegel.ingest.limits import Limits

USER_AGENT = f"pressespiegel/{__version__} (+self-hosted media monitor)"
SCHEMES = ("http", "https")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: Resolves (host, port) to the addresses a connection may go to; tests pass a double.
Resolver = Callable[[str, int], list[IPAddress]]

#: IPv6 ranges whose addresses stand for an IPv4 address (RFC 4291, 6145, 6052, 8215, 3056, 4380):
#: a connection to them can reach whatever IPv4 address is inside, loopback included.
EMBEDDED_IPV4 = tuple(
    (ipaddress.ip_network(net), kind)
    for net, kind in (
        ("::/96", "IPv4-compatible"),
        ("::ffff:0:0/96", "IPv4-mapped"),
        ("::ffff:0:0:0/96", "IPv4-translated"),
        ("64:ff9b::/96", "NAT64"),
        ("64:ff9b:1::/48", "local NAT64"),
        ("2002::/16", "6to4"),
        ("2001::/32", "Teredo"),
    )
)
#: Deprecated site-local IPv6 (RFC 3879): still routed inside some networks, never public.
SITE_LOCAL = ipaddress.ip_network("fec0::/10")
PRIVATE_HINT = "use --allow-private to fetch from your own network"


@dataclass(frozen=True, kw_only=True, slots=True)
class Fetched:
    """A fetched response: final URL after redirects, body bytes and content type."""

    url: str
    content: bytes
    content_type: str
    status: int = 200
    #: Response headers (lower-case names), e.g. ``etag`` and ``last-modified`` for the next poll.
    headers: Mapping[str, str] = field(default_factory=dict)
    #: The final URL when the request was redirected only permanently (301, 308): the new address.
    moved_to: str | None = None


class HTTPStatusError(SourceError):
    """The server answered with an error status (kept, so a poller can tell 404 and 410 from 503)."""

    def __init__(self, source: str, problem: str, status: int, retry_after: str | None = None) -> None:
        super().__init__(source, problem)
        self.status = status
        self.retry_after = retry_after


@functools.lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One TLS context for every request: building one (reading the CA bundle) costs ~55 ms of
    CPU, more than polling a feed that answers 304; contexts are safe to share across threads."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class NetworkError(SourceError):
    """No answer: timeout, refused or reset connection (worth retrying, unlike a refused URL)."""


class RefusedAddress(Exception):
    """A host resolved to an address the policy refuses (raised at connect time)."""


def address_problem(address: IPAddress) -> str | None:
    """Why a connection to ``address`` is refused (None: a public unicast address)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None or any(address in net for net, _ in EMBEDDED_IPV4):
            kind = next((k for net, k in EMBEDDED_IPV4 if address in net), "IPv4-mapped")
            return f"non-public address {address} (IPv6 with an IPv4 address inside: {kind})"
        if address in SITE_LOCAL:
            return f"non-public address {address} (site-local)"
    if not address.is_global or address.is_multicast:
        return f"non-public address {address}"
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to, in the resolver's order (IP literals as they are)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, IPAddress] = {}
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone ("fe80::1%eth0")
        seen.setdefault(raw, ipaddress.ip_address(raw))
    return list(seen.values())


def checked_addresses(host: str, port: int, *, allow_private: bool, resolver: Resolver) -> list[IPAddress]:
    """The addresses of ``host`` to connect to; RefusedAddress if any of them is refused."""
    try:
        addresses = resolver(host, port)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise RefusedAddress(f"cannot resolve host {host!r} ({reason})") from None
    if not addresses:
        raise RefusedAddress(f"cannot resolve host {host!r} (no addresses)")
    if not allow_private:
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise RefusedAddress(f"refused: {host} resolves to {problem} ({PRIVATE_HINT})")
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses :func:`checked_addresses` passed."""

    def __init__(self, *, allow_private: bool, resolver: Resolver | None = None) -> None:
        self.allow_private = allow_private
        self.resolver = resolver

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(
            host, port, allow_private=self.allow_private, resolver=self.resolver or resolve
        )
        error: Exception | None = None
        for address in addresses:  # the checked address itself, never the name again
            try:
                return super().connect_tcp(str(address), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that uses :class:`GuardedBackend`.

    TLS still verifies the certificate for the host name in the URL (httpcore passes the name,
    not the address, as server name), and the Host header still carries the name.
    """

    def __init__(self, *, allow_private: bool, resolver: Resolver | None = None) -> None:
        super().__init__(trust_env=False, verify=tls_context())
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=tls_context(),
            network_backend=GuardedBackend(allow_private=allow_private, resolver=resolver),
        )


def parse_url(url: str) -> SplitResult:
    """``url`` split, with the scheme lower-cased; SourceError saying what is wrong with it."""
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise SourceError(url, "URL contains spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "Port out of range 0-65535", "Invalid IPv6 URL", ...
        raise SourceError(url, f"malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise SourceError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    if not parts.hostname:
        raise SourceError(url, "URL has no host")
    if port == 0:
        raise SourceError(url, "malformed URL (port 0)")
    return parts._replace(scheme=scheme)


def check_address(url: str, *, allow_private: bool, resolver: Resolver | None = None) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address.

    An early, friendly check (the web answers with it before any work starts); the binding check
    happens again at connect time in :class:`GuardedBackend`.
    """
    parts = parse_url(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        checked_addresses(host, port, allow_private=allow_private, resolver=resolver or resolve)
    except RefusedAddress as exc:
        raise SourceError(url, str(exc)) from None


def fetch(
    url: str,
    limits: Limits,
    *,
    max_bytes: int | None = None,
    headers: Mapping[str, str] | None = None,
    resolver: Resolver | None = None,
) -> Fetched:
    """GET ``url`` following at most ``limits.max_redirects`` checked redirects; raise SourceError.

    ``headers`` are sent with every hop (conditional-GET validators); a 304 is returned, not raised.
    ``resolver`` replaces DNS (tests); every address it gives is checked before connecting.
    """
    cap = max_bytes or limits.max_document_bytes
    first = current = parse_url(url).geturl()
    permanent = True
    sent = {"User-Agent": USER_AGENT, **(headers or {})}
    transport = GuardedTransport(allow_private=limits.allow_private, resolver=resolver)
    with httpx.Client(
        transport=transport,
        trust_env=False,
        timeout=limits.http_timeout,
        follow_redirects=False,
        headers=sent,
    ) as client:
        for _ in range(limits.max_redirects + 1):
            try:
                with client.stream("GET", current) as response:
                    moved_to = current if permanent and current != first else None
                    if response.status_code == 304:  # not modified: the caller's copy is current
                        return Fetched(url=current, content=b"", content_type="", status=304,
                                       headers=dict(response.headers), moved_to=moved_to)  # fmt: skip
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise SourceError(url, f"redirect without Location from {current}")
                        target = urljoin(current, location)
                        try:
                            current = parse_url(target).geturl()
                        except SourceError as exc:
                            raise SourceError(url, f"redirect to {target}: {exc.problem}") from None
                        permanent = permanent and response.status_code in {301, 308}
                        continue
                    if response.status_code >= 400:
                        raise HTTPStatusError(
                            url, f"HTTP {response.status_code} from {current}", response.status_code,
                            response.headers.get("retry-after"),
                        )  # fmt: skip
                    declared = response.headers.get("content-length") or "0"
                    if declared.isdigit() and int(declared) > cap:
                        raise SourceError(url, f"response too large ({int(declared):,} bytes; limit {cap:,})")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > cap:
                            raise SourceError(url, f"response too large (over {cap:,} bytes)")
                        chunks.append(chunk)
                    return Fetched(
                        url=str(response.url),
                        content=b"".join(chunks),
                        content_type=response.headers.get("content-type", ""),
                        status=response.status_code,
                        headers=dict(response.headers),
                        moved_to=moved_to,
                    )
            except RefusedAddress as exc:
                where = "" if current == first else f" (redirected to {current})"
                raise SourceError(url, f"{exc}{where}") from None
            except httpx.TimeoutException:
                raise NetworkError(url, f"timed out after {limits.http_timeout:g} s") from None
            except httpx.InvalidURL as exc:
                raise SourceError(url, f"malformed URL ({exc})") from None
            except httpx.HTTPError as exc:
                raise NetworkError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from None
            except UnicodeError as exc:  # a host name IDNA cannot encode
                raise SourceError(url, f"malformed URL ({exc})") from None
    raise SourceError(url, f"too many redirects (more than {limits.max_redirects})")

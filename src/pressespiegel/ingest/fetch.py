"""HTTP fetching with the limits a crawler that takes URLs from users and feeds needs.

Every hop of a redirect chain is resolved and refused when it points at a private, loopback,
link-local or otherwise non-public address (server-side request forgery), unless the caller
allows it. Bodies are streamed and cut off at a size limit.

For polling, a caller may send validators (``If-None-Match``, ``If-Modified-Since``) in
``headers``: a 304 answer comes back as a :class:`Fetched` with ``status`` 304 and no body, and
``moved_to`` names the final URL when every hop of the redirect chain was permanent (301/308).
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from pressespiegel import __version__
from pressespiegel.errors import SourceError
from pressespiegel.ingest.limits import Limits

USER_AGENT = f"pressespiegel/{__version__} (+self-hosted media monitor)"


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


def check_address(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise SourceError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    host = parts.hostname
    if not host:
        raise SourceError(url, "URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise SourceError(url, f"cannot resolve host {host!r} ({exc.strerror})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise SourceError(
                url,
                f"refused: {host} resolves to non-public address {address} "
                "(use --allow-private to fetch from your own network)",
            )


def fetch(
    url: str, limits: Limits, *, max_bytes: int | None = None, headers: Mapping[str, str] | None = None
) -> Fetched:
    """GET ``url`` following at most ``limits.max_redirects`` checked redirects; raise SourceError.

    ``headers`` are sent with every hop (conditional-GET validators); a 304 is returned, not raised.
    """
    cap = max_bytes or limits.max_document_bytes
    current = url
    permanent = True
    sent = {"User-Agent": USER_AGENT, **(headers or {})}
    with httpx.Client(
        timeout=limits.http_timeout, follow_redirects=False, headers=sent, verify=tls_context()
    ) as client:
        for _ in range(limits.max_redirects + 1):
            check_address(current, allow_private=limits.allow_private)
            try:
                with client.stream("GET", current) as response:
                    moved_to = current if permanent and current != url else None
                    if response.status_code == 304:  # not modified: the caller's copy is current
                        return Fetched(url=current, content=b"", content_type="", status=304,
                                       headers=dict(response.headers), moved_to=moved_to)  # fmt: skip
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise SourceError(url, f"redirect without Location from {current}")
                        current = urljoin(current, location)
                        permanent = permanent and response.status_code in {301, 308}
                        continue
                    if response.status_code >= 400:
                        raise HTTPStatusError(
                            url, f"HTTP {response.status_code} from {current}", response.status_code,
                            response.headers.get("retry-after"),
                        )  # fmt: skip
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > cap:
                        raise SourceError(url, f"response too large ({declared:,} bytes; limit {cap:,})")
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
            except httpx.TimeoutException:
                raise NetworkError(url, f"timed out after {limits.http_timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise NetworkError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from None
    raise SourceError(url, f"too many redirects (more than {limits.max_redirects})")

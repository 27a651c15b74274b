"""Webhooks: one JSON POST per event, with the event key as ``Idempotency-Key``.

The target is checked like any URL the monitor fetches (http(s) only; private and loopback
addresses only with ``--allow-private``); redirects are not followed, 2xx counts as delivered.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx

from pressespiegel.delivery.mail import DeliveryError
from pressespiegel.errors import SourceError
from pressespiegel.ingest.fetch import USER_AGENT, check_address

#: Seconds a webhook receiver may take to answer.
WEBHOOK_TIMEOUT = 15.0


def post(url: str, payload: dict[str, Any], key: str, *, allow_private: bool) -> None:
    """POST ``payload`` as JSON to ``url``; raise DeliveryError."""
    try:
        check_address(url, allow_private=allow_private)
    except SourceError as exc:
        raise DeliveryError(f"webhook {exc}", transient=False) from None
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "Idempotency-Key": quote(key, safe=":"),
        "X-Pressespiegel-Event": quote(key, safe=":"),
    }
    try:
        response = httpx.post(
            url, content=body, headers=headers, timeout=WEBHOOK_TIMEOUT, follow_redirects=False
        )
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook {url}: {type(exc).__name__}: {exc}") from None
    if not 200 <= response.status_code < 300:
        transient = response.status_code >= 500 or response.status_code in {408, 429}
        raise DeliveryError(f"webhook {url}: HTTP {response.status_code}", transient=transient)

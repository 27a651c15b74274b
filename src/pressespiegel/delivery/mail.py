"""E-mail through SMTP: configured by a URL (``--smtp`` or ``$PRESSESPIEGEL_SMTP``).

``smtp://host:25`` (plain, for a local relay), ``smtp+starttls://user:password@host:587`` or
``smtps://user:password@host:465``. Credentials are sent only over TLS, never in the clear.
The sender is ``--mail-from`` / ``$PRESSESPIEGEL_MAIL_FROM``. Each message carries a
Message-ID derived from its event, so a receiver can tell a repeat from a new message.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import quote, unquote, urlsplit

from pressespiegel.errors import PressespiegelError

#: Seconds an SMTP conversation may take.
SMTP_TIMEOUT = 30.0
SCHEMES = {"smtp": "plain", "smtp+starttls": "starttls", "smtps": "ssl"}


class DeliveryError(PressespiegelError):
    """A message could not be delivered; ``transient`` says whether trying again may help."""

    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True, kw_only=True, slots=True)
class MailConfig:
    """Where and how mail is sent."""

    host: str
    port: int
    security: str
    sender: str
    user: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str, sender: str | None) -> MailConfig:
        """Read an SMTP URL; raise PressespiegelError saying what is wrong with it."""
        parts = urlsplit(url)
        security = SCHEMES.get(parts.scheme.lower())
        if security is None or not parts.hostname:
            raise PressespiegelError(
                f"SMTP URL {_redacted(url)!r}: use smtp://host:25, smtp+starttls://user:pw@host:587 "
                "or smtps://user:pw@host:465"
            )
        try:
            port = parts.port or {"plain": 25, "starttls": 587, "ssl": 465}[security]
        except ValueError as exc:
            raise PressespiegelError(f"SMTP URL {_redacted(url)!r}: {exc}") from None
        if parts.username and security == "plain":
            raise PressespiegelError("SMTP credentials need TLS: use smtp+starttls:// or smtps://")
        if not sender or "@" not in sender:
            raise PressespiegelError("mail needs a sender address: --mail-from or $PRESSESPIEGEL_MAIL_FROM")
        return cls(
            host=parts.hostname,
            port=port,
            security=security,
            sender=sender,
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    return url.replace(parts.password, "***") if parts.password else url


def message_id(key: str) -> str:
    """A stable Message-ID for an event key."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@pressespiegel>"


def build_message(
    config: MailConfig, to: Sequence[str], subject: str, html: str, text: str, key: str
) -> EmailMessage:
    """A multipart message (plain text and HTML) from the configured sender."""
    message = EmailMessage()
    message["From"] = config.sender
    message["To"] = ", ".join(to)
    message["Subject"] = subject.replace("\n", " ").replace("\r", " ")
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id(key)
    message["X-Pressespiegel-Event"] = quote(key, safe=":")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def send(config: MailConfig, message: EmailMessage) -> None:
    """Hand ``message`` to the SMTP server; raise DeliveryError (transient unless refused)."""
    try:
        if config.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                config.host, config.port, timeout=SMTP_TIMEOUT, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(config.host, config.port, timeout=SMTP_TIMEOUT)
        with client:
            if config.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if config.user:
                client.login(config.user, config.password or "")
            refused = client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        refused_all = f"SMTP server refused every recipient: {exc.recipients}"
        raise DeliveryError(refused_all, transient=False) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"SMTP login failed ({exc.smtp_code})", transient=False) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"cannot send mail via {config.host}:{config.port} ({exc})") from None
    if refused:
        raise DeliveryError(f"SMTP server refused some recipients: {sorted(refused)}", transient=False)

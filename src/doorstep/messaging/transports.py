"""How messages leave Doorstep. The default `outbox` stores them and shows them on a page.

A transport takes a stored outbound message and returns the provider's reference.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from django.conf import settings

from doorstep.conversations.models import Message


class TransportError(RuntimeError):
    """The provider refused or failed; the message stays queued to retry."""


class Transport(Protocol):
    name: str

    def send(self, message: Message) -> str: ...


class OutboxTransport:
    """Keeps messages in Doorstep: nothing leaves the machine. For demos and development."""

    name = "outbox"

    def send(self, message: Message) -> str:
        return f"outbox-{uuid.uuid4()}"


_TRANSPORTS: dict[str, type[Transport]] = {"outbox": OutboxTransport}


def get_transport(name: str | None = None) -> Transport:
    chosen = name or settings.DOORSTEP_TRANSPORT
    try:
        return _TRANSPORTS[chosen]()
    except KeyError as exc:
        known = ", ".join(sorted(_TRANSPORTS))
        raise TransportError(f"Unknown transport {chosen!r}: use one of {known}") from exc

"""One sender's messages are processed one at a time, so a new person is created once.

Two first messages from the same new number can arrive together; without this, both would
find nobody and create two residents. On PostgreSQL a transaction-level advisory lock keyed
on the sender serialises them; SQLite already serialises writers (BEGIN IMMEDIATE).
"""

from __future__ import annotations

import hashlib

from django.db import connection

from doorstep.conversations.identify import SenderDetails


def sender_key(organisation_id: int, sender: SenderDetails) -> int:
    identity = sender.phone or sender.email.lower() or f"{sender.last_name}|{sender.postcode}"
    digest = hashlib.sha256(f"{organisation_id}|{identity}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_sender(organisation_id: int, sender: SenderDetails) -> None:
    """Call inside a transaction: held until it ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [sender_key(organisation_id, sender)]
            )

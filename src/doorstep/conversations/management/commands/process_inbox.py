"""Process inbound messages that were stored but could not be processed (they are never lost)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from doorstep.conversations.actions import process_message
from doorstep.conversations.models import Message


class Command(BaseCommand):
    help = "Retry processing every stored inbound message that has not been processed."

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = Message.objects.filter(direction=Message.Direction.IN, processed_at__isnull=True)
        done = failed = 0
        for message in waiting.order_by("received_at", "id"):
            process_message(message)
            message.refresh_from_db()
            if message.processed_at:
                done += 1
            else:
                failed += 1
                self.stderr.write(f"Message {message.pk} still fails: {message.processing_error}")
        self.stdout.write(f"Processed {done} waiting messages; {failed} still failing")

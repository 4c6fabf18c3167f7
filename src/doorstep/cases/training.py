"""Guide corrections of triage, exported as training examples for the engine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from doorstep.cases.models import TriageCorrection


def correction_rows() -> Iterator[dict[str, Any]]:
    """One row per correction, in the labelled data set's format (split: train)."""
    corrections = TriageCorrection.objects.select_related("message").order_by("pk")
    for correction in corrections.iterator(chunk_size=500):
        if correction.message is None:
            continue
        yield {
            "id": f"correction-{correction.pk}",
            "text": correction.message.body,
            "channel": correction.message.channel,
            "language": correction.after.get("language", "und"),
            "needs": correction.after.get("needs", []),
            "urgency": correction.after.get("urgency", "routine"),
            "safeguarding": bool(correction.after.get("safeguarding")),
            "is_offer": False,
            "is_spam": False,
            "split": "train",
        }

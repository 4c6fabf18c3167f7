from __future__ import annotations

import uuid

from django.db import models

LOCAL_SOURCE = "doorstep"  # made on the staff pages; an import never overwrites these


def uuid_pk() -> models.UUIDField[uuid.UUID | str, uuid.UUID]:
    """The UUID primary key every Open Referral UK entity has."""
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def doorstep(request: HttpRequest) -> dict[str, object]:
    return {"hub_name": settings.DOORSTEP_HUB_NAME}

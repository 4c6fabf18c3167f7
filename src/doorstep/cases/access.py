"""Access helpers for help requests: 404 for other organisations' records."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from doorstep.accounts.models import User
from doorstep.cases.models import HelpRequest, Need


def get_help_request_for_user(user: User, pk: int) -> HelpRequest:
    return get_object_or_404(
        HelpRequest.objects.visible_to(user).select_related("resident", "guide"), pk=pk
    )


def get_need_for_user(user: User, pk: int) -> Need:
    return get_object_or_404(
        Need.objects.filter(help_request__organisation_id=user.org_id).select_related(
            "help_request"
        ),
        pk=pk,
    )

"""Access helpers for conversations: 404 for other organisations' records."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from doorstep.accounts.models import User
from doorstep.conversations.models import PossibleMatch


def get_pending_match_for_user(user: User, pk: int) -> PossibleMatch:
    pending = PossibleMatch.objects.filter(
        status=PossibleMatch.Status.PENDING, new_resident__organisation_id=user.org_id
    )
    return get_object_or_404(pending, pk=pk)

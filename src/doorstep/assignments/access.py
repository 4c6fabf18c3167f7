"""Access helpers for assignments: 404 for anything the user's organisation did not get."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from doorstep.accounts.models import User
from doorstep.assignments.models import Assignment


def get_assignment_for_user(user: User, pk: int) -> Assignment:
    assignments = Assignment.objects.visible_to(user).select_related(
        "need__help_request__resident", "group", "helper", "volunteer"
    )
    return get_object_or_404(assignments, pk=pk)

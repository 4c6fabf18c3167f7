"""Who can help with a need: the matching engine's proposals for a guide."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorstep.accounts.access import casework_required, staff
from doorstep.cases.access import get_need_for_user
from doorstep.matching import service
from doorstep.matching.engine_explain import language_name


@require_GET
@casework_required
def need_proposals(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(staff(request), pk)
    show_all = request.GET.get("all") == "1"
    rows = service.proposal_rows(need, include_lower_tiers=show_all)
    spec = service.need_spec(need)
    looking_for = []
    if spec.needs_language_match:
        looking_for.append(f"speaks {language_name(spec.language)}")
    if spec.diet_applies:
        looking_for.append(f"can provide {' and '.join(sorted(spec.diet))} food")
    if spec.location is None:
        looking_for.append("distance unknown: the resident has no address on the map")
    context = {
        "need": need,
        "help_request": need.help_request,
        "rows": rows,
        "show_all": show_all,
        "looking_for": looking_for,
        "no_match_steps": [] if rows else service.no_match_steps(need),
        "live": need.assignments.live().first(),
        "declined": need.assignments.filter(status="declined").order_by("-decided_at")[:5],
    }
    return render(request, "matching/proposals.html", context)

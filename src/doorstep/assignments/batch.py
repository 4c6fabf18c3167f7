"""Batch assignment for coordinators: choose open needs, review the best plan, confirm.

The plan is the matching engine's optimal assignment (best total fit under capacities),
shown beside what greedy first-come assignment would have given. Confirming checks each
pair again, since offers may have filled up between review and confirm.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import coordinator_required, staff
from doorstep.accounts.models import User
from doorstep.assignments.actions import do_assign_batch
from doorstep.assignments.forms import BatchForm
from doorstep.assignments.models import Assignment
from doorstep.cases.models import Need
from doorstep.matching import BatchResult, Key, service

SHOWN = 300
CHOSEN_FIRST = 100


def unassigned_needs(user: User) -> QuerySet[Need]:
    """Open needs of the hub's open requests that nobody is asked to help with yet."""
    live = Assignment.objects.live().filter(need=OuterRef("pk"))
    return (
        Need.objects.filter(help_request__organisation_id=user.org_id, status=Need.Status.OPEN)
        .exclude(help_request__status="closed")
        .exclude(Exists(live))
        .select_related("help_request__resident")
        .order_by("help_request__first_contact_due", "pk")
    )


@require_GET
@coordinator_required
def batch(request: HttpRequest) -> HttpResponse:
    needs = unassigned_needs(staff(request))
    shown = list(needs[:SHOWN])
    form = BatchForm(initial={"needs": [n.pk for n in shown[:CHOSEN_FIRST]]}, needs=needs)
    return render(
        request,
        "assignments/batch.html",
        {"form": form, "needs": shown, "total": needs.count(), "chosen_first": CHOSEN_FIRST},
    )


@require_POST
@coordinator_required
def batch_plan(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    needs = unassigned_needs(user)
    form = BatchForm(request.POST, needs=needs)
    if not form.is_valid():
        shown = list(needs[:SHOWN])
        context = {"form": form, "needs": shown, "total": needs.count()}
        return render(request, "assignments/batch.html", context, status=400)
    chosen = list(form.cleaned_data["needs"])
    result = service.plan_batch(chosen, user.org_id)
    return render(request, "assignments/batch_plan.html", plan_context(chosen, result))


def plan_context(needs: list[Need], result: BatchResult) -> dict[str, Any]:
    by_id: dict[Key, Need] = {need.pk: need for need in needs}
    names = service.helper_names(result.assignments)
    rows = [
        {
            "need": by_id[p.need_id],
            "helper": names.get(str(p.offer_id), ""),
            "tier": service.TIER_LABELS[p.tier],
            "proposal": p,
        }
        for p in result.assignments
    ]
    left_out = [(by_id[k], result.unassigned_reasons[k]) for k in result.unassigned]
    return {
        "rows": rows,
        "chosen_count": len(needs),
        "left_out": left_out,
        "result": result,
        "gain": result.total_fit - result.greedy_total_fit,
        "tiers": [
            (service.TIER_LABELS[t], result.tier_counts[t], result.greedy_tier_counts[t])
            for t in result.tier_counts
        ],
    }


@require_POST
@coordinator_required
def batch_confirm(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    pairs = _pairs(user, request.POST.getlist("pair"))
    if not pairs:
        messages.error(request, "There was nothing to confirm: choose needs and plan again")
        return redirect("batch")
    outcome = do_assign_batch(user, pairs)
    count = len(outcome.assigned)
    messages.success(request, f"{count} need{'s' if count != 1 else ''} assigned")
    if gone := len(set(request.POST.getlist("pair"))) - len(pairs):
        messages.error(request, f"{gone} of the needs were closed or assigned meanwhile")
    for need, why in outcome.refused:
        who = need.help_request.resident.first_name
        messages.error(request, f"{need.get_code_display()} for {who} was not assigned: {why}")
    return redirect("batch")


def _pairs(user: User, values: list[str]) -> list[tuple[Need, str]]:
    """(need, offer key) from "need:offer" values, keeping only the hub's open needs."""
    wanted: dict[int, str] = {}
    for value in values:
        need_id, _, offer_key = value.partition(":")
        if need_id.isdigit() and offer_key:
            wanted[int(need_id)] = offer_key
    needs = unassigned_needs(user).filter(pk__in=wanted)
    return [(need, wanted[need.pk]) for need in needs]

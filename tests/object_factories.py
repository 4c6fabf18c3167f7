"""How to make one object for each URL that takes an id: used by the outsider-404 test.

Each factory makes the object in the given (hub) organisation and returns the URL kwargs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from doorstep.accounts.models import Organisation, Role, User
from doorstep.assignments.models import Assignment
from doorstep.cases.models import HelpRequest, Need
from doorstep.conversations.actions import do_receive_message
from doorstep.conversations.identify import SenderDetails
from doorstep.conversations.models import PossibleMatch
from doorstep.lib import clock
from doorstep.sharing.actions import do_break_glass
from doorstep.sharing.agreement_actions import AgreementDraft, do_draft_agreement
from doorstep.sharing.holds import place_hold, raise_rights_request
from tests import factories
from tests.directory.object_factories import DIRECTORY_OBJECT_FACTORIES, DIRECTORY_STATE_CHANGING

Factory = Callable[[Organisation, User], dict[str, object]]


def a_help_request(hub: Organisation, guide: User) -> HelpRequest:
    do_receive_message(
        hub.pk,
        channel="sms",
        body="need shopping please",
        provider_id="obj-1",
        sender=SenderDetails(phone="+447700900999"),
    )
    return HelpRequest.objects.get(resident__phone="+447700900999")


def request_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    return {"pk": a_help_request(hub, guide).pk}


def need_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    return {"pk": Need.objects.filter(help_request=a_help_request(hub, guide)).first().pk}  # type: ignore[union-attr]


def match_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    known = factories.make_resident(hub, phone="+447700900998")
    new = factories.make_resident(hub, phone="+447700900997")
    match = PossibleMatch.objects.create(
        new_resident=new, known_resident=known, score=0.5, created_at=known.created_at
    )
    return {"pk": match.pk}


def assignment_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    need = Need.objects.filter(help_request=a_help_request(hub, guide)).get()
    assignment = Assignment.objects.create(
        organisation=hub,
        need=need,
        tier="community",
        helper_name="A helper",
        status=Assignment.Status.ACCEPTED,
        assigned_at=clock.now(),
    )
    return {"pk": assignment.pk}


OBJECT_FACTORIES: dict[str, Factory] = {
    "request_detail": request_kwargs,
    "confirm_triage": request_kwargs,
    "correct_triage": request_kwargs,
    "reply": request_kwargs,
    "add_note": request_kwargs,
    "record_contact": request_kwargs,
    "record_outcome": need_kwargs,
    "record_diet": request_kwargs,
    "need_proposals": need_kwargs,
    "decide_match": match_kwargs,
    "assign_help": need_kwargs,
    "cancel_assignment": assignment_kwargs,
    "community_assignment": assignment_kwargs,
    "accept_assignment": assignment_kwargs,
    "decline_assignment": assignment_kwargs,
    "give_to_volunteer": assignment_kwargs,
    "report_outcome": assignment_kwargs,
}

# Every URL that changes state: must refuse GET and refuse POST without a CSRF token.
STATE_CHANGING = [
    "confirm_triage",
    "correct_triage",
    "reply",
    "add_note",
    "record_contact",
    "record_outcome",
    "record_diet",
    "decide_match",
    "assign",
    "assign_help",
    "cancel_assignment",
    "accept_assignment",
    "decline_assignment",
    "give_to_volunteer",
    "report_outcome",
    "batch_plan",
    "batch_confirm",
]


def agreement_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    partner = factories.make_organisation("Partner for agreements")
    dpo = factories.make_user(hub, Role.DATA_PROTECTION_LEAD)
    today = clock.now().date()
    agreement = do_draft_agreement(
        dpo,
        AgreementDraft(
            title="Test agreement",
            parties={hub.pk: "controller", partner.pk: "recipient"},
            purposes=frozenset({"task"}),
            field_allow_list={"resident": frozenset({"first_name"})},
            lawful_basis="public_task",
            starts=today,
            review_date=today + dt.timedelta(days=90),
        ),
    )
    return {"pk": agreement.pk}


OBJECT_FACTORIES |= {
    f"sharing:{name}": agreement_kwargs
    for name in ("agreement", "activate", "suspend", "end", "review")
}
STATE_CHANGING += ["sharing:activate", "sharing:suspend", "sharing:end", "sharing:review"]
OBJECT_FACTORIES |= {
    "sharing:agreement_edit": agreement_kwargs,
    "sharing:agreement_update": agreement_kwargs,
}


def resident_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    return {"pk": factories.make_resident(hub, phone="+447700900996").pk}


def break_glass_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    resident = factories.make_resident(hub, phone="+447700900995")
    grant = do_break_glass(guide, resident, "Neighbour reports no answer for two days")
    return {"pk": grant.pk}


def rights_request_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    resident = factories.make_resident(hub, phone="+447700900994")
    return {"pk": raise_rights_request(guide, resident, "restriction", "Asked us to pause").pk}


def hold_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    resident = factories.make_resident(hub, phone="+447700900993")
    dpo = factories.make_user(hub, Role.DATA_PROTECTION_LEAD)
    return {"pk": place_hold(dpo, resident, "legal", "Solicitor's letter: claim expected").pk}


OBJECT_FACTORIES |= {
    f"sharing:{name}": resident_kwargs
    for name in (
        "subject_access",
        "subject_access_json",
        "rights",
        "rights_raise",
        "hold_place",
        "break_glass_new",
        "break_glass_start",
    )
}
OBJECT_FACTORIES |= {
    "sharing:break_glass": break_glass_kwargs,
    "sharing:break_glass_review": break_glass_kwargs,
    "sharing:rights_resolve": rights_request_kwargs,
    "sharing:hold_lift": hold_kwargs,
}
STATE_CHANGING += [
    f"sharing:{name}"
    for name in (
        "agreement_create",
        "agreement_update",
        "break_glass_start",
        "break_glass_review",
        "rights_raise",
        "rights_resolve",
        "hold_place",
        "hold_lift",
    )
]
OBJECT_FACTORIES |= DIRECTORY_OBJECT_FACTORIES
STATE_CHANGING += DIRECTORY_STATE_CHANGING

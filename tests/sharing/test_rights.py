"""Subject access export, and rectification, restriction and objection flags.

Sam has a little of everything; Pat lives in the same household and must never appear in
Sam's export. Only synthetic people.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from doorstep.accounts.models import Organisation, Role, User
from doorstep.audit.actions import record_read
from doorstep.audit.models import AuditEvent
from doorstep.cases.models import (
    CaseNote,
    ClockAlert,
    ContactAttempt,
    HelpRequest,
    Need,
    TriageCorrection,
)
from doorstep.conversations.models import Conversation, Message, PossibleMatch
from doorstep.lib import clock
from doorstep.people.models import Household, NetworkMember, Resident
from doorstep.sharing import rights
from doorstep.sharing.actions import do_break_glass, do_record_correction, do_share
from doorstep.sharing.errors import NotAllowed
from doorstep.sharing.holds import place_hold
from doorstep.sharing.models import Agreement, ShareEvent
from tests import factories
from tests.sharing.factories import add_note, make_agreement, make_consent, make_help_request

HOSTILE = "<script>alert('sam')</script>"


@dataclass
class World:
    sam: Resident
    pat: Resident
    request: HelpRequest
    agreement: Agreement


def converse(resident: Resident, *bodies: tuple[str, str]) -> Conversation:
    now = clock.now()
    thread = Conversation.objects.create(resident=resident, created_at=now, last_message_at=now)
    for direction, body in bodies:
        Message.objects.create(
            organisation_id=resident.organisation_id,
            conversation=thread,
            direction=direction,
            channel="sms",
            body=body,
            received_at=now,
        )
    return thread


def share(
    actor: User, to_org: Organisation, record: tuple[str, int], resident: Resident | None
) -> ShareEvent:
    record_type, record_id = record
    fields = ("first_name", "phone") if record_type == "resident" else ("status", "urgency")
    return do_share(
        actor,
        to_org=to_org,
        purpose="referral",
        record_type=record_type,
        record_id=record_id,
        record_org_id=actor.organisation_id or 0,
        fields=fields,
        resident=resident,
    )


def fill_request(request: HelpRequest, alice: User) -> None:
    now = clock.now()
    Need.objects.create(help_request=request, code="food", outcome="Parcel from the food bank")
    add_note(request, alice, CaseNote.Kind.FACT, "Sam lives alone on the third floor")
    add_note(request, alice, CaseNote.Kind.OPINION, "Sam seemed worried about money")
    ContactAttempt.objects.create(
        help_request=request, guide=alice, method="phone", reached=False, note="Voicemail", at=now
    )
    TriageCorrection.objects.create(
        help_request=request,
        corrected_by=alice,
        before={"needs": ["other"], "urgency": "routine"},
        after={"needs": ["food"], "urgency": "urgent"},
        created_at=now,
    )
    ClockAlert.objects.create(help_request=request, kind="nearing", created_at=now)


@pytest.fixture
def world(
    hub: Organisation, nhs: Organisation, dora: User, alice: User, bob: User, sam: Resident
) -> World:
    address = factories.make_address("7 Synthetic Road", "M32 0TA")
    household = Household.objects.create(organisation=hub, address=address)
    Resident.objects.filter(pk=sam.pk).update(household=household, address=address)
    sam.refresh_from_db()
    pat = factories.make_resident(
        hub, first_name="Patience", last_name="Zephyr", phone="+447700900999", household=household
    )
    agreement = make_agreement(
        dora,
        {hub: "controller", nhs: "controller"},
        title="Hub and NHS",
        fields={"resident": ("first_name", "phone"), "help_request": ("status", "urgency")},
    )
    NetworkMember.objects.create(
        resident=sam, name="Jo Neighbour", relationship="neighbour", phone="+447700900222"
    )
    make_consent(sam, dora)
    converse(sam, ("in", f"I need food {HOSTILE}"), ("out", "A Local Guide will call you"))
    request = make_help_request(sam, guide=alice)
    fill_request(request, alice)
    other = factories.make_resident(hub, first_name="Quentin", last_name="Xylo")
    PossibleMatch.objects.create(
        new_resident=other,
        known_resident=sam,
        score=0.8,
        reasons=["same phone"],
        created_at=clock.now(),
    )
    rights.raise_rights_request(alice, sam, "rectification", "Phone number is out of date")
    place_hold(dora, sam, "legal", "Solicitor asked us to keep the record")
    do_break_glass(bob, sam, "Ambulance crew at the door needs the key safe code")
    share(bob, nhs, ("resident", sam.pk), sam)
    share(bob, nhs, ("help_request", request.pk), None)
    do_record_correction(bob, "resident", sam.pk, ["phone"])
    record_read(alice, request, "casework", ["notes_fact", "thread"], basis="public_task")
    converse(pat, ("in", "PAT-SECRET-MESSAGE"))
    pat_request = make_help_request(pat)
    add_note(pat_request, alice, CaseNote.Kind.FACT, "PAT-SECRET-NOTE")
    share(bob, nhs, ("resident", pat.pk), pat)
    return World(sam, pat, request, agreement)


def test_the_export_holds_every_kind_of_record(world: World, dora: User) -> None:
    export = rights.subject_access_export(dora, world.sam)
    assert export["resident"]["first_name"] == "Sam"
    assert export["resident"]["accessibility_needs"] == "Uses a wheelchair"
    assert export["address"]["text"] == "7 Synthetic Road, M32 0TA"
    assert export["household"]["address"] == "7 Synthetic Road, M32 0TA"
    assert [m["name"] for m in export["network"]] == ["Jo Neighbour"]
    assert len(export["consents"]) == 1
    directions = [m["direction"] for m in export["messages"]]
    assert directions == ["From the resident", "To the resident"]
    (request,) = export["help_requests"]
    assert [n["outcome"] for n in request["needs"]] == ["Parcel from the food bank"]
    assert {(n["kind"], n["author"]) for n in request["notes"]} == {
        ("Fact", "Alice Example"),
        ("Opinion", "Alice Example"),
    }
    assert [a["note"] for a in request["contact_attempts"]] == ["Voicemail"]
    assert request["triage_corrections"][0]["after"]["needs"] == ["food"]
    assert request["clock_alerts"][0]["kind"] == "Nearing breach"
    assert export["possible_matches"][0]["why"] == ["same phone"]
    assert export["rights_requests"][0]["note"] == "Phone number is out of date"
    assert export["holds"][0]["kind"] == "Legal hold"
    assert export["break_glass"][0]["reason"].startswith("Ambulance crew")


def test_every_share_is_listed_with_whom_when_why_basis_and_fields(
    world: World, dora: User
) -> None:
    shares = rights.subject_access_export(dora, world.sam)["shares"]
    assert [(s["kind"], s["record"]) for s in shares] == [
        ("Shared", "resident"),
        ("Shared", "help request"),
        ("Correction passed on", "resident"),
    ]
    first = shares[0]
    assert (first["to"], first["from"], first["purpose"]) == (
        "Trafford NHS Trust",
        "Trafford Council",
        "referral",
    )
    assert first["why"] == "Referring a resident to a partner who can help"
    assert first["basis"] == "Public task, Art. 6(1)(e)"
    assert first["fields"] == ["first_name", "phone"]
    assert first["field_labels"] == ["First name", "Phone number"]
    assert first["agreement"] == {"id": world.agreement.pk, "title": "Hub and NHS"}
    assert first["at"] == clock.now().isoformat()
    assert shares[1]["fields"] == ["status", "urgency"]


def test_nothing_of_a_household_member_or_a_possible_match_appears(
    world: World, dora: User
) -> None:
    export = rights.subject_access_export(dora, world.sam)
    text = json.dumps(export) + rights.render_subject_access(export)
    for secret in ("Patience", "Zephyr", "+447700900999", "PAT-SECRET", "Quentin", "Xylo"):
        assert secret not in text
    shared_residents = {s["record_id"] for s in export["shares"] if s["record"] == "resident"}
    assert shared_residents == {world.sam.pk}
    assert ShareEvent.objects.filter(resident=world.pat).exists()


def test_the_export_is_written_to_the_audit_log(world: World, dora: User) -> None:
    rights.subject_access_export(dora, world.sam)
    entry = AuditEvent.objects.filter(action="export").get()
    assert (entry.actor_name, entry.purpose) == ("dora", "subject access request")
    assert (entry.subject_type, entry.subject_id) == ("people.Resident", str(world.sam.pk))
    assert entry.detail["counts"]["shares"] == 3


def test_the_export_says_who_read_the_record_and_why(world: World, dora: User) -> None:
    audit = rights.subject_access_export(dora, world.sam)["audit"]
    reads = [e for e in audit if e["action"] == "Read"]
    assert reads == [
        {
            "at": clock.now().isoformat(),
            "action": "Read",
            "by": "alice",
            "organisation": "Trafford Council",
            "record": f"cases.HelpRequest {world.request.pk}",
            "purpose": "casework",
            "basis": "public_task",
            "fields": ["notes_fact", "thread"],
        }
    ]
    assert {"Share", "Break-glass access", "Create"} <= {e["action"] for e in audit}


def test_the_html_page_shows_every_section_and_escapes_what_people_wrote(
    world: World, dora: User
) -> None:
    page = rights.render_subject_access(rights.subject_access_export(dora, world.sam))
    assert "{% extends" not in page and 'class="govuk-summary-list"' in page
    for heading in (
        "About you",
        "Your own people",
        "Your consent",
        "Messages between you and us",
        "What you asked for help with",
        "Who we shared your information with",
        "Who looked at or changed your record",
        "Holds on deleting your record",
    ):
        assert f">{heading}</h2>" in page
    assert "Trafford NHS Trust" in page and "Public task, Art. 6(1)(e)" in page
    assert "&lt;script&gt;alert(&#x27;sam&#x27;)&lt;/script&gt;" in page
    assert HOSTILE not in page and "style=" not in page


def test_only_the_organisations_data_protection_lead_may_export(
    world: World, alice: User, charlie: User, nhs: Organisation
) -> None:
    nhs_dpo = factories.make_user(nhs, Role.DATA_PROTECTION_LEAD)
    for actor in (alice, charlie, nhs_dpo):
        with pytest.raises(NotAllowed):
            rights.subject_access_export(actor, world.sam)
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_command_writes_json_and_html(world: World, dora: User, tmp_path: Path) -> None:
    out_json, out_html = tmp_path / "sam.json", tmp_path / "sam.html"
    call_command("subject_access_export", str(world.sam.pk), "--output", str(out_json))
    call_command(
        "subject_access_export",
        str(world.sam.pk),
        "--format=html",
        f"--output={out_html}",
        "--requested-by=dora",
    )
    assert json.loads(out_json.read_text())["resident"]["first_name"] == "Sam"
    assert "Who we shared your information with" in out_html.read_text()
    actors = list(AuditEvent.objects.filter(action="export").values_list("actor_name", flat=True))
    assert actors == ["", "dora"]


def test_the_command_refuses_an_unknown_resident_or_requester(world: World) -> None:
    with pytest.raises(CommandError, match="No resident"):
        call_command("subject_access_export", "999999", "--output=/dev/null")
    with pytest.raises(CommandError, match="No user"):
        call_command(
            "subject_access_export", str(world.sam.pk), "--output=/dev/null", "--requested-by=x"
        )


def test_restriction_and_objection_show_until_resolved(
    sam: Resident, alice: User, dora: User
) -> None:
    rights.raise_rights_request(alice, sam, "rectification", "Wrong phone")
    restriction = rights.raise_rights_request(alice, sam, "restriction", "Pause sharing")
    rights.raise_rights_request(alice, sam, "objection", "Objects to referrals")
    assert rights.active_restrictions(sam) == {"restriction", "objection"}
    rights.resolve_rights_request(dora, restriction, "Sharing paused, then resumed")
    assert rights.active_restrictions(sam) == {"objection"}
    assert AuditEvent.objects.filter(action="create", subject_id=str(sam.pk)).count() == 3


def test_only_staff_raise_and_only_the_data_protection_lead_resolves(
    sam: Resident, alice: User, charlie: User, hub: Organisation
) -> None:
    volunteer = factories.make_user(hub, Role.VOLUNTEER)
    for actor in (volunteer, charlie):
        with pytest.raises(NotAllowed):
            rights.raise_rights_request(actor, sam, "objection")
    flag = rights.raise_rights_request(alice, sam, "objection")
    with pytest.raises(NotAllowed):
        rights.resolve_rights_request(alice, flag, "Done")


def test_the_export_time_is_the_clock(world: World, dora: User) -> None:
    later = clock.advance(dt.timedelta(days=1))
    assert rights.subject_access_export(dora, world.sam)["generated_at"] == later.isoformat()

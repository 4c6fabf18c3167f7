"""The demo: Trafford's real wards, made-up people, and requests with clocks in every state."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from doorstep.accounts.models import Organisation, Role, User
from doorstep.cases.models import HelpRequest
from doorstep.conversations.models import Message, PossibleMatch
from doorstep.demo.reference import SharedDataMissing, shared_data_dir
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.places.models import Neighbourhood


@pytest.fixture(scope="module")
def demo_output(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """Load the demo once for this module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "residents": Resident.objects.count(),
        "requests": HelpRequest.objects.count(),
        "messages": Message.objects.count(),
        "wards": Neighbourhood.objects.count(),
    }


@pytest.mark.django_db
def test_traffords_21_wards_are_loaded_with_their_ons_codes(demo_output: str) -> None:
    wards = Neighbourhood.objects.filter(borough="Trafford")
    assert wards.count() == 21
    assert all(code.startswith("E05") for code in wards.values_list("code", flat=True))
    assert wards.filter(name="Gorse Hill & Cornbrook").exists()


@pytest.mark.django_db
def test_there_are_300_residents_and_every_address_is_placed_in_a_ward(demo_output: str) -> None:
    residents = Resident.objects.all()
    assert residents.count() == 300
    # A newcomer who wrote on the web page gave a postcode but no address yet.
    with_address = residents.filter(address__isnull=False)
    assert with_address.count() >= 297
    unplaced = with_address.filter(Q(address__neighbourhood__isnull=True) | Q(address__h3_cell=""))
    assert not unplaced.exists()


@pytest.mark.django_db
def test_every_role_has_someone_to_sign_in_as(demo_output: str) -> None:
    for role in Role:
        assert User.objects.filter(role=role).exists(), role
    assert User.objects.get(username="guide").check_password("demo-password-2026")


@pytest.mark.django_db
def test_mos_request_is_open_with_a_running_clock_in_the_french_speaking_guides_queue(
    demo_output: str,
) -> None:
    mo = Resident.objects.get(first_name="Mohamed", last_name="Diallo")
    request = mo.help_requests.get()
    assert request.status == HelpRequest.Status.OPEN
    assert request.clock_state(clock.now()) == "running"
    assert request.guide is not None
    assert request.guide.username == "guide"
    assert "fr" in request.guide.languages
    assert mo.language == "fr"
    assert mo.phone == "+447700900456"


@pytest.mark.django_db
def test_jim_has_only_a_landline_and_his_neighbour_pat_helps_with_shopping(
    demo_output: str,
) -> None:
    jim = Resident.objects.get(first_name="Jim", last_name="Hargreaves")
    assert jim.phone == "+441614960123"
    assert jim.email == ""
    assert jim.preferred_channel == "phone"
    pat = jim.network.get(name="Pat")
    assert pat.helps_with == ["shopping"]
    request = jim.help_requests.get()
    assert request.clock_state(clock.now()) == "running"


@pytest.mark.django_db
def test_requests_are_in_every_clock_state(demo_output: str) -> None:
    now = clock.now()
    states = {
        "closed" if r.status == HelpRequest.Status.CLOSED else str(r.clock_state(now))
        for r in HelpRequest.objects.all()
    }
    assert {"running", "breached", "met", "closed"} <= states
    assert HelpRequest.objects.count() >= 300


@pytest.mark.django_db
def test_a_few_possible_matches_wait_for_a_person_to_decide(demo_output: str) -> None:
    assert 2 <= PossibleMatch.objects.filter(status=PossibleMatch.Status.PENDING).count() <= 4


@pytest.mark.django_db
def test_the_output_gives_the_sign_ins_and_where_to_look_first(demo_output: str) -> None:
    assert "guide / demo-password-2026: Local Guide" in demo_output
    assert "Where to look first" in demo_output
    assert "http://127.0.0.1:8000/ask/" in demo_output
    assert "WARNING" not in demo_output


@pytest.mark.django_db
def test_loading_again_without_reset_changes_nothing(demo_output: str) -> None:
    before = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert _counts() == before


def test_a_missing_data_folder_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOORSTEP_SHARED_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(SharedDataMissing, match="nowhere"):
        shared_data_dir()

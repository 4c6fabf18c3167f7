"""Outcomes by tier on the coordinator's page, and DBS checks to renew."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from doorstep.accounts.models import Organisation, User
from doorstep.cases.actions import do_record_need_outcome
from doorstep.cases.models import Need
from doorstep.cases.outcomes import met_by_tier
from tests.helpers import signed_in
from tests.matching_service.conftest import a_need
from tests.offers.factories import make_helper

pytestmark = pytest.mark.django_db


def met(bob: User, need: Need, tier: str) -> None:
    do_record_need_outcome(bob, need, status="met", outcome="", met_by="x", met_tier=tier)


def test_the_community_share_counts_own_network_and_community_over_recorded(
    hub: Organisation, bob: User, frozen_clock: dt.datetime
) -> None:
    for tier in ("own_network", "community", "community", "statutory", ""):
        met(bob, a_need(hub), tier)
    a_need(hub)  # still open: not counted
    outcomes = met_by_tier(Need.objects.all())
    assert outcomes.met == 5
    assert outcomes.recorded == 4
    assert outcomes.unrecorded == 1
    assert outcomes.community_share == pytest.approx(0.75)
    assert dict(outcomes.rows())["Community"] == 2


def test_a_need_not_met_keeps_no_tier(hub: Organisation, bob: User, frozen_clock: object) -> None:
    need = a_need(hub)
    do_record_need_outcome(bob, need, status="not_met", outcome="", met_tier="community")
    assert Need.objects.get().met_tier == ""
    assert met_by_tier(Need.objects.all()).community_share is None


def test_the_coordinator_sees_the_share_and_dbs_checks_to_renew(
    client: Client, hub: Organisation, bob: User, frozen_clock: dt.datetime
) -> None:
    met(bob, a_need(hub), "community")
    met(bob, a_need(hub), "vcse")
    today = frozen_clock.date()
    make_helper(
        hub, name="Soon Expiring", dbs_level="enhanced", dbs_expires=today + dt.timedelta(days=10)
    )
    make_helper(
        hub, name="Fine For Ages", dbs_level="enhanced", dbs_expires=today + dt.timedelta(days=300)
    )
    page = signed_in(client, bob).get(reverse("coordinator")).content.decode()
    assert "50% of 2 met with the helper's circle recorded" in page
    assert "Soon Expiring: enhanced check expires on 3 Dec 2026" in page
    assert "Fine For Ages" not in page

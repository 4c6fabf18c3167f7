"""Assigning help, a group's answer and the outcome: rules, capacity, sharing, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.accounts.models import Organisation, Role, User
from doorstep.assignments import actions
from doorstep.assignments.actions import AssignmentRefused
from doorstep.assignments.models import Assignment
from doorstep.audit.models import AuditEvent
from doorstep.cases.models import HelpRequest, Need
from doorstep.lib import clock
from doorstep.offers.models import Helper
from doorstep.sharing.models import ShareEvent
from tests import factories
from tests.assignments.conftest import offer_of
from tests.matching_service.conftest import a_need
from tests.sharing.factories import make_help_request

pytestmark = pytest.mark.django_db


def key(helper: Helper) -> str:
    return str(offer_of(helper).pk)


def test_a_helper_the_hub_arranges_directly_is_accepted_at_once(
    alice: User, mo_food: Need, neighbour_helper: Helper
) -> None:
    assignment = actions.do_assign_help(alice, mo_food, key(neighbour_helper))
    assert assignment.status == Assignment.Status.ACCEPTED
    assert assignment.tier == "community"
    assert assignment.group is None
    assert any("French" in reason for reason in assignment.reasons)
    assert offer_of(neighbour_helper).current_load == 1
    assert AuditEvent.objects.filter(subject_type="assignments.Assignment").exists()


def test_a_group_gets_the_minimal_view_under_its_agreement_and_must_accept(
    alice: User, mo_food: Need, kitchen: Helper, group: Organisation, agreement: object
) -> None:
    assignment = actions.do_assign_help(alice, mo_food, key(kitchen))
    assert assignment.status == Assignment.Status.WAITING
    assert assignment.group == group
    shares = ShareEvent.objects.filter(to_org=group).order_by("record_type")
    assert [(s.record_type, s.fields) for s in shares] == [
        ("need", ["code", "description"]),
        ("resident", ["first_name"]),
    ]
    assert {s.purpose for s in shares} == {"task"}


def test_without_an_agreement_nothing_is_sent_and_the_guide_is_told_why(
    alice: User, mo_food: Need, kitchen: Helper
) -> None:
    with pytest.raises(AssignmentRefused, match="Old Trafford Community Kitchen cannot be sent"):
        actions.do_assign_help(alice, mo_food, key(kitchen))
    assert not Assignment.objects.exists()
    assert offer_of(kitchen).current_load == 0
    assert not ShareEvent.objects.exists()


def test_a_need_has_one_live_assignment_at_a_time(
    alice: User, mo_food: Need, neighbour_helper: Helper, kitchen: Helper, agreement: object
) -> None:
    actions.do_assign_help(alice, mo_food, key(neighbour_helper))
    with pytest.raises(AssignmentRefused, match="already has a helper"):
        actions.do_assign_help(alice, mo_food, key(kitchen))
    assert Assignment.objects.count() == 1
    assert offer_of(kitchen).current_load == 0


def test_a_full_offer_cannot_be_chosen(
    alice: User, mo_food: Need, neighbour_helper: Helper
) -> None:
    offer = offer_of(neighbour_helper)
    offer.current_load = offer.capacity_per_week
    offer.save()
    with pytest.raises(AssignmentRefused, match="cannot take this on now"):
        actions.do_assign_help(alice, mo_food, key(neighbour_helper))


def test_an_offer_that_does_not_fit_cannot_be_forced_through(
    alice: User, mo_food: Need, hub: Organisation
) -> None:
    """The page sends an offer id; it is checked against the engine again, not trusted."""
    from tests.offers.factories import make_helper, make_offer

    english_only = make_helper(hub, name="English Only", languages=["en"], diets=["halal"])
    offer = make_offer(english_only, need_codes=["food"])
    with pytest.raises(AssignmentRefused):
        actions.do_assign_help(alice, mo_food, str(offer.pk))
    with pytest.raises(AssignmentRefused):
        actions.do_assign_help(alice, mo_food, "not-an-offer")


def test_the_resident_s_own_people_can_be_chosen(alice: User, mo_food: Need) -> None:
    resident = mo_food.help_request.resident
    member = resident.network.create(name="Pat", relationship="neighbour", helps_with=["food"])
    assignment = actions.do_assign_help(alice, mo_food, f"network-{member.pk}")
    assert assignment.tier == "own_network"
    assert assignment.network_member == member
    assert assignment.helper_name == "Pat"


@pytest.fixture
def waiting(alice: User, mo_food: Need, kitchen: Helper, agreement: object) -> Assignment:
    return actions.do_assign_help(alice, mo_food, key(kitchen))


def test_a_leader_accepts(leader: User, waiting: Assignment) -> None:
    actions.do_accept(leader, waiting)
    waiting.refresh_from_db()
    assert waiting.status == Assignment.Status.ACCEPTED
    assert waiting.decided_by == leader


def test_only_the_group_s_leaders_answer(waiting: Assignment, hub: Organisation) -> None:
    other_group = factories.make_organisation("Another Group")
    stranger = factories.make_user(other_group, Role.COMMUNITY_LEADER)
    with pytest.raises(AssignmentRefused, match="Only a leader of the group"):
        actions.do_accept(stranger, waiting)
    volunteer_elsewhere = factories.make_user(hub, Role.VOLUNTEER)
    with pytest.raises(AssignmentRefused):
        actions.do_accept(volunteer_elsewhere, waiting)


def test_a_decline_needs_a_reason_and_gives_the_place_back(
    leader: User, waiting: Assignment, kitchen: Helper, mo_food: Need
) -> None:
    assert offer_of(kitchen).current_load == 1
    with pytest.raises(AssignmentRefused, match="Say why"):
        actions.do_decline(leader, waiting, "  ")
    actions.do_decline(leader, waiting, "No driver on Tuesday")
    waiting.refresh_from_db()
    assert waiting.status == Assignment.Status.DECLINED
    assert waiting.decline_reason == "No driver on Tuesday"
    assert offer_of(kitchen).current_load == 0
    mo_food.refresh_from_db()
    assert mo_food.status == Need.Status.OPEN
    with pytest.raises(AssignmentRefused, match="declined"):
        actions.do_accept(leader, waiting)


def test_a_leader_hands_it_to_their_own_volunteer_only(
    leader: User, volunteer: User, waiting: Assignment, hub: Organisation
) -> None:
    outsider = factories.make_user(hub, Role.VOLUNTEER)
    with pytest.raises(AssignmentRefused, match="your group's own volunteers"):
        actions.do_give_to_volunteer(leader, waiting, outsider)
    actions.do_give_to_volunteer(leader, waiting, volunteer)
    waiting.refresh_from_db()
    assert waiting.status == Assignment.Status.ACCEPTED  # handing on accepts it
    assert waiting.volunteer == volunteer


def test_met_closes_the_need_in_its_tier(
    leader: User, volunteer: User, waiting: Assignment, mo_food: Need, kitchen: Helper
) -> None:
    actions.do_give_to_volunteer(leader, waiting, volunteer)
    actions.do_report_outcome(volunteer, waiting, "met", "Delivered a hot halal meal")
    mo_food.refresh_from_db()
    assert mo_food.status == Need.Status.MET
    assert mo_food.met_tier == "community"
    assert mo_food.met_by == "Old Trafford Community Kitchen"
    assert mo_food.outcome == "Delivered a hot halal meal"
    assert offer_of(kitchen).current_load == 1  # a weekly place stays used this week
    assert mo_food.help_request.status == HelpRequest.Status.CLOSED


def test_not_met_goes_back_to_the_guide(leader: User, waiting: Assignment, mo_food: Need) -> None:
    actions.do_accept(leader, waiting)
    actions.do_report_outcome(leader, waiting, "not_met", "Nobody answered the door")
    mo_food.refresh_from_db()
    assert mo_food.status == Need.Status.OPEN
    waiting.refresh_from_db()
    assert waiting.status == Assignment.Status.DONE


def test_only_the_one_doing_it_reports(
    leader: User, volunteer: User, waiting: Assignment, group: Organisation
) -> None:
    other = factories.make_user(group, Role.VOLUNTEER)
    actions.do_give_to_volunteer(leader, waiting, volunteer)
    with pytest.raises(AssignmentRefused, match="Only the group or volunteer"):
        actions.do_report_outcome(other, waiting, "met", "")
    with pytest.raises(AssignmentRefused, match="whether the need was met"):
        actions.do_report_outcome(volunteer, waiting, "maybe", "")


def test_a_guide_takes_an_assignment_back(
    alice: User, waiting: Assignment, kitchen: Helper
) -> None:
    actions.do_cancel(alice, waiting)
    assert offer_of(kitchen).current_load == 0
    with pytest.raises(AssignmentRefused, match="already finished"):
        actions.do_cancel(alice, waiting)


def test_continuity_a_helper_who_helped_before_is_named(
    alice: User, leader: User, waiting: Assignment, mo_food: Need, kitchen: Helper
) -> None:
    actions.do_accept(leader, waiting)
    actions.do_report_outcome(leader, waiting, "met", "")
    later = make_help_request(mo_food.help_request.resident)
    second = Need.objects.create(help_request=later, code="food")
    again = actions.do_assign_help(alice, second, key(kitchen))
    assert any("helped" in reason and "before" in reason for reason in again.reasons)


def test_a_weekly_place_stays_taken_when_done_and_a_new_week_starts_afresh(
    alice: User, leader: User, waiting: Assignment, kitchen: Helper, frozen_clock: object
) -> None:
    actions.do_accept(leader, waiting)
    actions.do_report_outcome(leader, waiting, "met", "")
    offer = offer_of(kitchen)
    assert offer.current_load == 1  # counted for this week (capacity 2)
    hub = kitchen.organisation
    next_need = a_need(hub, first_name="Ada")
    actions.do_assign_help(alice, next_need, key(kitchen))
    third = a_need(hub, first_name="Bea")
    with pytest.raises(AssignmentRefused):  # two this week: full
        actions.do_assign_help(alice, third, key(kitchen))
    clock.set_now(clock.now() + dt.timedelta(days=7))
    assert offer_of(kitchen).capacity_left_on(clock.now().date()) == 2
    actions.do_assign_help(alice, third, key(kitchen))
    offer = offer_of(kitchen)
    assert offer.current_load == 1  # the new week's first


def test_an_at_once_place_is_given_back_when_done(
    alice: User, mo_food: Need, neighbour_helper: Helper
) -> None:
    offer = offer_of(neighbour_helper)
    offer.capacity_period = "at_once"
    offer.save()
    assignment = actions.do_assign_help(alice, mo_food, key(neighbour_helper))
    assert offer_of(neighbour_helper).current_load == 1
    actions.do_report_outcome(alice, assignment, "met", "")
    assert offer_of(neighbour_helper).current_load == 0

"""The review step: draft -> in review -> published by someone else who coordinates."""

from __future__ import annotations

import pytest
from django.test import Client

from doorstep.accounts.models import User
from doorstep.directory import actions, review
from doorstep.directory.models import ReviewEvent, ReviewState, Service
from tests.directory.factories import make_service, make_term


def served(client: Client) -> list[str]:
    return [s["name"] for s in client.get("/openreferral/services").json()["contents"]]


@pytest.fixture
def draft(db: None) -> Service:
    return make_service("Stretford food bank", state=ReviewState.DRAFT)


def test_a_draft_is_served_only_once_published(
    client: Client, draft: Service, alice: User, bob: User
) -> None:
    assert served(client) == []
    review.do_submit_service(alice, draft)
    assert served(client) == []
    review.do_publish_service(bob, draft)
    assert served(client) == ["Stretford food bank"]
    draft.refresh_from_db()
    assert (draft.published_by, draft.review_state) == (bob, ReviewState.PUBLISHED)


def test_publishing_needs_a_different_coordinator(draft: Service, bob: User, dave: User) -> None:
    review.do_submit_service(bob, draft)
    with pytest.raises(review.ReviewError, match="Someone else must publish"):
        review.do_publish_service(bob, draft)
    assert not review.can_publish(bob, draft)
    assert review.can_publish(dave, draft)
    review.do_publish_service(dave, draft)


def test_the_latest_editor_cannot_publish_either(
    draft: Service, alice: User, bob: User, dave: User
) -> None:
    actions.do_update_service(dave, draft, name="Stretford food bank (new times)")
    review.do_submit_service(alice, draft)
    with pytest.raises(review.ReviewError, match="Someone else must publish"):
        review.do_publish_service(dave, draft)
    review.do_publish_service(bob, draft)


def test_a_local_guide_cannot_publish(draft: Service, alice: User, bob: User) -> None:
    review.do_submit_service(bob, draft)
    with pytest.raises(review.ReviewError, match="Only a coordinator or an administrator"):
        review.do_publish_service(alice, draft)


def test_a_draft_cannot_be_published_without_review(draft: Service, bob: User) -> None:
    with pytest.raises(review.ReviewError, match="the service is draft"):
        review.do_publish_service(bob, draft)


def test_it_cannot_be_sent_for_review_twice(draft: Service, alice: User) -> None:
    review.do_submit_service(alice, draft)
    with pytest.raises(review.ReviewError, match="waiting for review"):
        review.do_submit_service(alice, draft)


def test_a_change_takes_a_published_service_out_of_the_directory(
    client: Client, alice: User
) -> None:
    service = make_service("Sale food bank", terms=(make_term("Food bank"),))
    assert served(client) == ["Sale food bank"]
    actions.do_update_service(alice, service, fees="Free")
    service.refresh_from_db()
    assert service.review_state == ReviewState.DRAFT
    assert served(client) == []
    assert service.attributes.count() == 1  # categories stay unless they are given


def test_a_reviewer_can_send_it_back_with_a_reason(draft: Service, alice: User, bob: User) -> None:
    review.do_submit_service(alice, draft)
    review.do_return_service(bob, draft, "Add the opening times")
    draft.refresh_from_db()
    assert (draft.review_state, draft.submitted_by) == (ReviewState.DRAFT, None)
    event = draft.review_events.first()
    assert event is not None
    assert (event.action, event.note, event.actor) == (
        ReviewEvent.Action.RETURNED,
        "Add the opening times",
        bob,
    )


def test_a_coordinator_can_unpublish(client: Client, bob: User, alice: User) -> None:
    service = make_service("Closed café")
    with pytest.raises(review.ReviewError):
        review.do_unpublish_service(alice, service, "It closed")
    review.do_unpublish_service(bob, service, "It closed")
    assert served(client) == []

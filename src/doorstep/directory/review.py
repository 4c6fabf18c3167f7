"""The review step: draft -> in review -> published, with four eyes on every publication.

A service is published by a coordinator or an administrator who neither sent it for review
nor made its latest change. Only published services are served at /openreferral/.
"""

from __future__ import annotations

from django.db import transaction

from doorstep.accounts.models import COORDINATING_ROLES, User
from doorstep.directory.models import ReviewEvent, ReviewState, Service
from doorstep.lib import clock


class ReviewError(ValueError):
    """A review step that cannot happen now; the message says why, for the person who tried."""


def may_publish(actor: User) -> bool:
    return actor.role in COORDINATING_ROLES


def can_publish(actor: User, service: Service) -> bool:
    """Whether `actor` may publish `service` now (the page offers the button only then)."""
    try:
        _check_publisher(actor, service)
    except ReviewError:
        return False
    return True


def _locked(service: Service) -> Service:
    """The caller's own instance, re-read under a row lock so two reviewers cannot race."""
    service.refresh_from_db(from_queryset=Service.objects.select_for_update())
    return service


def _record(service: Service, actor: User, action: str, note: str = "") -> None:
    ReviewEvent.objects.create(service=service, actor=actor, action=action, note=note)


def _require_state(service: Service, state: str, doing: str) -> None:
    if service.review_state != state:
        label = ReviewState(service.review_state).label.lower()
        raise ReviewError(f"Cannot {doing}: the service is {label}")


@transaction.atomic
def do_submit_service(actor: User, service: Service) -> Service:
    service = _locked(service)
    _require_state(service, ReviewState.DRAFT, "send it for review")
    service.review_state = ReviewState.IN_REVIEW
    service.submitted_by = actor
    service.save(update_fields=["review_state", "submitted_by"])
    _record(service, actor, ReviewEvent.Action.SUBMITTED)
    return service


def _check_publisher(actor: User, service: Service) -> None:
    if not may_publish(actor):
        raise ReviewError("Only a coordinator or an administrator can publish a service")
    _require_state(service, ReviewState.IN_REVIEW, "publish it")
    if actor.pk in (service.submitted_by_id, service.last_edited_by_id):
        raise ReviewError(
            "Someone else must publish this service: you sent it for review or made its "
            "latest change"
        )


@transaction.atomic
def do_publish_service(actor: User, service: Service) -> Service:
    service = _locked(service)
    _check_publisher(actor, service)
    service.review_state = ReviewState.PUBLISHED
    service.published_by = actor
    service.published_at = clock.now()
    service.save(update_fields=["review_state", "published_by", "published_at"])
    _record(service, actor, ReviewEvent.Action.PUBLISHED)
    return service


@transaction.atomic
def do_return_service(actor: User, service: Service, reason: str) -> Service:
    """Send a service in review back to draft, saying what needs changing."""
    service = _locked(service)
    if not may_publish(actor):
        raise ReviewError("Only a coordinator or an administrator can send a service back")
    _require_state(service, ReviewState.IN_REVIEW, "send it back")
    service.review_state = ReviewState.DRAFT
    service.submitted_by = None
    service.save(update_fields=["review_state", "submitted_by"])
    _record(service, actor, ReviewEvent.Action.RETURNED, reason)
    return service


@transaction.atomic
def do_unpublish_service(actor: User, service: Service, reason: str) -> Service:
    """Take a published service out of the public directory (back to draft)."""
    service = _locked(service)
    if not may_publish(actor):
        raise ReviewError("Only a coordinator or an administrator can unpublish a service")
    _require_state(service, ReviewState.PUBLISHED, "unpublish it")
    service.review_state = ReviewState.DRAFT
    service.submitted_by = None
    service.save(update_fields=["review_state", "submitted_by"])
    _record(service, actor, ReviewEvent.Action.UNPUBLISHED, reason)
    return service

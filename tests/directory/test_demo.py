"""The demo directory: ~40 published Trafford services, loadable again and again."""

from __future__ import annotations

import pytest
from django.test import Client

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.directory.demo import load_demo_directory
from doorstep.directory.models import Organisation, ReviewState, Service, TaxonomyTerm
from tests.directory.factories import make_service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hub")]


def test_it_loads_about_forty_published_services_with_places_and_times() -> None:
    summary = load_demo_directory()
    assert 35 <= summary.services == Service.objects.count() <= 45
    assert not Service.objects.exclude(review_state=ReviewState.PUBLISHED).exists()
    assert not Service.objects.filter(schedules__isnull=True).exists()
    located = Service.objects.filter(at_locations__isnull=False).distinct().count()
    assert located >= summary.services - 5  # phone-only services have no place
    assert set(TaxonomyTerm.objects.values_list("code", flat=True)) >= {
        "food-bank",
        "community-kitchen",
        "befriending",
        "debt-advice",
        "digital-skills",
        "mental-health",
        "social-prescribing",
        "housing-advice",
        "esol",
        "immigration-advice",
        "halal",
        "vegetarian",
    }


def test_loading_it_again_changes_nothing_and_keeps_other_services() -> None:
    load_demo_directory()
    ours = make_service("Ours")
    counts = (Service.objects.count(), Organisation.objects.count())
    load_demo_directory()
    assert (Service.objects.count(), Organisation.objects.count()) == counts
    assert Service.objects.filter(pk=ours.pk).exists()


def test_a_halal_kitchen_with_a_french_speaker_is_near_gorse_hill(client: Client) -> None:
    load_demo_directory()
    page = client.get("/openreferral/services", {"search": "halal gorse hill"}).json()
    assert page["total_items"] >= 1
    kitchen = client.get(f"/openreferral/services/{page['contents'][0]['id']}").json()
    assert "fr" in [language["code"] for language in kitchen["languages"]]
    address = kitchen["service_at_locations"][0]["location"]["addresses"][0]
    assert address["postal_code"].startswith("M32")


def test_removing_the_hub_takes_its_directory_with_it(hub: DoorstepOrganisation) -> None:
    load_demo_directory(hub)
    hub.delete()
    assert not Service.objects.exists()
    assert not Organisation.objects.exists()

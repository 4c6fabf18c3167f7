from __future__ import annotations

from doorstep.accounts.models import Organisation
from doorstep.offers.demo import load_demo_offers, remove_demo_offers
from doorstep.offers.models import Helper, Offer


def test_the_demo_offers_cover_every_tier_and_include_the_kitchen(hub: Organisation) -> None:
    made = load_demo_offers(hub)
    assert 55 <= made == Offer.objects.filter(helper__organisation=hub).count()
    assert set(Helper.objects.values_list("tier", flat=True)) == {"community", "vcse", "statutory"}
    kitchen = Helper.objects.get(name="Old Trafford Community Kitchen")
    assert kitchen.kind == "community_group"
    assert set(kitchen.diets) == {"halal", "vegetarian"}
    assert "fr" in kitchen.languages


def test_loading_the_demo_offers_twice_adds_nothing(hub: Organisation) -> None:
    load_demo_offers(hub)
    assert load_demo_offers(hub) == 0


def test_the_demo_offers_can_be_removed_before_the_hub(hub: Organisation) -> None:
    load_demo_offers(hub)
    removed = remove_demo_offers(Organisation.objects.filter(pk=hub.pk))
    assert removed == Helper.objects.count() + removed > 0
    hub.delete()

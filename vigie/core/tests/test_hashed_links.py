"""Every magic-link model shows what it opens: its ``opens`` names one of its own fields."""

from django.apps import apps

from vigie.core.models import HashedLink


def test_every_hashed_link_opens_one_of_its_fields():
    links = [model for model in apps.get_models() if issubclass(model, HashedLink)]
    assert len(links) >= 5
    for model in links:
        names = {"pk"} | {field.name for field in model._meta.concrete_fields}
        names |= {field.attname for field in model._meta.concrete_fields}
        assert model.opens in names, model

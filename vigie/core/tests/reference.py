"""Reference data of the test database.

Every country, sub-national jurisdiction and the bundled UN data are loaded once per test session,
right after the test database is created (root ``conftest.py``); ordinary tests roll back on top of
them. A test of the loaders themselves starts from an empty database with ``no_reference_data``.
"""

from importlib import import_module

from django.apps import apps
from django.db import models, transaction

REFERENCE_APPS = ("core", "un")


def load_reference_data() -> None:
    from vigie.core.loaders import load_countries
    from vigie.un.loaders import load_bundled as load_un

    load_countries()
    load_un()


def _reference_models() -> list[type[models.Model]]:
    return [
        model
        for label in REFERENCE_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def remove_reference_data() -> None:
    """Delete the reference rows, without signals (inside an ordinary test, its rollback restores
    them)."""
    with transaction.atomic():
        for model in _reference_models():
            model._base_manager.all()._raw_delete(model._base_manager.db)


def load_bundled_data(*, demo: bool = False) -> None:
    """What ``manage.py load_data`` (``--demo``) loads, on top of the reference data already
    there."""
    for config in apps.get_app_configs():
        if not config.name.startswith("vigie.") or config.label in REFERENCE_APPS:
            continue
        try:
            loaders = import_module(f"{config.name}.loaders")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.loaders":
                continue
            raise
        for entry_point in ["load_bundled"] + (["load_demo"] if demo else []):
            loader = getattr(loaders, entry_point, None)
            if loader is not None:
                loader()

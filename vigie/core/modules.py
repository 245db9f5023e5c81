"""Each app's module of a given name (``api``, ``loaders``...), for the features apps opt into."""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps


def app_modules(name: str, *, skip: tuple[str, ...] = ()) -> Iterator[tuple[AppConfig, ModuleType]]:
    """Each Vigie app with a module ``name``, and that module, in the order of INSTALLED_APPS.

    An app without the module is passed over; an import error inside the module is raised. ``skip``
    names app labels left out.
    """
    for config in apps.get_app_configs():
        if not config.name.startswith("vigie.") or config.label in skip:
            continue
        try:
            module = import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.{name}":
                continue
            raise
        yield config, module

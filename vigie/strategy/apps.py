from typing import Any

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Apps whose rows the measures of success are computed from (and the plan itself).
WATCHED_APPS = {"core", "atlas", "index", "un", "network", "surveys", "events", "strategy"}


def _fact_changed(sender: Any, **kwargs: Any) -> None:
    """Any saved or deleted fact makes the cached measures stale."""
    if getattr(getattr(sender, "_meta", None), "app_label", None) in WATCHED_APPS:
        from vigie.strategy.progress import bump_data_version

        bump_data_version()


class StrategyConfig(AppConfig):
    name = "vigie.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self) -> None:
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_fact_changed, dispatch_uid=f"strategy-{signal!r}")

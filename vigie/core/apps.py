from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vigie.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from vigie.core.checks import refuse_public_secret_key
        from vigie.core.i18n import keep_translation_columns_not_null
        from vigie.core.roles import sync_role_permissions

        refuse_public_secret_key()
        post_migrate.connect(sync_role_permissions)
        post_migrate.connect(create_cache_table, sender=self)
        keep_translation_columns_not_null()


def create_cache_table(using: str = "default", **kwargs: object) -> None:
    """After each `migrate`: the table of the database cache, if the settings use one."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)

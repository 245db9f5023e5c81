from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexConfig(AppConfig):
    name = "vigie.index"
    label = "index"
    verbose_name = _("Drug policy index")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "vigie.campaign"
    label = "campaign"
    verbose_name = _("Support. Don't Punish")

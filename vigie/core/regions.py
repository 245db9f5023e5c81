"""UN M49 geographic regions and sub-regions, with labels translated through gettext.

Codes and names follow the UN Statistics Division's "Standard country or area codes for
statistical use (M49)": https://unstats.un.org/unsd/methodology/m49/ . Sub-regions are the
M49 intermediate regions where M49 defines one (e.g. Eastern Africa), else the sub-region.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    AFRICA = "002", _("Africa")
    AMERICAS = "019", _("Americas")
    ASIA = "142", _("Asia")
    EUROPE = "150", _("Europe")
    OCEANIA = "009", _("Oceania")


class SubRegion(models.TextChoices):
    NORTHERN_AFRICA = "015", _("Northern Africa")
    EASTERN_AFRICA = "014", _("Eastern Africa")
    MIDDLE_AFRICA = "017", _("Middle Africa")
    SOUTHERN_AFRICA = "018", _("Southern Africa")
    WESTERN_AFRICA = "011", _("Western Africa")
    CARIBBEAN = "029", _("Caribbean")
    CENTRAL_AMERICA = "013", _("Central America")
    SOUTH_AMERICA = "005", _("South America")
    NORTHERN_AMERICA = "021", _("Northern America")
    CENTRAL_ASIA = "143", _("Central Asia")
    EASTERN_ASIA = "030", _("Eastern Asia")
    SOUTH_EASTERN_ASIA = "035", _("South-eastern Asia")
    SOUTHERN_ASIA = "034", _("Southern Asia")
    WESTERN_ASIA = "145", _("Western Asia")
    EASTERN_EUROPE = "151", _("Eastern Europe")
    NORTHERN_EUROPE = "154", _("Northern Europe")
    SOUTHERN_EUROPE = "039", _("Southern Europe")
    WESTERN_EUROPE = "155", _("Western Europe")
    AUSTRALIA_NEW_ZEALAND = "053", _("Australia and New Zealand")
    MELANESIA = "054", _("Melanesia")
    MICRONESIA = "057", _("Micronesia")
    POLYNESIA = "061", _("Polynesia")


REGION_OF_SUBREGION: dict[str, str] = {
    SubRegion.NORTHERN_AFRICA: Region.AFRICA,
    SubRegion.EASTERN_AFRICA: Region.AFRICA,
    SubRegion.MIDDLE_AFRICA: Region.AFRICA,
    SubRegion.SOUTHERN_AFRICA: Region.AFRICA,
    SubRegion.WESTERN_AFRICA: Region.AFRICA,
    SubRegion.CARIBBEAN: Region.AMERICAS,
    SubRegion.CENTRAL_AMERICA: Region.AMERICAS,
    SubRegion.SOUTH_AMERICA: Region.AMERICAS,
    SubRegion.NORTHERN_AMERICA: Region.AMERICAS,
    SubRegion.CENTRAL_ASIA: Region.ASIA,
    SubRegion.EASTERN_ASIA: Region.ASIA,
    SubRegion.SOUTH_EASTERN_ASIA: Region.ASIA,
    SubRegion.SOUTHERN_ASIA: Region.ASIA,
    SubRegion.WESTERN_ASIA: Region.ASIA,
    SubRegion.EASTERN_EUROPE: Region.EUROPE,
    SubRegion.NORTHERN_EUROPE: Region.EUROPE,
    SubRegion.SOUTHERN_EUROPE: Region.EUROPE,
    SubRegion.WESTERN_EUROPE: Region.EUROPE,
    SubRegion.AUSTRALIA_NEW_ZEALAND: Region.OCEANIA,
    SubRegion.MELANESIA: Region.OCEANIA,
    SubRegion.MICRONESIA: Region.OCEANIA,
    SubRegion.POLYNESIA: Region.OCEANIA,
}

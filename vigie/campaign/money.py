"""Amounts in a local currency and their US dollar equivalent at the rate staff set for a call."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from vigie.campaign.errors import CampaignError
from vigie.campaign.models import Call, CurrencyRate

CENT = Decimal("0.01")


def to_usd(call: Call, currency: str, amount: Decimal) -> Decimal:
    """``amount`` of ``currency`` in US dollars, to the cent; refused without a rate for it."""
    code = currency.upper()
    if code == "USD":
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)
    rate = CurrencyRate.objects.filter(call=call, currency=code).first()
    if rate is None:
        raise CampaignError(
            _("No exchange rate is set for %(currency)s in this call; choose one of: %(known)s.")
            % {"currency": code, "known": ", ".join(list_currencies(call))}
        )
    return (amount / rate.units_per_usd).quantize(CENT, rounding=ROUND_HALF_UP)


def list_currencies(call: Call) -> list[str]:
    return ["USD", *CurrencyRate.objects.filter(call=call).values_list("currency", flat=True)]

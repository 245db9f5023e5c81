from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vigie.core.models import Country
from vigie.opendata import queries as opendata_queries


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    follow = forms.ChoiceField(label=_("What to follow"), choices=())
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        follow = self.fields["follow"]
        assert isinstance(follow, forms.ChoiceField)
        countries = sorted(
            ((f"country:{c.iso2}", c.name) for c in Country.objects.all()),
            key=lambda choice: choice[1],
        )
        datasets = [(f"dataset:{d['slug']}", d["title"]) for d in opendata_queries.list_datasets()]
        follow.choices = [
            ("", "—"),
            (_("Countries"), countries),
            (_("Datasets"), datasets),
        ]
        self.fields["language"].initial = (get_language() or "en")[:2]

    def subject(self) -> tuple[str, str]:
        """(country ISO2, dataset slug) of the chosen subject, one of them empty."""
        kind, _sep, code = self.cleaned_data["follow"].partition(":")
        return (code, "") if kind == "country" else ("", code)

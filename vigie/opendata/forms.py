from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.opendata.datasets import DATASETS


class ReleaseForm(forms.Form):
    dataset = forms.ChoiceField(label=_("Dataset"), choices=())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this release (shown with its changelog)."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choice = self.fields["dataset"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(slug, dataset.title) for slug, dataset in DATASETS.items()]

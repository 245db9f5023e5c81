"""Staff create and change pages made from one model form: one way for every app.

A ``StaffForm`` lays each translated text out with its languages side by side (one row per text,
the reader's language first), and its checkboxes beside their labels. ``EditPages`` gives the two
views of one model (``<name>_new`` and ``<name>_edit``) for an app's ``urls.py``: editors only, a
bad value is refused at its field in the reader's language with what was typed kept, and a good
one is saved through ``vigie.core.services.save_form`` (one transaction, one audit entry, the
cached facts marked stale). An app whose writes have more to do passes its own ``save`` service.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from modeltranslation.translator import NotRegistered, translator

from vigie.core.errors import DomainError
from vigie.core.i18n import active_language, language_codes
from vigie.core.models import Source
from vigie.core.permissions import editor_required
from vigie.core.services import save_form

LANGUAGE_NAMES = {
    "en": gettext_lazy("English"),
    "fr": gettext_lazy("French"),
    "es": gettext_lazy("Spanish"),
}


def date_input() -> forms.DateInput:
    """A browser date picker, its value written as the picker reads it (2031-04-28)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def datetime_input() -> forms.DateTimeInput:
    """A browser date-time picker (2031-04-28T16:10), read in the site's time zone."""
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def https_by_default(model_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """Web addresses typed without a scheme are taken as https://."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


def refuse_end_before_start(
    form: forms.BaseForm, start: str, end: str, message: str | Promise, *, same_allowed: bool = True
) -> None:
    """Put ``message`` at the ``end`` field when it comes before ``start`` (or on it, when
    ``same_allowed`` is false); either left empty is for the fields' own checks."""
    begins, ends = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if begins and ends and (ends < begins or (ends == begins and not same_allowed)):
        form.add_error(end, str(message))


def _translated_fields(model: type[models.Model]) -> list[str]:
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


@dataclass(frozen=True)
class FormRow:
    """One line of a staff form: a single field, or one text in every language side by side."""

    label: str
    fields: list[forms.BoundField]
    languages: bool


class StaffForm(forms.ModelForm):
    """A model form whose translated texts are shown side by side, the reader's language first."""

    def language_order(self) -> list[str]:
        return list(dict.fromkeys([active_language(), *language_codes()]))

    def rows(self) -> list[FormRow]:
        model = self._meta.model
        assert model is not None
        codes = self.language_order()
        grouped: dict[str, str] = {}  # per-language column → its text
        for name in _translated_fields(model):
            columns = [f"{name}_{code}" for code in codes]
            if all(column in self.fields for column in columns):
                grouped.update(dict.fromkeys(columns, name))
        rows: list[FormRow] = []
        done: set[str] = set()
        for name in self.fields:
            text = grouped.get(name)
            if text is None:
                rows.append(FormRow(str(self[name].label), [self[name]], languages=False))
            elif text not in done:
                done.add(text)
                verbose = capfirst(model._meta.get_field(text).verbose_name)
                bound = []
                for code in codes:
                    self.fields[f"{text}_{code}"].label = f"{verbose} ({LANGUAGE_NAMES[code]})"
                    bound.append(self[f"{text}_{code}"])
                rows.append(FormRow(str(verbose), bound, languages=True))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        codes = language_codes()
        for name, value in data.items():  # an empty text column is "" (not nullable), never None
            if value is None and name.rsplit("_", 1)[-1] in codes:
                model_field = self._meta.model._meta.get_field(name)
                if not model_field.null:
                    data[name] = ""
        return data


Save = Callable[..., models.Model]


@dataclass(frozen=True)
class EditPages:
    """The create and change pages of one model, reached as ``<url_name>_new`` / ``_edit``."""

    model: type[models.Model]
    form: type[StaffForm]
    url_name: str  # "un:vote" → "un:vote_new", "un:vote_edit"
    back: str  # the URL name of the page listing these (no arguments)
    save: Save = save_form
    form_kwargs: Callable[[HttpRequest, models.Model | None], dict[str, Any]] | None = None
    intro: Promise | str = ""
    extra: Callable[[models.Model], dict[str, Any]] | None = field(default=None)

    def urls(self, route: str, *, create: bool = True) -> list[URLPattern]:
        """``<route>/new/`` and ``<route>/<pk>/edit/``; ``create=False`` when the app already
        has its own page to create one (``<name>_new``) and only the change page is added."""
        name = self.url_name.split(":", 1)[-1]
        change = [path(f"{route}/<int:pk>/edit/", self.change_view, name=f"{name}_edit")]
        if not create:
            return change
        return [path(f"{route}/new/", self.create_view, name=f"{name}_new"), *change]

    def _page(self, request: HttpRequest, obj: models.Model | None) -> HttpResponse:
        kwargs = self.form_kwargs(request, obj) if self.form_kwargs else {}
        form = self.form(request.POST or None, request.FILES or None, instance=obj, **kwargs)
        if request.method == "POST" and form.is_valid():
            try:
                saved = self.save(form=form, actor=request.user)
            except DomainError as error:
                form.add_error(getattr(error, "field", None) or None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect(reverse(f"{self.url_name}_edit", kwargs={"pk": saved.pk}))
        verbose = capfirst(self.model._meta.verbose_name)
        title = (
            _("Change: %(thing)s") % {"thing": obj}
            if obj is not None
            else _("Add: %(thing)s") % {"thing": verbose}
        )
        context = {
            "form": form,
            "title": title,
            "back": reverse(self.back),
            "obj": obj,
            "history": obj
            and reverse(
                "core:object_history",
                args=[obj._meta.app_label, obj._meta.model_name, obj.pk],
            ),
            "intro": self.intro,
            **(self.extra(obj) if self.extra and obj is not None else {}),
        }
        return render(request, "core/staff/model_form.html", context)

    @property
    def create_view(self) -> Callable[..., HttpResponse]:
        @editor_required
        @require_http_methods(["GET", "POST"])
        def create(request: HttpRequest) -> HttpResponse:
            return self._page(request, None)

        create.__name__ = f"{self.model._meta.model_name}_new"
        return create

    @property
    def change_view(self) -> Callable[..., HttpResponse]:
        @editor_required
        @require_http_methods(["GET", "POST"])
        def change(request: HttpRequest, pk: int) -> HttpResponse:
            return self._page(request, get_object_or_404(self.model, pk=pk))

        change.__name__ = f"{self.model._meta.model_name}_edit"
        return change


class SourceForm(StaffForm):
    """A source cited by facts: fixing its title or dates fixes every fact that cites it."""

    class Meta:
        model = Source
        formfield_callback = https_by_default
        fields = ["url", "title", "publisher", "published_on", "accessed_on"]
        widgets = {"published_on": date_input(), "accessed_on": date_input()}


SOURCE_PAGES = EditPages(Source, SourceForm, "core:source", back="workspace:staff")

"""Countries, sub-national jurisdictions, sources and the audit trail shared by every app."""

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.regions import Region, SubRegion

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


_Linked = TypeVar("_Linked", bound=models.Model)


def optional_link(
    to: "type[_Linked] | str",
    verbose_name: "str | _StrPromise",
    *,
    related_name: str | None = "+",
    on_delete: Any = models.PROTECT,
) -> "models.ForeignKey[_Linked | None, _Linked | None]":
    """A link to a row of ``to`` that a row may leave empty (empty in the database and in
    forms); the linked row cannot be deleted while a row names it, unless ``on_delete`` says
    otherwise (``SET_NULL`` empties the link, ``CASCADE`` deletes the row with it).

    Give ``to`` as a class where it can be named, so that the field is typed; a link to the
    row's own model (``"self"``) is written as a plain ``ForeignKey``, as mypy cannot type it."""
    return models.ForeignKey(
        to,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def optional_user(
    verbose_name: "str | _StrPromise", *, related_name: str | None = "+"
) -> "models.ForeignKey[Any, Any]":
    """The account that did something (entered, coded, archived…): the row keeps its other
    fields, with this one emptied, when the account is deleted."""
    return optional_link(
        settings.AUTH_USER_MODEL,
        verbose_name,
        related_name=related_name,
        on_delete=models.SET_NULL,
    )


def optional_country(
    verbose_name: "str | _StrPromise",
    *,
    related_name: str | None = "+",
    on_delete: Any = models.PROTECT,
) -> "models.ForeignKey[Country | None, Country | None]":
    """A country a row may name or leave empty (who spoke, who asked for a vote, where a
    registrant lives); the country cannot be deleted while a row names it, unless ``on_delete``
    says otherwise."""
    return optional_link(
        "core.Country", verbose_name, related_name=related_name, on_delete=on_delete
    )


class Country(models.Model):
    """An ISO 3166-1 country or territory, with its UN M49 region and UN membership.

    Other apps refer to a country by this row (never by name), so a change of a country's
    name never splits its history.
    """

    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120, default="")  # translated: name_en…
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    # ISO 3166's English short name, sometimes inverted ("Korea, Republic of"): not shown to
    # readers (``name`` is), kept so that documents that write it are still matched.
    iso_name = models.CharField(_("ISO 3166 name"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, blank=True)
    subregion = models.CharField(
        _("sub-region"), max_length=3, choices=SubRegion.choices, blank=True
    )
    is_un_member = models.BooleanField(_("UN member state"), default=False)
    un_member_since = models.PositiveSmallIntegerField(_("UN member since"), null=True, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_un_member=False) | models.Q(un_member_since__isnull=False),
                name="core_country_un_member_has_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Subdivision(models.Model):
    """An ISO 3166-2 sub-national jurisdiction (e.g. ``US-OR``), always a child of a country."""

    code = models.CharField(_("ISO 3166-2 code"), max_length=10, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="subdivisions", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("sub-national jurisdiction")
        verbose_name_plural = _("sub-national jurisdictions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.iso2})"


class Source(models.Model):
    """Where a fact comes from: every shipped or entered fact cites one or more sources."""

    url = models.URLField(_("address"), max_length=1000, unique=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["publisher", "title", "url"]

    def __str__(self) -> str:
        return self.title or self.url


class Sourced(models.Model):
    """Mixin for a fact that cites its sources (an abstract model: one join table per fact)."""

    sources = models.ManyToManyField(
        Source, related_name="%(app_label)s_%(class)s_facts", blank=True, verbose_name=_("sources")
    )

    class Meta:
        abstract = True


class Archivable(models.Model):
    """Mixin for a row that carries history (organisations, contacts, events): it is archived,
    leaving public lists, instead of deleted (``core.services.archive``/``restore``)."""

    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    archived_by = optional_user(_("archived by"))

    class Meta:
        abstract = True


class HashedLink(models.Model):
    """Mixin for a magic link: only the SHA-256 hash of its token is kept (``core.tokens``:
    ``new_token`` issues one, ``find_link`` finds it again), with the time it was issued."""

    #: The attribute naming what the link opens (``"registration"``, ``"application_id"``…),
    #: shown with the time the link was issued.
    opens: ClassVar[str] = "pk"

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{getattr(self, self.opens)} — {self.created_at:%Y-%m-%d %H:%M}"


class AuditEntry(models.Model):
    """One recorded change to shared facts: who did what, when, with the changed fields."""

    action = models.CharField(_("action"), max_length=80)
    actor = optional_user(_("actor"), related_name=None)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"


class Review(models.Model):
    """An editor's statement that a dataset or a jurisdiction was checked against its sources.

    Rows are never edited: the latest one is the "last reviewed" shown on the public pages, and
    all of them are the history of the subject's reviews.
    """

    class Kind(models.TextChoices):
        DATASET = "dataset", _("dataset")
        JURISDICTION = "jurisdiction", _("jurisdiction")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=80)
    reviewed_by = optional_user(_("reviewed by"))
    reviewer_name = models.CharField(_("reviewer's name as shown"), max_length=150)
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_at", "-id"]
        indexes = [models.Index(fields=["kind", "key", "reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.reviewed_at:%Y-%m-%d}"


class PageViewDay(models.Model):
    """How many times a public page showed one item on one day (one row per item and day)."""

    kind = models.CharField(_("kind"), max_length=20)
    key = models.CharField(_("key"), max_length=80)
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views on a day")
        verbose_name_plural = _("page views per day")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "day"], name="core_pageview_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.day}: {self.views}"


class FactChange(models.Model):
    """One change of the facts the cached pages are computed from; the highest id is the version.

    A row is inserted, never updated, so concurrent writers never wait for one another; every
    process reads the same version from the database, so none serves a page computed before the
    change (``vigie.core.freshness``). Old rows are pruned by a periodic job.
    """

    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change of facts")
        verbose_name_plural = _("changes of facts")

    def __str__(self) -> str:
        return f"change {self.pk} at {self.recorded_at:%Y-%m-%d %H:%M:%S}"

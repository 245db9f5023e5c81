"""Email subscriptions to a country or a dataset, and the personal links mailed to subscribers.

A subscription is *pending* until its address is confirmed through the emailed link (double
opt-in), then *confirmed*; unsubscribing deletes it, with its links. ``digest_since`` is the
cursor of the weekly digest: the next digest reports what changed after it. Links keep only the
SHA-256 hash of their token (``vigie.core.tokens``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import HashedLink, optional_country


class Subscription(models.Model):
    email = models.EmailField(_("email"))
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    country = optional_country(_("country"), on_delete=models.CASCADE)
    dataset = models.SlugField(_("dataset"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    digest_since = models.DateTimeField(_("next digest reports changes after"), null=True)
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["email", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(country__isnull=False) & models.Q(dataset=""))
                | (models.Q(country__isnull=True) & ~models.Q(dataset="")),
                name="alerts_subscription_one_subject",
            ),
            models.UniqueConstraint(
                fields=["email", "country"],
                condition=models.Q(country__isnull=False),
                name="alerts_subscription_country_once",
            ),
            models.UniqueConstraint(
                fields=["email", "dataset"],
                condition=~models.Q(dataset=""),
                name="alerts_subscription_dataset_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.subject_code}"

    @property
    def subject_code(self) -> str:
        return self.country.iso2 if self.country else self.dataset


class SubscriptionLink(HashedLink):
    class Purpose(models.TextChoices):
        CONFIRM = "confirm", _("confirm the address")
        UNSUBSCRIBE = "unsubscribe", _("unsubscribe")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="links")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)

    class Meta:
        verbose_name = _("subscription link")
        verbose_name_plural = _("subscription links")

    def __str__(self) -> str:
        return f"{self.purpose} link of subscription {self.subscription_id}"

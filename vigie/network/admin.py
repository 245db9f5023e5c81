"""Staff editing of the network registers. Ballots and voter records are not exposed here:
the results page shows the tally, and no staff screen can put a ballot next to its voter."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from vigie.core.admin import ArchivableAdmin, inline
from vigie.network import models
from vigie.network.election_forms import ElectionForm


@admin.register(models.Organisation)
class OrganisationAdmin(ArchivableAdmin, TranslationAdmin):
    list_display = ["name", "org_type", "region", "status", "admitted_on"]
    list_filter = ["status", "org_type", "region"]
    search_fields = ["name", "focus_areas"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["countries"]
    inlines = [inline(models.Membership, autocomplete_fields=["user"])]


@admin.register(models.Contact)
class ContactAdmin(ArchivableAdmin):
    list_display = ["name", "organisation", "email", "erased_on"]
    search_fields = ["name", "email"]
    inlines = [inline(models.ConsentRecord)]


@admin.register(models.Journalist)
class JournalistAdmin(admin.ModelAdmin):
    list_display = ["name", "outlet", "country", "beats"]
    search_fields = ["name", "beats"]
    inlines = [inline(models.Interaction)]


admin.site.register(models.Outlet)
admin.site.register(models.Coverage)


@admin.register(models.Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "first_seen_on", "in_baseline"]
    list_filter = ["kind", "in_baseline"]
    inlines = [inline(models.Grant)]


@admin.register(models.MentoringPair)
class MentoringPairAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "topics", "started_on", "ended_on"]
    inlines = [inline(models.CheckIn)]


@admin.register(models.Election)
class ElectionAdmin(admin.ModelAdmin):
    form = ElectionForm
    list_display = ["title", "opens_on", "closes_on", "seats"]
    inlines = [inline(models.Candidate, base=TranslationStackedInline)]

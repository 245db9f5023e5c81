"""Staff editing of calls (phases, envelope, rates) and the sourced figures. Applications are
handled on the campaign's staff pages, where conflicts of interest are respected."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from vigie.campaign import models
from vigie.core.admin import inline


@admin.register(models.Call)
class CallAdmin(TranslationAdmin):
    list_display = ["year", "programme", "opens_at", "closes_at", "envelope_usd"]
    list_filter = ["programme"]
    inlines = [inline(models.CurrencyRate, extra=1)]


@admin.register(models.DayFigure)
class DayFigureAdmin(admin.ModelAdmin):
    list_display = ["year", "scope", "cities", "countries", "activities", "qualifier", "source"]

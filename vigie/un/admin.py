"""Staff editing of the UN tracker; saving a vote, its country rows or a session's members re-runs
the vote checks."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from vigie.core.admin import inline
from vigie.un.checks import check_session_votes, check_vote
from vigie.un.models import (
    Coding,
    CountryVote,
    DataIssue,
    Forum,
    IssueTag,
    JointStatement,
    Meeting,
    Milestone,
    PositionCode,
    Session,
    Signatory,
    Statement,
    Vote,
)


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ("date", "code", "title", "stated_yes", "stated_no", "stated_abstain")
    list_filter = ("session__forum",)
    search_fields = ("code", "title", "draft_symbol", "adopted_symbol")
    inlines = (
        inline(CountryVote, autocomplete_fields=("country",)),
        inline(DataIssue, readonly_fields=("rule", "severity", "message"), can_delete=False),
    )
    autocomplete_fields = ("requested_by",)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Re-run the checks once the vote and its country rows are saved."""
        super().save_related(request, form, formsets, change)
        check_vote(form.instance)


@admin.register(JointStatement)
class JointStatementAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "stated_signatories", "stated_signatories_max")
    filter_horizontal = ("conflicts_with",)
    inlines = (inline(Signatory, autocomplete_fields=("country",)),)
    autocomplete_fields = ("delivered_by",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("label", "forum", "start_date", "end_date", "membership_known")
    filter_horizontal = ("members",)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Re-run the checks of the session's votes once its members are saved."""
        super().save_related(request, form, formsets, change)
        check_session_votes(form.instance)


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ("meeting", "speaker_kind", "country", "speaker_name")
    list_filter = ("meeting__session",)
    autocomplete_fields = ("country",)


@admin.register(Coding)
class CodingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "position", "verdict", "reviewer_position")
    list_filter = ("verdict", "position")


admin.site.register(Forum, TranslationAdmin)
admin.site.register(Meeting)
admin.site.register(PositionCode, TranslationAdmin)
admin.site.register(IssueTag, TranslationAdmin)


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    """The judgement (is it the mechanism, and why) is changed only through its staff form, which
    keeps its history (``un.services.judge_milestone``)."""

    list_display = ("date", "symbol", "title", "is_dedicated_mechanism")
    readonly_fields = ("is_dedicated_mechanism", "why_not_mechanism")

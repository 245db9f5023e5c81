"""The offline application form: one self-contained HTML file the applicant downloads, fills
without a connection, and that saves the answers as a small JSON file to upload later (or to
email to staff, who upload it for them).

The saved file names its call and format version; reading it back checks every field and names
each wrong one, so nothing half-read becomes an application.
"""

import datetime
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from vigie.campaign import services
from vigie.campaign.errors import OfflineFormError
from vigie.campaign.models import ActionKind, Application, Call
from vigie.campaign.money import list_currencies
from vigie.core.models import Country
from vigie.surveys import queries as survey_queries

FORMAT = "vigie-campaign-application"
FORMAT_VERSION = 1
MAX_BYTES = 200_000
TEXT_FIELDS = ("contact_name", "email", "organisation_name", "title", "plans", "contingency")
CHOICE_FIELDS = ("kind", "country", "currency", "language")


def render_offline_form(call: Call, language: str) -> str:
    """The HTML file, in ``language``: no link to the site, no external script or style."""
    question_form = (
        survey_queries.get_question_form(call.questions_version_id)
        if call.questions_version_id
        else None
    )
    rules = (
        survey_queries.list_question_skip_rules(call.questions_version_id)
        if call.questions_version_id
        else {}
    )
    return render_to_string(
        "campaign/offline_form.html",
        {
            "call": call,
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "kinds": ActionKind.choices,
            "countries": Country.objects.order_by("name"),
            "currencies": list_currencies(call),
            "question_form": question_form,
            "conditions": rules,
            "language": language,
        },
    )


class OfflineApplication:
    """What a saved offline form holds, once every field has been checked."""

    def __init__(
        self, *, person: dict[str, str], fields: services.ApplicationFields, answers: dict[str, Any]
    ):
        self.person = person
        self.fields = fields
        self.answers = answers


def parse_offline_file(call: Call, content: bytes) -> OfflineApplication:
    """Read a saved offline form back; raises OfflineFormError listing each wrong field."""
    if len(content) > MAX_BYTES:
        raise OfflineFormError([_("The file is too large to be a saved application form.")])
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise OfflineFormError(
            [
                _(
                    "This is not a saved application form: use the “Save my answers” button of the form."
                )
            ]
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise OfflineFormError([_("This is not a saved application form of this site.")])
    if data.get("version") != FORMAT_VERSION:
        raise OfflineFormError([_("This form is of an older version: download the form again.")])
    if data.get("call") != call.pk:
        raise OfflineFormError(
            [
                _("This form was downloaded for another call: %(found)s.")
                % {"found": data.get("call_title", "?")}
            ]
        )
    values = data.get("fields")
    if not isinstance(values, dict):
        raise OfflineFormError([_("Field “fields”: missing.")])
    problems: list[str] = []
    text: dict[str, str] = {}
    for name in (*TEXT_FIELDS, *CHOICE_FIELDS, "city", "amount_local", "time_zone"):
        value = values.get(name, "")
        if not isinstance(value, str):
            problems.append(_("Field “%(field)s”: expected text.") % {"field": name})
            value = ""
        text[name] = value.strip()
    for name in ("contact_name", "email"):
        if not text[name]:
            problems.append(_("Field “%(field)s”: a value is required.") % {"field": name})
    if text["kind"] and text["kind"] not in ActionKind.values:
        problems.append(
            _("Field “kind”: %(value)r is not a kind of action.") % {"value": text["kind"]}
        )
    if text["language"] not in ("en", "fr", "es"):
        problems.append(_("Field “language”: choose en, fr or es."))
    amount: Decimal | None = None
    if text["amount_local"]:
        try:
            amount = Decimal(text["amount_local"].replace(",", "."))
        except InvalidOperation:
            problems.append(
                _("Field “amount_local”: %(value)r is not an amount.")
                % {"value": text["amount_local"]}
            )
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        problems.append(_("Field “answers”: expected the answers to the call's questions."))
        answers = {}
    if call.questions_version_id:
        known = set(survey_queries.list_question_codes(call.questions_version_id))
        for code in sorted(set(answers) - known):
            problems.append(_("Field “%(field)s”: not a question of this call.") % {"field": code})
        checked = survey_queries.get_question_form(call.questions_version_id, data=answers)
        if checked.is_valid():
            answers = dict(checked.cleaned_data)
        else:
            for code, errors in checked.errors.items():
                problems.extend(
                    _("Field “%(field)s”: %(error)s") % {"field": code, "error": error}
                    for error in errors
                )
    if problems:
        raise OfflineFormError(problems)
    return OfflineApplication(
        person={
            "contact_name": text["contact_name"],
            "email": text["email"],
            "language": text["language"],
            "time_zone": text["time_zone"] or "UTC",
        },
        fields=services.ApplicationFields(
            organisation_name=text["organisation_name"],
            publish_organisation=values.get("publish_organisation") is True,
            title=text["title"],
            plans=text["plans"],
            kind=text["kind"],
            contingency=text["contingency"],
            country=text["country"],
            city=text["city"],
            currency=text["currency"],
            amount_local=amount,
        ),
        answers=answers,
    )


@transaction.atomic
def receive_offline_form(
    *, call_id: int, content: bytes, actor: Any = None, now: datetime.datetime | None = None
) -> Application:
    """Turn an uploaded offline form into a submitted application (by the applicant, or by staff
    for an applicant who emailed it): all or nothing, with the same deadline and checks as the
    online form. The applicant then gets a magic link to follow their application."""
    call = Call.objects.get(pk=call_id)
    received = parse_offline_file(call, content)
    application = services.start_application(
        call_id=call.pk,
        user=actor if received.person["email"] == getattr(actor, "email", None) else None,
        now=now,
        send_link=False,
        **received.person,
    )
    application.received_offline = True
    application.save(update_fields=["received_offline"])
    services.save_application(
        application_id=application.pk,
        fields=received.fields,
        answers=received.answers,
        submit=True,
        actor=actor,
        now=now,
    )
    transaction.on_commit(lambda: services.send_application_link(application))
    return application

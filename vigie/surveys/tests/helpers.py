"""Building a small survey round with answers for tests."""

import datetime
from typing import Any

from vigie.network.models import Organisation
from vigie.network.tests.factories import make_organisation
from vigie.surveys.models import (
    Choice,
    Invitation,
    Response,
    Round,
    Survey,
    SurveyQuestion,
    SurveyVersion,
)


def make_media_round(name: str = "2024", *, open_now: bool = False, version: Any = None) -> Round:
    if version is None:
        survey, _created = Survey.objects.get_or_create(
            slug="media-support",
            defaults={
                "title_en": "Media survey",
                "title_fr": "Sondage médias",
                "title_es": "Encuesta",
            },
        )
        version, created = SurveyVersion.objects.get_or_create(survey=survey, number=1)
        if created:
            change = SurveyQuestion.objects.create(
                version=version,
                code="media_support_change",
                position=1,
                kind="single",
                text_en="Has media support changed?",
                text_fr="Le soutien des médias a-t-il changé ?",
                text_es="¿Ha cambiado el apoyo de los medios?",
            )
            for position, (code, en, fr) in enumerate(
                [
                    ("increased", "Increased", "Augmenté"),
                    ("same", "Same", "Stable"),
                    ("decreased", "Decreased", "Diminué"),
                ],
                start=1,
            ):
                Choice.objects.create(
                    question=change,
                    code=code,
                    position=position,
                    label_en=en,
                    label_fr=fr,
                    label_es=en,
                )
            where = SurveyQuestion.objects.create(
                version=version,
                code="where",
                position=2,
                kind="text",
                required=True,
                show_if=change,
                show_if_values="increased",
                text_en="Where?",
                text_fr="Où ?",
                text_es="¿Dónde?",
            )
            assert where.pk
            SurveyQuestion.objects.create(
                version=version,
                code="requests",
                position=3,
                kind="number",
                required=False,
                text_en="How many requests?",
                text_fr="Combien de demandes ?",
                text_es="¿Cuántas?",
            )
    today = datetime.date.today()
    if open_now:
        opens, closes = today - datetime.timedelta(days=5), today + datetime.timedelta(days=5)
    else:
        year = int(name) if name.isdigit() else 2024
        opens, closes = datetime.date(year, 3, 1), datetime.date(year, 6, 30)
    return Round.objects.create(version=version, name=name, opens_on=opens, closes_on=closes)


def answer_round(round_: Round, organisation: Organisation, **answers: Any) -> Response:
    invitation, _created = Invitation.objects.get_or_create(round=round_, organisation=organisation)
    response = Response.objects.create(invitation=invitation, submitted_on=round_.closes_on)
    for code, value in answers.items():
        response.answers.create(question=round_.version.questions.get(code=code), value=value)
    return response


def make_organisations(count: int, **fields: Any) -> list[Organisation]:
    return [make_organisation(**fields) for _ in range(count)]

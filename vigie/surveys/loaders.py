"""Load the bundled survey definitions (``data/surveys/*.json``) and the fictional demo answers
(``data/demo/surveys/answers.csv``).

A definition is validated while it is written inside one transaction: an error names the file and
the field and leaves the database untouched. Definitions are matched on survey slug, version,
question and choice codes, so loading twice changes nothing.
"""

import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from vigie.core.csvfiles import iter_csv_file, parse_date
from vigie.core.errors import DataFileError
from vigie.core.freshness import changes_facts
from vigie.core.loading import LoadReport, upsert
from vigie.network.queries import get_organisation_id_by_slug
from vigie.surveys.models import (
    CHOICE_KINDS,
    Answer,
    Choice,
    Invitation,
    QuestionKind,
    Response,
    Round,
    Survey,
    SurveyQuestion,
    SurveyVersion,
)

DEFINITIONS_DIR = Path(settings.BASE_DIR) / "data" / "surveys"
DEMO_FILE = Path(settings.BASE_DIR) / "data" / "demo" / "surveys" / "answers.csv"
LANGUAGES = ("en", "fr", "es")


def _texts(data: dict[str, Any], key: str, file: str, where: str) -> dict[str, str]:
    texts = data.get(key)
    if not isinstance(texts, dict) or any(not texts.get(lang) for lang in LANGUAGES):
        raise DataFileError(
            file=file, line=None, field=f"{where}.{key}", message="needs texts in en, fr and es"
        )
    return {lang: str(texts[lang]) for lang in LANGUAGES}


def _date(value: Any, file: str, where: str) -> datetime.date:
    try:
        return parse_date(str(value))[0]
    except ValueError as error:
        raise DataFileError(file=file, line=None, field=where, message=str(error)) from None


@changes_facts
def load_definition(path: Path, report: LoadReport | None = None) -> Survey:
    """Write one survey definition; ``report`` counts every row (survey, questions, choices…)."""
    report = report if report is not None else LoadReport()
    file = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataFileError(file=file, line=error.lineno, field=None, message=error.msg) from error
    title = _texts(data, "title", file, "survey")
    description = _texts(data, "description", file, "survey")
    survey = upsert(
        report,
        Survey,
        {"slug": data["slug"]},
        {f"title_{k}": v for k, v in title.items()}
        | {f"description_{k}": v for k, v in description.items()},
    )
    version = upsert(report, SurveyVersion, {"survey": survey, "number": data["version"]}, {})
    by_code: dict[str, SurveyQuestion] = {}
    for position, item in enumerate(data["questions"], start=1):
        where = f"questions[{position}]"
        kind = item.get("kind")
        if kind not in QuestionKind.values:
            raise DataFileError(
                file=file,
                line=None,
                field=f"{where}.kind",
                message=f"'{kind}' is not a question kind",
            )
        condition = item.get("show_if")
        parent = None
        values = ""
        if condition:
            parent = by_code.get(condition.get("question"))
            if parent is None:
                raise DataFileError(
                    file=file,
                    line=None,
                    field=f"{where}.show_if",
                    message="must name an earlier question",
                )
            values = ",".join(condition.get("values", []))
        text = _texts(item, "text", file, where)
        question = upsert(
            report,
            SurveyQuestion,
            {"version": version, "code": item["code"]},
            {
                "position": position,
                "kind": kind,
                "required": item.get("required", True),
                "show_if": parent,
                "show_if_values": values,
                "min_value": item.get("min"),
                "max_value": item.get("max"),
            }
            | {f"text_{k}": v for k, v in text.items()},
        )
        by_code[question.code] = question
        choices = item.get("choices", [])
        if kind in CHOICE_KINDS and not choices:
            raise DataFileError(
                file=file,
                line=None,
                field=f"{where}.choices",
                message="a choice question needs choices",
            )
        for number, choice in enumerate(choices, start=1):
            label = _texts(choice, "label", file, f"{where}.choices[{number}]")
            upsert(
                report,
                Choice,
                {"question": question, "code": choice["code"]},
                {"position": number} | {f"label_{k}": v for k, v in label.items()},
            )
    for number, item in enumerate(data.get("rounds", []), start=1):
        upsert(
            report,
            Round,
            {"version": version, "name": item["name"]},
            {
                "opens_on": _date(item["opens_on"], file, f"rounds[{number}].opens_on"),
                "closes_on": _date(item["closes_on"], file, f"rounds[{number}].closes_on"),
            },
        )
    return survey


@transaction.atomic
def load_bundled(directory: Path = DEFINITIONS_DIR) -> dict[str, LoadReport]:
    reports = {}
    for path in sorted(directory.glob("*.json")):
        report = LoadReport()
        survey = load_definition(path, report)
        reports[survey.slug] = report
    return reports


@changes_facts
@transaction.atomic
def load_demo(path: Path = DEMO_FILE) -> dict[str, LoadReport]:
    """Fictional answers; needs the network demo organisations (loaded before, by app order)."""
    report = LoadReport()
    for row in iter_csv_file(
        path, required_columns=("survey", "round", "organisation", "question", "value")
    ):
        round_ = Round.objects.filter(
            version__survey__slug=row.required("survey"), name=row.required("round")
        ).first()
        if round_ is None:
            raise row.error(
                "round", f"no round '{row.get('round')}' of survey '{row.get('survey')}'"
            )
        organisation_id = get_organisation_id_by_slug(row.required("organisation"))
        if organisation_id is None:
            raise row.error("organisation", f"no organisation '{row.get('organisation')}'")
        question = round_.version.questions.filter(code=row.required("question")).first()
        if question is None:
            raise row.error("question", f"no question '{row.get('question')}' in this survey")
        raw = row.required("value")
        value: Any = raw.split(";") if question.kind == QuestionKind.MULTIPLE else raw
        if question.kind == QuestionKind.NUMBER:
            value = row.integer("value")
        invitation, _created = Invitation.objects.get_or_create(
            round=round_, organisation_id=organisation_id
        )
        response, _created = Response.objects.get_or_create(
            invitation=invitation, defaults={"submitted_on": round_.closes_on}
        )
        upsert(report, Answer, {"response": response, "question": question}, {"value": value})
    return {"answers": report}

"""Small builders for campaign tests: a call with its phases around "now", a question version
with skip logic (from the surveys app), fictional applicants."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from vigie.campaign import services
from vigie.campaign.models import Application, Call, CurrencyRate
from vigie.surveys.models import Choice, Survey, SurveyQuestion, SurveyVersion


def make_question_version() -> SurveyVersion:
    """Two questions: "first time?" (yes/no) and, only after "no", "which years?"."""
    survey, _created = Survey.objects.get_or_create(
        slug="sdp-call",
        defaults={"title_en": "SDP call", "title_fr": "Appel", "title_es": "Convocatoria"},
    )
    version, created = SurveyVersion.objects.get_or_create(survey=survey, number=1)
    if created:
        first = SurveyQuestion.objects.create(
            version=version,
            code="first_time",
            position=1,
            kind="single",
            text_en="Is this your first Day of Action?",
            text_fr="Est-ce votre première Journée d’action ?",
            text_es="¿Es su primera Jornada de Acción?",
        )
        for position, (code, en, fr, es) in enumerate(
            [("yes", "Yes", "Oui", "Sí"), ("no", "No", "Non", "No")], start=1
        ):
            Choice.objects.create(
                question=first, code=code, position=position, label_en=en, label_fr=fr, label_es=es
            )
        SurveyQuestion.objects.create(
            version=version,
            code="past_years",
            position=2,
            kind="text",
            text_en="In which years did you take part?",
            text_fr="En quelles années avez-vous participé ?",
            text_es="¿En qué años participó?",
            show_if=first,
            show_if_values="no",
        )
    return version


def make_call(
    *,
    year: int = 2030,
    programme: str = "small_grants",
    envelope: str = "1000",
    closes_in: datetime.timedelta = datetime.timedelta(days=10),
    with_questions: bool = True,
) -> Call:
    now = timezone.now()
    today = now.date()
    call = Call.objects.create(
        year=year,
        programme=programme,
        title_en=f"Global Day of Action {year}: small grants",
        title_fr=f"Journée d’action mondiale {year} : petites subventions",
        title_es=f"Jornada de Acción Global {year}: pequeñas subvenciones",
        questions_version_id=make_question_version().pk if with_questions else None,
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now + closes_in,
        assessment_starts_on=today + datetime.timedelta(days=11),
        assessment_ends_on=today + datetime.timedelta(days=20),
        notification_on=today + datetime.timedelta(days=25),
        disbursement_starts_on=today + datetime.timedelta(days=25),
        disbursement_ends_on=today + datetime.timedelta(days=45),
        day_on=today + datetime.timedelta(days=60),
        feedback_starts_on=today + datetime.timedelta(days=61),
        feedback_ends_on=today + datetime.timedelta(days=120),
        envelope_usd=Decimal(envelope),
    )
    CurrencyRate.objects.create(call=call, currency="KES", units_per_usd=Decimal("129.50"))
    CurrencyRate.objects.create(call=call, currency="MXN", units_per_usd=Decimal("17.00"))
    return call


COMPLETE = services.ApplicationFields(
    organisation_name="Colectivo Ficticio de Prueba",
    publish_organisation=True,
    title="Marcha ficticia por la reducción de daños",
    plans="Una marcha y un foro público con personas que usan drogas.",
    kind="demonstration",
    contingency="Si llueve, el foro se hace en un local cerrado.",
    country="MX",
    city="Guadalajara",
    currency="MXN",
    amount_local=Decimal("8500"),
)


def make_application(
    call: Call, *, email: str = "applicant@fictional.example", user: Any = None, submit: bool = True
) -> Application:
    application = services.start_application(
        call_id=call.pk,
        contact_name="Ana Ficticia",
        email=email,
        language="es",
        time_zone="America/Mexico_City",
        user=user,
    )
    services.save_application(
        application_id=application.pk,
        fields=COMPLETE,
        answers={"first_time": "yes"},
        submit=submit,
    )
    application.refresh_from_db()
    return application

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from vigie.atlas.models import MeasureVersion, PolicyMeasure
from vigie.atlas.tests.helpers import make_measure, make_place

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("template_context")
def test_admin_change_is_versioned_and_a_measure_without_source_is_refused(client: Client) -> None:
    make_place("PT")
    measure = make_measure("pt", "PT", "decrim_de_jure")
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    url = f"/admin/atlas/policymeasure/{measure.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "sources":
            data[name] = [s.pk for s in measure.sources.all()]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = getattr(value, "pk", value)
    data.update(
        {
            "status": "suspended",
            "police_may_seize": "unknown",
            "assessments-TOTAL_FORMS": "0",
            "assessments-INITIAL_FORMS": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert PolicyMeasure.objects.get(code="pt").status == "suspended"
    latest = MeasureVersion.objects.filter(measure_code="pt").first()
    assert latest is not None and latest.number == 2 and latest.actor == admin

    data["sources"] = []
    response = client.post(url, data)
    assert response.status_code == 200
    assert "sources" in response.context["adminform"].form.errors

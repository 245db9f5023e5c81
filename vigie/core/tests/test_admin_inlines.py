"""Every admin page that edits rows inline (``core.admin.inline``) opens with its inlines."""

import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.mark.usefixtures("template_context")
@pytest.mark.django_db
def test_every_admin_page_with_inlines_opens(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "r@example.org", "pw-123456789")
    client.force_login(user)
    pages = [(model, page) for model, page in admin.site._registry.items() if page.inlines]
    assert len(pages) > 10
    for model, page in pages:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        response = client.get(url)
        assert response.status_code == 200, url
        shown = {formset.formset.model for formset in response.context["inline_admin_formsets"]}
        assert shown == {inline.model for inline in page.inlines}, url

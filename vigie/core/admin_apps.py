from django.contrib.admin.apps import AdminConfig


class VigieAdminConfig(AdminConfig):
    """The Django admin, with Vigie's site as ``admin.site``."""

    default_site = "vigie.core.admin_site.VigieAdminSite"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "vigie.workspace"
    label = "workspace"
    verbose_name = _("Workspaces")

    def ready(self) -> None:
        from vigie.core.api_auth import use_token_check
        from vigie.workspace.services import authenticate_token

        use_token_check(authenticate_token)  # personal tokens open the API's write operations

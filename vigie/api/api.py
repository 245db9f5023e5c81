"""The versioned JSON API (/api/v1/) and its OpenAPI schema (see docs/api.md).

Each app that publishes data defines ``router`` (a ninja ``Router``) in its own ``api.py``; it is
mounted here under ``/api/v1/<app label>/`` so that apps never edit a shared file to be published.
"""

from typing import Any

from django.utils.translation import get_language
from ninja import NinjaAPI, Router
from ninja.openapi.schema import OpenAPISchema

from vigie.core.modules import app_modules


class VigieAPI(NinjaAPI):
    """The API, whose OpenAPI document is built once per process and language.

    django-ninja builds the document from every operation's schemas on each request for it,
    about a fifth of a second of CPU; it only changes when the code does."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._openapi_documents: dict[tuple[str | None, str, str | None], OpenAPISchema] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        key = (path_prefix, repr(sorted((path_params or {}).items())), get_language())
        if key not in self._openapi_documents:
            self._openapi_documents[key] = super().get_openapi_schema(
                path_prefix=path_prefix, path_params=path_params
            )
        return self._openapi_documents[key]


api = VigieAPI(
    title="Vigie API",
    version="1",
    description=(
        "Open data of Vigie: policy atlas, drug policy index, UN tracker, events and "
        "countries, published under CC BY 4.0 with the sources each record cites. Staff tasks "
        "that enter data are write operations too, validated by the staff page's own form and "
        "audited: editors send a personal token (created in the member space) as a Bearer "
        "token, or use their signed-in session with the CSRF token. Refused input answers 422 "
        "naming the field; a refused write leaves nothing behind. Paths have no trailing slash."
    ),
    urls_namespace="api",
)


def _mount_app_routers() -> None:
    for config, module in app_modules("api", skip=("api",)):
        router = getattr(module, "router", None)
        if isinstance(router, Router):
            api.add_router(f"/{config.label}/", router)


_mount_app_routers()

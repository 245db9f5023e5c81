"""The versioned JSON API (/api/v1/) and its OpenAPI schema (see docs/api.md).

Each app that publishes data defines ``router`` (a ninja ``Router``) in its own ``api.py``; it is
mounted here under ``/api/v1/<app label>/`` so that apps never edit a shared file to be published.
"""

from ninja import NinjaAPI, Router

from vigie.core.modules import app_modules

api = NinjaAPI(
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

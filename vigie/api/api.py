"""The versioned read-only JSON API (/api/v1/) and its OpenAPI schema.

Each app that publishes data defines ``router`` (a ninja ``Router``) in its own ``api.py``; it is
mounted here under ``/api/v1/<app label>/`` so that apps never edit a shared file to be published.
"""

from ninja import NinjaAPI, Router

from vigie.core.modules import app_modules

api = NinjaAPI(
    title="Vigie API",
    version="1",
    description=(
        "Read-only open data of Vigie: policy atlas, drug policy index, UN tracker, events and "
        "countries. Published under CC BY 4.0 with the sources each record cites. Signed-in "
        "scripts send a personal token (created in the member space) as a Bearer token."
    ),
    urls_namespace="api",
)


def _mount_app_routers() -> None:
    for config, module in app_modules("api", skip=("api",)):
        router = getattr(module, "router", None)
        if isinstance(router, Router):
            api.add_router(f"/{config.label}/", router)


_mount_app_routers()

"""Settings of the server that ``bench_load.py`` starts: the real settings, except that the 50
people registering all come from one address (loopback), so the per-client limit is raised."""

from vigie.settings import *  # noqa: F403

EVENTS_REGISTRATION_LIMITS = {"ip": (1000, 3600)}

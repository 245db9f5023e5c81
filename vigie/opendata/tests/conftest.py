from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings: Any) -> Path:
    """Releases are written to a temporary storage folder, never to the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://testserver"
    return settings.MEDIA_ROOT

# Vigie's image: the web process and the task worker run from it (compose.yaml).
FROM python:3.11-slim-trixie

# Bytecode is compiled once, into the image (uv for the packages, compileall for Vigie): the
# processes run as a user who cannot write it, and each would otherwise compile Django again.
ENV PYTHONDONTWRITEBYTECODE=1 \
    UV_COMPILE_BYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/app/.venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=vigie.production_settings

WORKDIR /app
COPY scripts/ensure_system_packages.sh scripts/
RUN scripts/ensure_system_packages.sh run && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv==0.13.9
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY . .
RUN python -m compileall -q vigie composite manage.py
# Catalogues and static files are built into the image (a throw-away key: nothing is signed here).
RUN SECRET_KEY=build-only-key-build-only-key-build-only-key-build-only \
    DJANGO_SETTINGS_MODULE=vigie.settings DEBUG=1 sh -c \
    "python manage.py compilemessages --ignore=.venv -v0 && python manage.py collectstatic --noinput -v0"
RUN useradd --create-home vigie && mkdir -p /app/media && chown vigie /app/media
USER vigie
EXPOSE 8000
ENV VIGIE_BIND=0.0.0.0:8000
CMD ["python", "-m", "gunicorn", "vigie.wsgi:application"]

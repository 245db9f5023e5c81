#!/usr/bin/env bash
# Refresh the gettext catalogues: the site shell (templates/ and vigie/core) in locale/, each
# other app in its own vigie/<app>/locale/ so that apps never share a catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
DJANGO_ADMIN="$(pwd)/.venv/bin/django-admin"
ignores=(--ignore=.venv --ignore=.tools --ignore=static --ignore=composite --ignore=bench)
for app_dir in vigie/*/; do
  app="$(basename "$app_dir")"
  [ "$app" = "core" ] && continue
  [ -f "$app_dir/apps.py" ] || continue
  ignores+=(--ignore="vigie/$app")
  mkdir -p "$app_dir/locale"
  (cd "$app_dir" && "$DJANGO_ADMIN" makemessages -l fr -l es --no-obsolete -v0)
done
mkdir -p locale
"$DJANGO_ADMIN" makemessages -l fr -l es --no-obsolete -v0 "${ignores[@]}"

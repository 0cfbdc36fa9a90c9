#!/usr/bin/env bash
# Install and start Mentorat with demo data on the embedded defaults: SQLite, tasks run in-process,
# emails printed on this console. Then open http://127.0.0.1:8000 (logins are printed below).
# A second run changes nothing and just starts the site.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/_venv.sh

ensure_venv ""

# The demo runs with DEBUG on: no SECRET_KEY needed, static files served by runserver.
export DEBUG=true
# Demo only (refused when DEBUG is false): the second factor of the demo accounts accepts 000000.
export MFA_TOTP_INSECURE_BYPASS_CODE=000000
unset DATABASE_URL REDIS_URL EMAIL_URL

step "applying database migrations (SQLite file db.sqlite3)"
python manage.py migrate --noinput --verbosity 0

if command -v msgfmt >/dev/null 2>&1; then
    step "compiling translations"
    python manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0
else
    step "msgfmt not found: keeping the committed .mo translation files"
fi

step "loading demo data (idempotent)"
python manage.py seed_demo

step "starting the site on http://127.0.0.1:8000 (Ctrl+C to stop)"
exec python manage.py runserver 127.0.0.1:8000

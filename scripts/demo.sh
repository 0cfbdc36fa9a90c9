#!/usr/bin/env bash
# Install and start Mentorat with demo data on the embedded defaults: SQLite, tasks run in-process,
# emails printed on this console. Then open http://127.0.0.1:8000 (logins are printed below).
# A second run changes nothing and just starts the site.
#
# scripts/demo.sh --sso also starts a local OpenID Connect provider (Node.js, the `oidc-provider`
# package of package.json) on http://127.0.0.1:9000: on the login page, « Se connecter avec mon
# organisation » with any address @demo-sso.fr creates the account and lands on its dashboard.
set -euo pipefail
SSO=false
for argument in "$@"; do
    case "$argument" in
        --sso) SSO=true ;;
        *) echo "usage: scripts/demo.sh [--sso]" >&2; exit 2 ;;
    esac
done
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

step "writing the demo's list of active staff (media/demo/personnels-actifs.csv, for /pilotage/departs/)"
python manage.py leavers_demo_list media/demo/personnels-actifs.csv

if [ "$SSO" = true ]; then
    command -v node >/dev/null 2>&1 || { echo "--sso needs Node.js 20 or later (nodejs)." >&2; exit 1; }
    if [ ! -d node_modules/oidc-provider ]; then
        step "installing the Node.js packages of package.json (npm ci)"
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    fi
    IDP_ACCOUNTS_FILE="$(mktemp)"
    echo '{}' > "$IDP_ACCOUNTS_FILE"
    step "starting the local identity provider on http://127.0.0.1:9000"
    IDP_PORT=9000 IDP_ACCOUNTS_FILE="$IDP_ACCOUNTS_FILE" IDP_ANY_ACCOUNT_OF=demo-sso.fr \
        IDP_REDIRECT_PATTERN='^http://(127\.0\.0\.1|localhost):8000/' \
        node tests/sso/oidc_idp.mjs 2>/dev/null &
    IDP_PID=$!
    trap 'kill "$IDP_PID" 2>/dev/null; rm -f "$IDP_ACCOUNTS_FILE"' EXIT
    export SSO_PROVIDERS='[{"id": "demo", "name": "Fournisseur local de démonstration", "protocol": "openid_connect",
        "server_url": "http://127.0.0.1:9000", "client_id": "mentorat", "secret": "mentorat-secret",
        "token_auth_method": "client_secret_basic", "scope": ["openid", "email", "profile"],
        "domains": ["demo-sso.fr"], "organisations": {"demo-sso.fr": "CPAM-33"}, "mfa_amr": ["mfa"]}]'
    # The provider may report an account it disabled (README « A provider reports a disabled account »).
    export SSO_REPORT_TOKENS='{"demo": "demo-report-token-not-for-production-0001"}'
    step "SSO: « Se connecter avec mon organisation » with any address @demo-sso.fr (e.g. nouvelle.personne@demo-sso.fr)"
    step "SSO: the provider reports a disabled account with: curl -X POST -H 'Authorization: Bearer demo-report-token-not-for-production-0001' -H 'Content-Type: application/json' -d '{\"email\": \"nouvelle.personne@demo-sso.fr\"}' http://127.0.0.1:8000/connexion/organisme/demo/compte-desactive/"
    step "starting the site on http://127.0.0.1:8000 (Ctrl+C to stop)"
    python manage.py runserver 127.0.0.1:8000
    exit $?
fi

step "starting the site on http://127.0.0.1:8000 (Ctrl+C to stop)"
exec python manage.py runserver 127.0.0.1:8000

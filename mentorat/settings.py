"""Settings of the Mentorat platform.

Every value that differs between the local demo and production is read from the environment
through one django-environ reader. The defaults run the local demo: SQLite, tasks in-process,
cache in memory, emails printed on the console. Production refuses to start without a real
SECRET_KEY.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A file of variables is read only when named: a production `.env` lying in a checkout must never
# leak into the demo or the tests.
if env.str("ENV_FILE", default=""):
    environ.Env.read_env(env.str("ENV_FILE"))

DEBUG = env.bool("DEBUG", default=False)
# With DEBUG, Django's debug pages (traceback, settings, the URL list) answer a missing page or an
# error; the demo shows the platform's own 404 and 500 instead unless a developer asks for them.
SHOW_DEBUG_PAGES = env.bool("SHOW_DEBUG_PAGES", default=False)
# Set by mentorat/test_settings.py only; never in production.
TESTING = env.bool("MENTORAT_TESTING", default=False)

_INSECURE_DEV_KEY = "django-insecure-mentorat-local-demo-only"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _INSECURE_DEV_KEY
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is false (generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )

# Confidential text is encrypted at rest (mentorat/core/crypto.py). Several keys, comma-separated, the
# first one encrypting: rotation = new key in front + `manage.py rotate_encryption_key --wet-run`.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
if not FIELD_ENCRYPTION_KEYS:
    if DEBUG or TESTING:
        from mentorat.core.crypto import derived_demo_key

        FIELD_ENCRYPTION_KEYS = [derived_demo_key(SECRET_KEY)]
    else:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be set when DEBUG is false "
            "(generate one with `python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`)."
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

# Only Social Security staff may apply: sign-up is restricted to these email domains.
# Empty list = any domain (local demo).
SIGNUP_EMAIL_DOMAINS = [d.lower().lstrip("@") for d in env.list("SIGNUP_EMAIL_DOMAINS", default=[])]
# Invitations an HR referent may send from the relay kit (to addresses in SIGNUP_EMAIL_DOMAINS), per
# rolling hour and day: a relay, not a mass mailer.
INVITATIONS_PER_HOUR = env.int("INVITATIONS_PER_HOUR", default=200)
INVITATIONS_PER_DAY = env.int("INVITATIONS_PER_DAY", default=1000)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",  # django-bootstrap-static: Bootstrap 5 served from the installed package
    "mentorat.core",
    "mentorat.accounts",
    "mentorat.resources",
    "mentorat.audit",
    "mentorat.privacy",
    "mentorat.notifications",
    "mentorat.outbox",
    "mentorat.sso",
    "candidatures",
    "matching",
    "sessions_binome",
    "evaluation",
]

MIDDLEWARE = [
    # First: its header is on every response, the HTTPS redirect of the next one included.
    "mentorat.core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a logged-in user unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "mentorat.core.middleware.SessionLifetimeMiddleware",
    "mentorat.core.middleware.NoStoreForAuthenticatedMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mentorat.audit.middleware.AuditRequestMiddleware",
    "mentorat.accounts.middleware.MfaEnrollmentMiddleware",
    # Answers a locked-out login with its French page (AXES_LOCKOUT_CALLABLE).
    "axes.middleware.AxesMiddleware",
    # Last: the view's exceptions reach it first. Only with DEBUG on (see SHOW_DEBUG_PAGES).
    "mentorat.core.middleware.PlatformErrorPagesMiddleware",
]

ROOT_URLCONF = "mentorat.urls"
WSGI_APPLICATION = "mentorat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mentorat.core.context_processors.platform",
            ],
            "string_if_invalid": env.str("TEMPLATE_STRING_IF_INVALID", default=""),
            # Dates are written in almost every template and e-mail: the date filters (`long_date`,
            # « 1er mai 2027 ») are at hand like Django's own `date`, without a {% load %} in each.
            "builtins": ["mentorat.core.templatetags.mentorat_tags"],
        },
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles the follow-up and indicator aggregates for longer than they run
    # (benchmarks/README.md): off.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional: without REDIS_URL tasks run in-process and the cache lives in memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Falls back to the process's memory when Redis does not answer: logins keep working.
            "BACKEND": "mentorat.core.cache.ResilientRedisCache",
            "LOCATION": env.str("CACHE_URL", default=REDIS_URL),
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="mentorat"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery (settings namespace CELERY_). Schedules are written in code, in UTC.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged once done, and given back to the queue when its worker process dies (killed,
# out of memory): nothing is lost. Every task is idempotent (the outbox claims an e-mail before
# sending it; reminders are claimed under a unique key), so a redelivery does no harm.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# No task may run longer than this (a stuck SMTP server, a runaway query): the worker is freed.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
# Redis gives an unacknowledged task to another worker after this: longer than the longest task
# (the hard limit above), short enough that a task of a dead worker runs again within minutes.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600)}
# A web request that hands a task to a broker that is down waits about a second, not the default
# dozen: what it hands over is in the database already (the outbox), and the sweep catches up.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE = {
    # A mentor's request expires at its deadline; the mentee goes back to the other proposals.
    "expire-mentor-requests": {"task": "matching.tasks.expire_requests", "schedule": 15 * 60},
    # Active pairs whose frame has ended are completed; both members get their certificate.
    # 07:30 UTC on weekdays: 8:30 or 9:30 in Paris, so its "certificate ready" email respects working hours.
    "complete-due-pairs": {
        "task": "sessions_binome.complete_due_pairs",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon-fri"),
    },
    # Reminders: the scan claims what is due and keeps emails for 8:00-20:00 Paris on weekdays.
    "scan-reminders": {"task": "notifications.scan_reminders", "schedule": crontab(minute=5)},
    # E-mails whose kick was lost (broker down at the time), retries that are due, e-mails of a
    # worker that died while sending: every minute.
    "sweep-outbox": {"task": "outbox.sweep", "schedule": 60},
    # Applications imports whose kick was lost (broker down) or whose worker died.
    "resume-imports": {"task": "candidatures.resume_imports", "schedule": 5 * 60},
    # The workers' healthcheck reads when this last ran (mentorat/core/heartbeat.py).
    "heartbeat": {"task": "core.heartbeat", "schedule": 60},
    # Retention: the participants of each archived edition are anonymised once its own retention period
    # has passed (PROGRAMME_RETENTION_MONTHS after its end); open editions are never touched.
    "anonymise-due-editions": {"task": "privacy.anonymise_due_editions", "schedule": crontab(hour=2, minute=40)},
    # The pairs' message digests whose kick was lost, and those held back by the one-per-hour rule.
    "send-message-digests": {"task": "sessions_binome.send_message_digests", "schedule": 5 * 60},
    # Tokens of sent forms (double-submit protection) are needed for a day.
    "purge-form-submissions": {"task": "core.purge_form_submissions", "schedule": crontab(hour=3, minute=10)},
}
# How many due e-mails one sweep hands to the workers; sent e-mails kept this many days.
OUTBOX_SWEEP_BATCH = env.int("OUTBOX_SWEEP_BATCH", default=1000)
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=90)
# How long a worker may hold an e-mail before it is presumed dead: longer than the delivery task's
# hard time limit (90 s). Shortened only by the fault-injection tests.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
# Task modules outside the `tasks.py` that autodiscovery reads.
CELERY_IMPORTS = ["sessions_binome.tasks_frame", "sessions_binome.messaging.tasks"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses the password check while an address is locked out for an account (django-axes).
    "axes.backends.AxesStandaloneBackend",
    # Django's, reading the person with their roles and unread notifications (accounts/backends.py).
    "mentorat.accounts.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"

# django-allauth: email is the login, verification is mandatory, rate limits stay on (defaults).
ACCOUNT_ADAPTER = "mentorat.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "mentorat.accounts.forms.SignupForm",
    "login": "mentorat.accounts.forms.LoginForm",
    "reset_password": "mentorat.accounts.forms.ResetPasswordForm",
    "add_email": "mentorat.accounts.forms.AddEmailForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mentorat] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Two-factor authentication (TOTP + recovery codes) is required for programme engineers, HR referents
# and staff: mentorat.accounts.middleware sends them to its set-up until they have it.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mentorat Sécurité sociale"
if DEBUG:
    # scripts/demo.sh sets it so that demo logins need no authenticator app; refused by allauth
    # itself when DEBUG is false.
    MFA_TOTP_INSECURE_BYPASS_CODE = env.str("MFA_TOTP_INSECURE_BYPASS_CODE", default="") or None
ACCOUNT_RATE_LIMITS = {
    # Failed passwords are counted by django-axes below, per account AND address (the adapter skips
    # allauth's count): allauth's "per address" would lock a whole organisation out behind its one
    # outgoing address, its "per account" would let anyone keep a named person out. It still limits
    # second-factor codes (allauth counts them under this name, per person): a code is only asked
    # once the password is right.
    "login_failed": "5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

# Single sign-on with one's organisation (mentorat/sso): OpenID Connect (ProConnect, Entra ID) and SAML
# through allauth's social accounts. The providers are a JSON list in SSO_PROVIDERS (or the file named by
# SSO_PROVIDERS_FILE), each tied to the e-mail domains it owns; README « Connexion avec son organisme ».
from mentorat.sso.providers import provider_origins, providers_from_env  # noqa: E402

SOCIALACCOUNT_PROVIDERS = providers_from_env(env)
SOCIALACCOUNT_ADAPTER = "mentorat.sso.adapter.SocialAccountAdapter"
# The provider's verified address is enough: no second verification e-mail (the adapter refuses an
# unverified one, and any address of a domain the provider does not own).
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_AUTO_SIGNUP = True
# An existing account with the same address is signed in and linked, once the adapter has checked
# that the provider owns the address's domain and has verified it (allauth wipes the password of an
# account whose own address was never verified: whoever created it cannot come back).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 5
# People sign in with their organisation, they do not manage "connected accounts".
SOCIALACCOUNT_LOGIN_ON_GET = False
# The browser is sent to the providers by the answer to a form: CSP form-action must allow them.
SSO_FORM_ACTION_ORIGINS = provider_origins(SOCIALACCOUNT_PROVIDERS)
# A provider reports an account it disabled (mentorat/sso/leavers/report.py): one bearer token per provider
# id, {"cpam-33": "<at least 32 characters>"}; a provider without a token cannot report.
SSO_REPORT_TOKENS = env.json("SSO_REPORT_TOKENS", default={})
if not isinstance(SSO_REPORT_TOKENS, dict) or any(len(str(t)) < 32 for t in SSO_REPORT_TOKENS.values()):
    raise ImproperlyConfigured("SSO_REPORT_TOKENS must map each provider id to a token of 32 characters or more.")

# Reverse proxies of ours in front of gunicorn: 0 = none (the demo), 1 behind docker-compose.yml's
# Caddy. The client's address is the N-th X-Forwarded-For entry from the right, read by one function
# (mentorat.core.client_ip) for the audit trail, the lock-out below and allauth's rate limits.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# django-axes: failed logins kept in the database (they hold across processes and without Redis).
# Locked: an account from one address, after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_TIME; the
# same person from another address, or other people from that address, are not. The person is
# e-mailed after LOGIN_FAILURES_WARNING failures within an hour (mentorat/accounts/login_alerts.py).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "mentorat.core.client_ip.client_ip"
# allauth's login form posts the address as "login" and authenticates with `email=`.
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "mentorat.accounts.login_alerts.login_attempt_username"
AXES_LOCKOUT_CALLABLE = "mentorat.accounts.login_alerts.lockout_response"
# Successful logins are in the audit trail already; no start-up banner in every command's output.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
LOGIN_FAILURES_WARNING = env.int("LOGIN_FAILURES_WARNING", default=5)

LANGUAGE_CODE = "fr"
# French is the source language of the UI. The English catalogue (locale/en) is kept up to date by
# makemessages but stays off until it is fully translated, so that no page is half French.
LANGUAGES = [("fr", _("Français"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

if not (DEBUG or TESTING) and not env.str("EMAIL_URL", default=""):
    raise ImproperlyConfigured("EMAIL_URL must be set when DEBUG is false (e.g. smtp+tls://user:password@host:587).")
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds for each SMTP socket operation: a server that accepts and never answers fails the attempt.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Mentorat <ne-pas-repondre@mentorat.example.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SUPPORT_EMAIL = env.str("SUPPORT_EMAIL", default="support-mentorat@mentorat.example.fr")

# Security. Production (DEBUG false) gets HTTPS-only cookies, HSTS and the redirect to HTTPS;
# the reverse proxy is trusted to tell the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
# Load balancers probe health over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG or TESTING else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_HTTPONLY = True
# A refused form gets a French page in the site's layout (403), not Django's English one.
CSRF_FAILURE_VIEW = "mentorat.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# Production cookies carry the __Host- prefix: Secure, path /, no Domain, so no sub-domain can set them.
if not (DEBUG or TESTING):
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Inactivity timeout 2 h (the cookie is renewed at each request), absolute lifetime 12 h.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=2 * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=12 * 3600)
# The indicator pages show figures computed at most this many seconds ago (evaluation.indicators).
INDICATORS_CACHE_SECONDS = env.int("INDICATORS_CACHE_SECONDS", default=600)
# benchmarks/web.py only: a bare view at /bench/reference, the baseline of the load benchmark.
BENCHMARK_REFERENCE_VIEW = env.bool("BENCHMARK_REFERENCE_VIEW", default=False)

# Content Security Policy: everything from this site only, no inline script or style.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its small icons (menu, select arrows, checks) as data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF, *SSO_FORM_ACTION_ORIGINS],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes narrates each login at INFO; a failure stays a WARNING line (without the address tried).
        "axes": {"level": "WARNING"},
        # In-process tasks (no Redis): no "task succeeded" line after each email, no broker host warning.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
        "kombu.connection": {"level": "ERROR" if not REDIS_URL else "WARNING"},
    },
}

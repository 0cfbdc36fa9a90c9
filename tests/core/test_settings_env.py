"""The settings read from the environment, each case in a fresh Python process.

Settings are evaluated once per process, so every case runs `python -c` with an environment built
from scratch (nothing leaks from the developer's shell or from the test settings).
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEYS": "Xr2QkOq0xk3ZC0rX4pd3mJ3F0m5k2l3h0n5b6v7c8x0=",
    "ALLOWED_HOSTS": "mentorat.example.fr",
    "SITE_URL": "https://mentorat.example.fr",
    "EMAIL_URL": "smtp+tls://mentorat:secret@smtp.example.fr:587",
}


def run(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DJANGO_SETTINGS_MODULE": "mentorat.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def evaluate(expression, **env):
    """The JSON value of `expression` (with `settings` and the Celery `app` in scope) under `env`."""
    code = (
        "import json\n"
        "from django.conf import settings\n"
        "from mentorat.celery import app\n"
        f"print(json.dumps({expression}, default=str))\n"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("debug", [{"DEBUG": "false"}, {}], ids=["DEBUG=false", "DEBUG unset"])
def test_production_without_secret_key_refuses_to_start(debug):
    result = run(["-c", "from django.conf import settings; settings.SECRET_KEY"], debug)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_secret_key():
    assert evaluate("settings.SECRET_KEY", DEBUG="true").startswith("django-insecure-")


def test_production_reads_its_secret_key_hosts_and_site_url():
    env = {
        **PRODUCTION,
        "ALLOWED_HOSTS": "mentorat.example.fr,www.mentorat.example.fr",
        "SITE_URL": "https://mentorat.example.fr/",
    }

    values = evaluate(
        "[settings.DEBUG, settings.SECRET_KEY, settings.ALLOWED_HOSTS, settings.SITE_URL,"
        " settings.CSRF_TRUSTED_ORIGINS]",
        **env,
    )

    assert values == [
        False,
        PRODUCTION["SECRET_KEY"],
        ["mentorat.example.fr", "www.mentorat.example.fr"],
        "https://mentorat.example.fr",
        ["https://mentorat.example.fr"],
    ]


def test_database_defaults_to_the_sqlite_file():
    database = evaluate("settings.DATABASES['default']", **PRODUCTION)

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(REPO_ROOT / "db.sqlite3")


def test_database_url_selects_postgresql():
    database = evaluate(
        "settings.DATABASES['default']",
        **PRODUCTION,
        DATABASE_URL="postgres://mentorat:s3cret@db.example.fr:5433/mentorat",
    )

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("mentorat", "mentorat", "s3cret")
    assert (database["HOST"], str(database["PORT"])) == ("db.example.fr", "5433")


def test_without_redis_tasks_run_in_process_and_the_cache_is_in_memory():
    values = evaluate(
        "[settings.CELERY_TASK_ALWAYS_EAGER, app.conf.task_always_eager, settings.CACHES['default']['BACKEND']]",
        **PRODUCTION,
    )

    assert values == [True, True, "django.core.cache.backends.locmem.LocMemCache"]


def test_redis_url_configures_the_cache_and_the_celery_broker():
    values = evaluate(
        "[settings.CELERY_TASK_ALWAYS_EAGER, app.conf.broker_url, settings.CACHES['default']]",
        **PRODUCTION,
        REDIS_URL="redis://redis.example.fr:6379/0",
    )

    eager, broker, cache = values
    assert eager is False
    assert broker == "redis://redis.example.fr:6379/0"
    assert cache["BACKEND"] == "mentorat.core.cache.ResilientRedisCache"
    assert cache["LOCATION"] == "redis://redis.example.fr:6379/0"


def test_emails_go_to_the_console_by_default_in_the_demo():
    assert evaluate("settings.EMAIL_BACKEND", DEBUG="true") == "django.core.mail.backends.console.EmailBackend"


def test_production_without_email_url_refuses_to_start():
    env = {key: value for key, value in PRODUCTION.items() if key != "EMAIL_URL"}
    result = run(["-c", "from django.conf import settings; settings.EMAIL_BACKEND"], env)
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_a_env_file_is_read_only_when_named(tmp_path):
    env_file = tmp_path / "prod.env"
    env_file.write_text("SUPPORT_EMAIL=aide@example.fr\n")
    assert evaluate("settings.SUPPORT_EMAIL", DEBUG="true") != "aide@example.fr"
    assert evaluate("settings.SUPPORT_EMAIL", DEBUG="true", ENV_FILE=str(env_file)) == "aide@example.fr"


def test_email_url_configures_smtp():
    values = evaluate(
        "[settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER,"
        " settings.EMAIL_HOST_PASSWORD]",
        **{**PRODUCTION, "EMAIL_URL": "smtp://user:pass@host:587"},
    )

    assert values == ["django.core.mail.backends.smtp.EmailBackend", "host", 587, "user", "pass"]


def test_email_url_with_tls():
    assert evaluate("settings.EMAIL_USE_TLS", **{**PRODUCTION, "EMAIL_URL": "smtp+tls://user:pass@host:587"}) is True


def test_signup_email_domains_are_normalised():
    domains = evaluate(
        "settings.SIGNUP_EMAIL_DOMAINS", **PRODUCTION, SIGNUP_EMAIL_DOMAINS="@Assurance-Maladie.fr,caf.fr"
    )

    assert domains == ["assurance-maladie.fr", "caf.fr"]


def test_language_and_time_zone_are_french():
    values = evaluate("[settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ, settings.USE_I18N]", **PRODUCTION)

    assert values == ["fr", "Europe/Paris", True, True]


def test_check_deploy_passes_with_production_values():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_with_a_weak_secret_key():
    # The same command does fail when something is wrong: it is not a test that cannot fail.
    weak = {**PRODUCTION, "SECRET_KEY": "short"}

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], weak)

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_without_field_encryption_keys_refuses_to_start():
    env = {key: value for key, value in PRODUCTION.items() if key != "FIELD_ENCRYPTION_KEYS"}
    result = run(["-c", "from django.conf import settings; settings.DEBUG"], env)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS" in result.stderr

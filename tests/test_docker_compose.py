"""docker-compose.yml and the Dockerfile, read as files: no Docker engine runs here.

The strongest check runs `manage.py check --deploy` with the environment that compose gives the
web container: if the settings ever require a new variable, this fails until compose provides it.
"""

import ipaddress
import json
import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.external import program

REPO_ROOT = Path(__file__).resolve().parents[1]
APP_SERVICES = ("web", "worker", "beat")
# What the operator writes in .env for the `${VAR:?...}` that compose requires.
OPERATOR_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEYS": "Xr2QkOq0xk3ZC0rX4pd3mJ3F0m5k2l3h0n5b6v7c8x0=",
    "ALLOWED_HOSTS": "mentorat.example.fr",
    "SITE_URL": "https://mentorat.example.fr",
    "EMAIL_URL": "smtp+tls://mentorat:secret@smtp.example.fr:587",
}
# Variables the settings need in production (DEBUG false): missing or defaulted, the platform
# refuses to start, or starts on the wrong database, broker, host or mail server.
REQUIRED_IN_PRODUCTION = (
    "SECRET_KEY",
    "FIELD_ENCRYPTION_KEYS",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "EMAIL_URL",
)

_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def interpolate(value, env):
    """Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}` against `env`."""

    def replace(match):
        name, op, arg = match["name"], match["op"], match["arg"]
        if env.get(name):
            return env[name]
        if op and op.endswith("-"):
            return arg
        if op and op.endswith("?"):
            raise KeyError(f"compose requires {name}: {arg}")
        return ""

    return _VARIABLE.sub(replace, str(value))


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def command_of(service):
    command = service["command"]
    return command if isinstance(command, str) else shlex.join(command)


def environment_of(service):
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return environment


def test_the_six_services_exist(services):
    assert {"proxy", "web", "worker", "beat", "db", "redis"} <= set(services)


def test_the_commands_run_gunicorn_and_celery(services):
    assert re.search(r"^gunicorn mentorat\.wsgi(:application)?\b", command_of(services["web"]))
    assert re.search(r"--workers [2-9]|--workers '?\$\{WEB_WORKERS:-[2-9]\}", command_of(services["web"]))
    assert command_of(services["worker"]).startswith("celery -A mentorat worker")
    assert command_of(services["beat"]).startswith("celery -A mentorat beat")


def test_the_images_are_postgresql_16_and_redis_7(services):
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


@pytest.mark.parametrize("name", ["proxy", "web", "worker", "beat", "db", "redis"])
def test_each_service_has_a_healthcheck(services, name):
    test = services[name]["healthcheck"]["test"]
    assert test and test[0] in {"CMD", "CMD-SHELL"}


def test_the_healthchecks_ask_the_right_thing(services):
    assert "healthcheck.py" in " ".join(services["web"]["healthcheck"]["test"])
    assert "/healthz" in (REPO_ROOT / "docker" / "healthcheck.py").read_text()
    assert "celery -A mentorat inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])
    assert "healthcheck_celery.py worker" in " ".join(services["worker"]["healthcheck"]["test"])
    assert "healthcheck_celery.py" in " ".join(services["beat"]["healthcheck"]["test"])
    assert "mentorat.core.heartbeat:HeartbeatScheduler" in command_of(services["beat"])


def test_workers_get_time_to_finish_their_tasks_on_stop(services):
    assert services["worker"]["stop_grace_period"] == "2m"
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(services["redis"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_a_healthy_database_and_redis(services, name):
    depends_on = services[name]["depends_on"]
    assert depends_on["db"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_get_every_variable_production_requires(services, name):
    environment = environment_of(services[name])

    assert set(REQUIRED_IN_PRODUCTION) <= set(environment)
    assert environment["DEBUG"] in {"false", False}
    assert "@db:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")
    # The secret is never written in the file: compose stops when the operator did not set it.
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")


def test_the_web_and_worker_share_the_media_volume(compose, services):
    assert "media" in compose["volumes"]
    for name in ("web", "worker"):
        assert any(volume.startswith("media:") for volume in services[name]["volumes"])
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["db"]["volumes"])
    assert any(volume.endswith(":/data") for volume in services["redis"]["volumes"])


# --- the reverse proxy ------------------------------------------------------------------------


def test_caddy_is_the_only_service_published_and_gunicorn_is_internal(services):
    assert services["proxy"]["image"] == "caddy:2"
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    ports = [interpolate(port, {}) for port in services["proxy"]["ports"]]
    assert {"80:80", "443:443"} <= set(ports)
    assert services["web"]["expose"] == ["8000"]
    assert "--bind 0.0.0.0:8000" in command_of(services["web"])
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_gunicorn_trusts_the_forwarded_headers_of_the_proxy_alone(compose, services):
    environment = environment_of(services["web"])
    proxy_ip = interpolate(services["proxy"]["networks"]["default"]["ipv4_address"], {})
    subnet = interpolate(compose["networks"]["default"]["ipam"]["config"][0]["subnet"], {})

    assert interpolate(environment["FORWARDED_ALLOW_IPS"], {}) == proxy_ip
    assert "*" not in str(environment["FORWARDED_ALLOW_IPS"])
    assert ipaddress.ip_address(proxy_ip) in ipaddress.ip_network(subnet)
    # One proxy in front: the client is the last X-Forwarded-For entry, the one Caddy writes.
    assert environment["TRUSTED_PROXY_COUNT"] == "1"
    for name in ("worker", "beat"):
        assert "FORWARDED_ALLOW_IPS" not in environment_of(services[name])


def test_the_proxy_reads_the_caddyfile_and_requires_the_site_and_its_certificate(services):
    proxy = services["proxy"]
    assert "./docker/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert any(volume.startswith("caddy-data:/data") for volume in proxy["volumes"])
    environment = environment_of(proxy)
    assert environment["SITE_URL"].startswith("${SITE_URL:?")
    with pytest.raises(KeyError, match="CADDY_TLS"):
        interpolate(environment["CADDY_TLS"], OPERATOR_ENV)


def caddy_json(tls, home):
    """docker/Caddyfile as Caddy itself reads it, with the variables compose gives the proxy."""
    caddy = program("caddy")
    result = subprocess.run(
        [caddy, "adapt", "--config", str(REPO_ROOT / "docker" / "Caddyfile"), "--adapter", "caddyfile"],
        env={
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(home),
            "SITE_URL": OPERATOR_ENV["SITE_URL"],
            "CADDY_TLS": tls,
        },
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    # Caddy warns about a directive that does nothing, or a file that is not in its format: none.
    assert '"logger":"caddyfile"' not in result.stderr, result.stderr
    return json.loads(result.stdout)


def _site(config):
    servers = config["apps"]["http"]["servers"].values()
    return next(server for server in servers if ":443" in server["listen"])


def _handlers(server):
    route = server["routes"][0]
    assert route["match"] == [{"host": ["mentorat.example.fr"]}]
    return route["handle"][0]["routes"][0]["handle"]


def test_caddy_serves_the_site_over_tls_and_hides_the_server_header_of_both(tmp_path):
    config = caddy_json("ops@example.fr", tmp_path)
    server = _site(config)
    handlers = {handler["handler"]: handler for handler in _handlers(server)}

    assert handlers["reverse_proxy"]["upstreams"] == [{"dial": "web:8000"}]
    assert handlers["headers"]["response"]["delete"] == ["Server"]
    assert handlers["reverse_proxy"]["headers"]["response"]["delete"] == ["Server"]
    # No trusted proxy in front of Caddy: it discards the client's X-Forwarded-* and writes its own.
    assert "trusted_proxies" not in server
    assert config["admin"] == {"disabled": True}
    issuers = config["apps"]["tls"]["automation"]["policies"][0]["issuers"]
    assert {"module": "acme", "email": "ops@example.fr"} in issuers


def test_caddy_takes_a_given_certificate(tmp_path):
    config = caddy_json("/certs/cert.pem /certs/key.pem", tmp_path)

    files = config["apps"]["tls"]["certificates"]["load_files"]
    assert [(f["certificate"], f["key"]) for f in files] == [("/certs/cert.pem", "/certs/key.pem")]
    assert "automation" not in config["apps"]["tls"]


def test_compose_refuses_to_start_without_a_secret_key(services):
    environment = environment_of(services["web"])

    with pytest.raises(KeyError, match="SECRET_KEY"):
        interpolate(environment["SECRET_KEY"], {})


def test_the_settings_accept_the_environment_compose_gives_the_web_container(services):
    environment = {name: interpolate(value, OPERATOR_ENV) for name, value in environment_of(services["web"]).items()}
    environment["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
    environment["DJANGO_SETTINGS_MODULE"] = "mentorat.settings"

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_dockerfile_installs_weasyprint_libraries_and_runs_unprivileged():
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()

    assert re.search(r"^FROM python:3\.11-slim-bookworm", dockerfile, re.MULTILINE)
    # One logical line per instruction: join the backslash continuations.
    apt_install = re.search(r"apt-get install[^\n]*", dockerfile.replace("\\\n", " "))[0]
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core", "gettext"):
        assert package in apt_install
    assert "-c requirements/constraints.txt" in dockerfile
    assert "collectstatic" in dockerfile and "compilemessages" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}


def test_the_entrypoint_migrates_only_for_the_web_role():
    entrypoint = (REPO_ROOT / "docker" / "entrypoint.sh").read_text()
    prepare = (REPO_ROOT / "docker" / "prepare.py").read_text()

    assert os.access(REPO_ROOT / "docker" / "entrypoint.sh", os.X_OK)
    web_only = re.search(r'if \[ "\$role" = "web" \]; then(.*?)\nfi', entrypoint, re.DOTALL)[1]
    assert "python /app/docker/prepare.py migrate" in web_only
    assert "prepare.py migrate" not in entrypoint.replace(web_only, "")
    assert 'call_command("migrate", interactive=False)' in prepare
    assert 'call_command("seed_reference")' in prepare
    assert entrypoint.rstrip().endswith('exec "$@"')


def _requirement_closure(name, extras=frozenset()):
    """Every distribution `name[extras]` needs, as {canonical name: installed version}."""
    from importlib.metadata import distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found = {}
    pending = [(name, frozenset(extras))]
    while pending:
        current, current_extras = pending.pop()
        dist = distribution(current)
        found[canonicalize_name(current)] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            wanted = not requirement.marker or any(
                requirement.marker.evaluate({"extra": extra}) for extra in current_extras | {""}
            )
            if wanted:
                pending.append((requirement.name, frozenset(requirement.extras)))
    return found


def test_the_constraints_pin_every_installed_dependency_at_its_installed_version():
    # The Dockerfile, scripts/ and .ci/run install with these pins: a dependency added to
    # pyproject.toml without regenerating requirements/constraints.txt would float on a new machine.
    from packaging.utils import canonicalize_name

    pins = {}
    for line in (REPO_ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()

    installed = _requirement_closure("mentorat", {"dev"})
    del installed["mentorat"]

    assert {name: pins.get(name) for name in installed} == installed

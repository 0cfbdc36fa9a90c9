# Mentorat production image: gunicorn for the web, the same image runs the Celery worker and beat.
# Build: docker compose build   (see docker-compose.yml; no secret is needed at build time)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint's system libraries for the PDFs (without HarfBuzz-Subset it warns, and its next
# versions fail), a font, and gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

# pg_dump, pg_restore and psql for scripts/backup.sh and scripts/restore.sh, of the major version of
# the compose database (postgres:16): bookworm's own client is 15, and pg_dump refuses a newer
# server. From the PostgreSQL project's apt repository, signed by the key postgresql-common ships.
ARG POSTGRES_CLIENT_VERSION=16
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends "postgresql-client-${POSTGRES_CLIENT_VERSION}" \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 mentorat \
    && useradd --system --uid 1000 --gid mentorat --home-dir /app --no-create-home mentorat \
    && python -m venv "$VIRTUAL_ENV"

WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when pyproject.toml or the pins change.
COPY pyproject.toml README.md ./
COPY requirements/constraints.txt requirements/constraints.txt
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -c requirements/constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# The project itself, editable so that templates/, static/ and locale/ stay beside the code.
RUN pip install --no-deps -c requirements/constraints.txt -e . \
    && chmod +x docker/entrypoint.sh

# Static files and translations are built into the image; settings need a SECRET_KEY to load,
# a throwaway one is enough here (it signs nothing).
RUN SECRET_KEY=build-only-not-secret DEBUG=false python manage.py collectstatic --noinput --verbosity 0 \
    && SECRET_KEY=build-only-not-secret DEBUG=false python manage.py compilemessages --verbosity 0 \
    && mkdir -p /app/media \
    && chown mentorat:mentorat /app/media

USER mentorat
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "mentorat.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

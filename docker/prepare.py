"""Start-up steps of the app containers, called by docker/entrypoint.sh.

    python docker/prepare.py wait      wait until the database answers (DB_WAIT_SECONDS, default 60)
    python docker/prepare.py migrate   `migrate --noinput` then `seed_reference`

Several web containers may start at once (scaling out); on PostgreSQL they take an advisory lock
so that only one applies the migrations at a time, the others then find nothing left to do.
"""

import os
import sys
import time

import django

# Any fixed number: it names the lock, shared by every container of the deployment.
MIGRATION_LOCK = 7_268_711


def wait_for_database(connection):
    from django.db import OperationalError

    deadline = time.monotonic() + int(os.environ.get("DB_WAIT_SECONDS", "60"))
    while True:
        try:
            connection.ensure_connection()
            return
        except OperationalError as error:
            if time.monotonic() > deadline:
                sys.exit(f"the database did not answer in time: {error}")
            connection.close()
            time.sleep(1)


def migrate(connection):
    from django.core.management import call_command

    locked = connection.vendor == "postgresql"
    if locked:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        call_command("migrate", interactive=False)
        call_command("seed_reference")
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


def main(action):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorat.settings")
    django.setup()
    from django.db import connection

    wait_for_database(connection)
    if action == "migrate":
        migrate(connection)


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in {"wait", "migrate"}:
        sys.exit(__doc__)
    main(sys.argv[1])

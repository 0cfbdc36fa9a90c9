#!/bin/sh
# Runs before the command of every app container (web, worker, beat): waits for the database, checks
# that FIELD_ENCRYPTION_KEYS decrypts the confidential data it holds (a container started with the
# wrong keys stops here, with what to do, rather than serve unreadable notes); the web role then
# applies the migrations and loads the reference data. Both are idempotent and run one container at
# a time (see prepare.py), so several web containers may start together.
set -eu

role="${MENTORAT_ROLE:-web}"

echo "entrypoint ($role): waiting for the database"
python /app/docker/prepare.py wait

echo "entrypoint ($role): check_encryption_keys"
python /app/manage.py check_encryption_keys

if [ "$role" = "web" ]; then
    echo "entrypoint ($role): migrate --noinput, then seed_reference"
    python /app/docker/prepare.py migrate
fi

exec "$@"

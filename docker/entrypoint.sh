#!/bin/sh
# Runs before the command of every app container (web, worker, beat): waits for the database; the
# web role then applies the migrations and loads the reference data. Both are idempotent and run
# one container at a time (see prepare.py), so several web containers may start together.
set -eu

role="${MENTORAT_ROLE:-web}"

echo "entrypoint ($role): waiting for the database"
python /app/docker/prepare.py wait

if [ "$role" = "web" ]; then
    echo "entrypoint ($role): migrate --noinput, then seed_reference"
    python /app/docker/prepare.py migrate
fi

exec "$@"

#!/usr/bin/env bash
# Back up Mentorat: the PostgreSQL database and the uploaded files (MEDIA_ROOT) into one folder.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/backup.sh [DESTINATION]

Writes DESTINATION/mentorat-<UTC date>/ (DESTINATION defaults to ./backups) holding:
  database.dump   pg_dump --format=custom of the database named by DATABASE_URL
  media.tar.gz    the uploaded and generated files (MEDIA_ROOT of the Django settings)
  manifest.json   date, version and commit, row counts per table, fingerprints of the encryption keys
  SHA256SUMS      checksums of the three files, checked by scripts/restore.sh

Reads the same environment as the platform (DATABASE_URL, MEDIA_ROOT, SECRET_KEY,
FIELD_ENCRYPTION_KEYS...). The encryption keys are NOT in the backup: keep them apart (README,
"Sauvegarde et restauration"). pg_dump must be the major version of the server or newer.
The counts of the manifest are read in the snapshot that pg_dump dumps.

With docker compose (pg_dump is in the image):
  install -d -o 1000 -g 1000 backups
  docker compose run --rm --no-deps --entrypoint "" -v "$PWD/backups:/backups" web scripts/backup.sh /backups

PYTHON names the interpreter (default: python).
EOF
}

die() {
    echo "backup: $*" >&2
    exit 1
}

case "${1:-}" in
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
esac
[ $# -le 1 ] || { usage >&2; exit 2; }

destination="${1:-backups}"
mkdir -p "$destination"
destination="$(cd "$destination" && pwd)"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python="${PYTHON:-python}"

case "${DATABASE_URL:-}" in
    postgres://* | postgresql://*) ;;
    *) die "DATABASE_URL must name the PostgreSQL database to back up (postgres://user:password@host:5432/name)" ;;
esac
for program in pg_dump psql tar sha256sum; do
    command -v "$program" >/dev/null || die "$program is not installed (Debian: postgresql-client)"
done

media_root="$("$python" manage.py shell --no-imports -c 'from django.conf import settings; print(settings.MEDIA_ROOT)' | tail -n 1)"
[ -n "$media_root" ] || die "could not read MEDIA_ROOT from the Django settings"

# A backup holds personal data: readable by its owner only. It is written under a temporary name
# and renamed at the end, so that an interrupted backup never looks complete.
umask 077
folder="$destination/mentorat-$(date -u +%Y%m%dT%H%M%SZ)"
partial="$folder.partial"
[ ! -e "$folder" ] && [ ! -e "$partial" ] || die "$folder already exists"
mkdir "$partial"

# One transaction stays open while pg_dump and the manifest read the snapshot it exports, so that
# the row counts of the manifest are those of the dump even while the platform runs.
coproc SNAPSHOT { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DATABASE_URL"; }
snapshot_in="${SNAPSHOT[1]}"
snapshot_out="${SNAPSHOT[0]}"
snapshot_pid="$SNAPSHOT_PID"
cleanup() {
    exec {snapshot_in}>&- 2>/dev/null || true
    wait "$snapshot_pid" 2>/dev/null || true
    rm -rf "$partial"
}
trap cleanup EXIT
printf '%s\n' "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;" "SELECT pg_export_snapshot();" >&"$snapshot_in"
read -r -t 60 snapshot <&"$snapshot_out" || die "could not open a snapshot of the database (is DATABASE_URL right?)"

echo "backup: dumping the database (snapshot $snapshot)"
pg_dump --format=custom --snapshot="$snapshot" --file="$partial/database.dump" --dbname="$DATABASE_URL"
echo "backup: writing the manifest"
"$python" manage.py backup_manifest --snapshot "$snapshot" > "$partial/manifest.json"
printf '%s\n' "COMMIT;" >&"$snapshot_in"

echo "backup: archiving the files of $media_root"
if [ -d "$media_root" ]; then
    tar -C "$media_root" -czf "$partial/media.tar.gz" .
else
    # No file uploaded yet: an empty archive, so that every backup has the same three files.
    tar -czf "$partial/media.tar.gz" --files-from /dev/null
fi

(cd "$partial" && sha256sum database.dump media.tar.gz manifest.json > SHA256SUMS)
mv "$partial" "$folder"
echo "backup: done: $folder"
echo "backup: the encryption keys are not in it; without them its confidential notes cannot be read"

#!/usr/bin/env bash
# Restore a backup of scripts/backup.sh into the database of DATABASE_URL and into MEDIA_ROOT.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/restore.sh [--force] BACKUP_FOLDER

Restores BACKUP_FOLDER (made by scripts/backup.sh):
  1. checks SHA256SUMS (a damaged or incomplete backup is refused);
  2. refuses a database that already holds tables, unless --force (its content is then replaced);
  3. pg_restore --clean --if-exists --no-owner into the database of DATABASE_URL, in one transaction;
  4. extracts the files into MEDIA_ROOT (files of the same name are replaced, others are kept);
  5. compares the row counts with the manifest, then checks that FIELD_ENCRYPTION_KEYS decrypts the
     confidential values (manage.py check_encryption_keys).
Exits non-zero when any step fails, a count differs, or the keys cannot read the data: the backup's
data is then restored but the platform must not start before the right key is in FIELD_ENCRYPTION_KEYS.

Reads the same environment as the platform (DATABASE_URL, MEDIA_ROOT, SECRET_KEY, FIELD_ENCRYPTION_KEYS...).
pg_restore must be the major version of the server or newer. Then start the platform: its
entrypoint applies the migrations when the backup comes from an older version.

With docker compose (stop the app first, keep the database running):
  docker compose stop web worker beat
  docker compose run --rm --no-deps --entrypoint "" -v "$PWD/backups:/backups" web \
      scripts/restore.sh [--force] /backups/mentorat-<date>
  docker compose up -d

PYTHON names the interpreter (default: python).
EOF
}

die() {
    echo "restore: $*" >&2
    exit 1
}

force=false
folder=""
while [ $# -gt 0 ]; do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --force) force=true ;;
        -*) usage >&2; exit 2 ;;
        *) [ -z "$folder" ] || { usage >&2; exit 2; }; folder="$1" ;;
    esac
    shift
done
[ -n "$folder" ] || { usage >&2; exit 2; }
[ -d "$folder" ] || die "$folder is not a folder"
folder="$(cd "$folder" && pwd)"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python="${PYTHON:-python}"

case "${DATABASE_URL:-}" in
    postgres://* | postgresql://*) ;;
    *) die "DATABASE_URL must name the PostgreSQL database to restore into (postgres://user:password@host:5432/name)" ;;
esac
for program in pg_restore psql tar sha256sum; do
    command -v "$program" >/dev/null || die "$program is not installed (Debian: postgresql-client)"
done

echo "restore: checking the checksums of $folder"
[ -f "$folder/SHA256SUMS" ] || die "$folder/SHA256SUMS is missing: not a complete backup"
(cd "$folder" && sha256sum --check --quiet --strict SHA256SUMS) || die "the backup is damaged (SHA256SUMS does not match)"
for file in database.dump media.tar.gz manifest.json; do
    grep -q " $file\$" "$folder/SHA256SUMS" || die "SHA256SUMS does not cover $file"
done

tables="$(psql -X -A -t -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -c \
    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"
if [ "$tables" -gt 0 ]; then
    $force || die "the database already holds $tables table(s): nothing restored (--force replaces its content)"
    echo "restore: --force: the content of the database is replaced"
fi

echo "restore: restoring the database"
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$folder/database.dump"

media_root="$("$python" manage.py shell --no-imports -c 'from django.conf import settings; print(settings.MEDIA_ROOT)' | tail -n 1)"
[ -n "$media_root" ] || die "could not read MEDIA_ROOT from the Django settings"
echo "restore: extracting the files into $media_root"
mkdir -p "$media_root"
tar -C "$media_root" -xzf "$folder/media.tar.gz"

status=0
echo "restore: row counts, backup and restored"
"$python" manage.py backup_manifest --compare "$folder/manifest.json" || status=1
echo "restore: checking the encryption keys"
"$python" manage.py check_encryption_keys || status=1
if [ "$status" -ne 0 ]; then
    die "the restore is NOT usable as it is (see above); do not start the platform before it is fixed"
fi
echo "restore: done"

from django.core.management.base import BaseCommand, CommandError

from mentorat.core import crypto
from mentorat.core.checks import field_states, unreadable_data_error


class Command(BaseCommand):
    help = (
        "Check that FIELD_ENCRYPTION_KEYS decrypts the confidential values stored in the database (the "
        "oldest and newest of each encrypted field) and print the keys' fingerprints. Exits non-zero, "
        "with what to do, when a key is missing. Run by docker/entrypoint.sh before the platform starts "
        "and by scripts/restore.sh after a restore."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        fingerprints = crypto.key_fingerprints()
        self.stdout.write(f"FIELD_ENCRYPTION_KEYS: {len(fingerprints)} key(s), fingerprints {', '.join(fingerprints)}")
        unreadable = []
        for state in field_states(options["database"]):
            if not state.created:
                status = "table not created yet"
            elif not state.tokens:
                status = "no value stored"
            elif state.readable:
                keys = sorted({crypto.decrypting_key(token) for token in state.tokens})
                status = f"readable (key {', '.join(keys)})"
            else:
                status = "UNREADABLE with every configured key"
                unreadable.append(state.label)
            self.stdout.write(f"  {state.label}: {status}")
        if unreadable:
            error = unreadable_data_error(unreadable)
            raise CommandError(f"{error.msg}\nHINT: {error.hint}")
        self.stdout.write("encryption keys: OK")

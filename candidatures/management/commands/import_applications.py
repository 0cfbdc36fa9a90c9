from django.core.management.base import BaseCommand, CommandError

from candidatures.imports import applications_import, read_import_file
from mentorat.core.models import Programme


class Command(BaseCommand):
    help = "Import applications from a CSV file, all-or-nothing (see the README for the columns)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--programme", required=True, help="programme slug, e.g. 2026-2027")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--validate", action="store_true", help="mark the imported applications validated")
        parser.add_argument(
            "--send-activation", action="store_true", help="email new people a link to set their password"
        )

    def handle(self, *args, **options):
        try:
            programme = Programme.objects.get(slug=options["programme"])
        except Programme.DoesNotExist:
            raise CommandError(f"unknown programme {options['programme']!r}") from None
        try:
            with open(options["file"], "rb") as handle:
                rows, errors = read_import_file(handle)
        except OSError as error:
            raise CommandError(f"cannot read {options['file']}: {error}") from None
        if not errors:
            result = applications_import(
                programme=programme,
                rows=rows,
                dry_run=options["dry_run"],
                validate=options["validate"],
                send_activation=options["send_activation"],
            )
            errors = result["errors"]
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(f"{len(errors)} error(s): nothing was imported")
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{result['created']} created, {result['updated']} updated, "
            f"{result['unchanged']} unchanged, {result['users_created']} new account(s)"
        )

from django.core.management.base import BaseCommand

from mentorat.audit.services import audit_purge


class Command(BaseCommand):
    help = "Delete audit events older than 12 months. Dry run unless --wet-run."

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="really delete")

    def handle(self, *args, **options):
        count = audit_purge(wet_run=options["wet_run"])
        verb = "deleted" if options["wet_run"] else "would be deleted (dry run; add --wet-run)"
        self.stdout.write(f"{count} audit event(s) older than 12 months {verb}")

from django.core.management.base import BaseCommand
from django.db import transaction

from mentorat.core import crypto


class Command(BaseCommand):
    help = (
        "Re-encrypt every confidential value with the first key of FIELD_ENCRYPTION_KEYS "
        "(also encrypts values written before encryption). Run after putting a new key in front; "
        "then the old keys can be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        total = 0
        for model, field in crypto.encrypted_fields():
            column = field.column
            table = model._meta.db_table
            count = 0
            # Read the raw stored values, so that nothing is decrypted needlessly into Python objects.
            queryset = model._base_manager.order_by("pk")
            last_pk = None
            while True:
                batch = queryset.filter(pk__gt=last_pk) if last_pk is not None else queryset
                rows = list(batch.values_list("pk", flat=True)[: options["batch_size"]])
                if not rows:
                    break
                with transaction.atomic():
                    from django.db import connection

                    with connection.cursor() as cursor:
                        cursor.execute(
                            f"SELECT {connection.ops.quote_name(model._meta.pk.column)}, {connection.ops.quote_name(column)} "
                            f"FROM {connection.ops.quote_name(table)} WHERE {connection.ops.quote_name(model._meta.pk.column)} IN ({', '.join(['%s'] * len(rows))})",
                            rows,
                        )
                        for pk, raw in cursor.fetchall():
                            rotated = crypto.rotate(raw)
                            if rotated != raw:
                                cursor.execute(
                                    f"UPDATE {connection.ops.quote_name(table)} SET {connection.ops.quote_name(column)} = %s "
                                    f"WHERE {connection.ops.quote_name(model._meta.pk.column)} = %s",
                                    [rotated, pk],
                                )
                                count += 1
                last_pk = rows[-1]
            self.stdout.write(f"{model._meta.label}.{field.name}: {count} value(s) re-encrypted")
            total += count
        self.stdout.write(f"total: {total}")

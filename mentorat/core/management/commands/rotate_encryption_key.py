from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from mentorat.core import crypto


def stored_batch(model, field, *, after, size, lock=False):
    """(pk, stored value) of up to `size` non-empty values whose pk is above `after`, read raw:
    nothing is decrypted into model instances."""
    quote = connection.ops.quote_name
    table, pk, column = quote(model._meta.db_table), quote(model._meta.pk.column), quote(field.column)
    above = f"AND {pk} > %s " if after is not None else ""
    # Locked while rewritten, so that a note saved meanwhile is not overwritten by its older text.
    locking = " FOR UPDATE" if lock and connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk}, {column} FROM {table} WHERE {column} <> '' {above}ORDER BY {pk} LIMIT %s{locking}",
            [after, size] if after is not None else [size],
        )
        return cursor.fetchall()


def stored_values(model, field, size):
    after = None
    while rows := stored_batch(model, field, after=after, size=size):
        yield from rows
        after = rows[-1][0]


def to_rewrite(value):
    """Whether the rotation rewrites a stored value: clear text written before encryption, or a
    value encrypted with another key than the first."""
    return not crypto.written_with_first_key(value)


class Command(BaseCommand):
    help = (
        "Re-encrypt every confidential value with the first key of FIELD_ENCRYPTION_KEYS (and encrypt "
        "values written before encryption). Run after putting a new key in front, keeping the old ones "
        "after it; then the old keys can be removed. Dry run (counts only) unless --wet-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="write the re-encrypted values")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, wet_run, batch_size, **options):
        # A first pass counts, and finds the values that no key decrypts before anything is written.
        plan, unreadable = [], []
        for model, field in crypto.encrypted_fields():
            label = f"{model._meta.label}.{field.name}"
            counts = {"current": 0, "rewrite": 0, "unreadable": 0}
            for _pk, value in stored_values(model, field, batch_size):
                if not to_rewrite(value):
                    counts["current"] += 1
                elif value.startswith(crypto.PREFIX) and crypto.decrypting_key(value) is None:
                    counts["unreadable"] += 1
                else:
                    counts["rewrite"] += 1
            self.stdout.write(
                f"{label}: {counts['current']} with the first key, {counts['rewrite']} to re-encrypt, "
                f"{counts['unreadable']} unreadable"
            )
            plan.append((model, field, counts["rewrite"]))
            if counts["unreadable"]:
                unreadable.append(label)
        if unreadable:
            raise CommandError(
                f"Values of {', '.join(unreadable)} cannot be decrypted with any key of FIELD_ENCRYPTION_KEYS: "
                "put back the key they were written with (after the first one) and run again. Nothing was written."
            )
        total = sum(count for _model, _field, count in plan)
        if not wet_run:
            self.stdout.write(f"dry run: {total} value(s) would be re-encrypted; nothing written (add --wet-run)")
            return
        for model, field, count in plan:
            if count:
                self.rewrite(model, field, batch_size)
        self.stdout.write(f"{total} value(s) re-encrypted with the first key")

    def rewrite(self, model, field, batch_size):
        quote = connection.ops.quote_name
        update = (
            f"UPDATE {quote(model._meta.db_table)} SET {quote(field.column)} = %s "
            f"WHERE {quote(model._meta.pk.column)} = %s"
        )
        after = None
        while True:
            with transaction.atomic():
                rows = stored_batch(model, field, after=after, size=batch_size, lock=True)
                with connection.cursor() as cursor:
                    for pk, value in rows:
                        if to_rewrite(value):
                            cursor.execute(update, [crypto.rotate(value), pk])
            if not rows:
                return
            after = rows[-1][0]

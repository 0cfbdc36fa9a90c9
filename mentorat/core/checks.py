"""Start-up check that FIELD_ENCRYPTION_KEYS can decrypt the confidential values already stored.

A database restored next to other keys (or a key removed before the rotation ran) would otherwise
start normally and show every note as unreadable. The check reads the oldest and the newest stored
value of each encrypted field and fails when no configured key decrypts one of them.

It is a database check (`Tags.database`), as Django's own are: it runs for `migrate`,
`check --database default` and `manage.py check_encryption_keys` (which docker/entrypoint.sh runs
before gunicorn and Celery, and scripts/restore.sh after a restore), never for a plain `check`
that may have no database to ask.
"""

from dataclasses import dataclass

from django.core import checks
from django.db import connections

from . import crypto

UNREADABLE_DATA = "mentorat.E001"


@dataclass(frozen=True)
class FieldState:
    """What a database holds for one encrypted field."""

    label: str  # "sessions_binome.SessionNote.text"
    created: bool  # its table and column exist (false before the migrations)
    tokens: tuple  # the oldest and the newest stored encrypted values (zero to two)

    @property
    def readable(self):
        return all(crypto.decrypting_key(token) for token in self.tokens)


def field_states(using="default"):
    """One FieldState per encrypted field, read from the `using` database without decrypting
    anything into model instances. Tables that the migrations have not created yet are reported as
    such rather than queried."""
    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        states = []
        for model, field in crypto.encrypted_fields():
            label = f"{model._meta.label}.{field.name}"
            table = model._meta.db_table
            columns = (
                {column.name for column in connection.introspection.get_table_description(cursor, table)}
                if table in tables
                else set()
            )
            if field.column not in columns:
                states.append(FieldState(label, False, ()))
                continue
            tokens = []
            for order in ("ASC", "DESC"):
                cursor.execute(
                    f"SELECT {quote(field.column)} FROM {quote(table)} WHERE {quote(field.column)} LIKE %s "
                    f"ORDER BY {quote(model._meta.pk.column)} {order} LIMIT 1",
                    [crypto.PREFIX + "%"],
                )
                row = cursor.fetchone()
                if row and row[0] not in tokens:
                    tokens.append(row[0])
            states.append(FieldState(label, True, tuple(tokens)))
    return states


def unreadable_data_error(labels):
    return checks.Critical(
        f"Confidential data cannot be decrypted with any key of FIELD_ENCRYPTION_KEYS: {', '.join(labels)}. "
        "FIELD_ENCRYPTION_KEYS does not hold the key this data was written with (a backup restored next "
        "to other keys, or an old key removed before `manage.py rotate_encryption_key --wet-run` ran). "
        "The platform refuses to start rather than show these notes as unreadable.",
        hint=(
            "Put the key the data was written with back into FIELD_ENCRYPTION_KEYS (comma-separated, the "
            "current key first, older keys after it), from where the keys are kept (the secrets manager "
            "or the sealed envelope, never the backups), then start again. "
            "`python manage.py check_encryption_keys` prints the fingerprints of the configured keys, to "
            "compare with the `encryption` part of the backup's manifest.json. Without that key the "
            "confidential notes it encrypted are lost."
        ),
        id=UNREADABLE_DATA,
    )


def encryption_keys_check(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    errors = []
    for alias in databases:
        labels = [state.label for state in field_states(alias) if not state.readable]
        if labels:
            errors.append(unreadable_data_error(labels))
    return errors

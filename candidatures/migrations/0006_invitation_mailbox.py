from django.db import migrations, models


def _mailbox_of(email):
    # A copy of candidatures.relay.mailbox_of as it is today: a migration must not change with the code.
    email = email.strip().lower()
    local, _at, domain = email.rpartition("@")
    local = local.split("+", 1)[0] or local
    return f"{local}@{domain}"


def fill_mailboxes(apps, schema_editor):
    for name in ("Invitation", "InvitationOptOut"):
        model = apps.get_model("candidatures", name)
        rows = list(model.objects.only("pk", "email"))
        for row in rows:
            row.mailbox = _mailbox_of(row.email)
        model.objects.bulk_update(rows, ["mailbox"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("candidatures", "0005_importjob"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="mailbox",
            field=models.EmailField(db_index=True, default="", max_length=254, verbose_name="boîte aux lettres"),
        ),
        migrations.AddField(
            model_name="invitationoptout",
            name="mailbox",
            field=models.EmailField(db_index=True, default="", max_length=254, verbose_name="boîte aux lettres"),
        ),
        migrations.RunPython(fill_mailboxes, migrations.RunPython.noop),
    ]

"""The organisations of a pair's two applications, copied onto the pair (HR follow-up's filter)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_organisations(apps, schema_editor):
    Pair = apps.get_model("sessions_binome", "Pair")
    Application = apps.get_model("candidatures", "Application")
    Pair.objects.update(
        mentee_organisation=Subquery(Application.objects.filter(pk=OuterRef("mentee_application")).values("organisation")[:1]),
        mentor_organisation=Subquery(Application.objects.filter(pk=OuterRef("mentor_application")).values("organisation")[:1]),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("sessions_binome", "0005_encrypted_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="pair",
            name="mentee_organisation",
            field=models.ForeignKey(
                editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="core.organisation", verbose_name="organisme du mentoré",
            ),
        ),
        migrations.AddField(
            model_name="pair",
            name="mentor_organisation",
            field=models.ForeignKey(
                editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="core.organisation", verbose_name="organisme du mentor",
            ),
        ),
        migrations.RunPython(copy_organisations, migrations.RunPython.noop),
    ]

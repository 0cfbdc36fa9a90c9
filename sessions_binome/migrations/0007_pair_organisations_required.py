"""Every pair has its two organisations (0006 copied them): required. A migration of its own, as
PostgreSQL alters no table that has pending deferred foreign-key checks from 0006's update."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("sessions_binome", "0006_pair_organisations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="pair",
            name="mentee_organisation",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="core.organisation", verbose_name="organisme du mentoré",
            ),
        ),
        migrations.AlterField(
            model_name="pair",
            name="mentor_organisation",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="core.organisation", verbose_name="organisme du mentor",
            ),
        ),
    ]

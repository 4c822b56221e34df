"""A 동's outline moves to its own table, so reading a 동 no longer reads and decodes its polygon."""

import django.db.models.deletion
from django.db import migrations, models


def forwards(apps, schema_editor):
    Dong = apps.get_model("reference", "Dong")
    DongBoundary = apps.get_model("reference", "DongBoundary")
    DongBoundary.objects.bulk_create(
        DongBoundary(dong_id=pk, geometry=geometry)
        for pk, geometry in Dong.objects.exclude(geometry_old=None).values_list("pk", "geometry_old")
    )


def backwards(apps, schema_editor):
    Dong = apps.get_model("reference", "Dong")
    DongBoundary = apps.get_model("reference", "DongBoundary")
    for boundary in DongBoundary.objects.all():
        Dong.objects.filter(pk=boundary.dong_id).update(geometry_old=boundary.geometry)


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_visa_requires_listing")]

    operations = [
        migrations.RenameField("dong", "boundary", "geometry_old"),
        migrations.CreateModel(
            name="DongBoundary",
            fields=[
                (
                    "dong",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="boundary",
                        serialize=False,
                        to="reference.dong",
                    ),
                ),
                ("geometry", models.JSONField(verbose_name="경계(GeoJSON geometry)")),
            ],
            options={"verbose_name": "행정동 경계", "verbose_name_plural": "행정동 경계"},
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField("dong", "geometry_old"),
    ]

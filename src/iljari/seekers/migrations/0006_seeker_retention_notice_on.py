from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("seekers", "0005_one_record_per_person")]

    operations = [
        migrations.AddField(
            model_name="seeker",
            name="retention_notice_on",
            field=models.DateField(blank=True, null=True, verbose_name="보유기간 만료 안내일"),
        ),
    ]

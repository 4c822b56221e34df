from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notify", "0002_staff_messages")]

    operations = [
        migrations.AlterField(
            model_name="message",
            name="kind",
            field=models.CharField(
                choices=[
                    ("code", "인증번호"),
                    ("referral", "알선 진행 안내"),
                    ("interview", "면접 일시 안내"),
                    ("event", "채용행사 안내"),
                    ("staff", "직원 알림"),
                    ("notice", "개인정보 안내"),
                ],
                max_length=12,
                verbose_name="종류",
            ),
        ),
    ]

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "iljari.referrals"
    verbose_name = "알선·취업"

    def ready(self) -> None:
        from iljari.core.jobs import periodic
        from iljari.referrals.sections import register

        register()
        periodic("iljari.referrals.tasks.remind_nightly", cron="0 7 * * *")

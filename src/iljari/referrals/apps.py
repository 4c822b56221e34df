from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "iljari.referrals"
    verbose_name = "알선·취업"

    def ready(self) -> None:
        from iljari.referrals.sections import register

        register()

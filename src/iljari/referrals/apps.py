from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "iljari.referrals"
    verbose_name = "알선·취업"

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "iljari.accounts"
    verbose_name = "직원·창구"

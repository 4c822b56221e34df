from django.apps import AppConfig


class NotifyConfig(AppConfig):
    """Text messages to the public (one-time codes, referral news) behind one sender interface."""

    name = "iljari.notify"
    verbose_name = "알림"

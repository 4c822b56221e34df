from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public self-service public: job seekers and employers, in their own languages."""

    name = "iljari.portal"
    verbose_name = "셀프서비스 포털"

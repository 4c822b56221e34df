"""Staff roles: the kernel names them so access rules need no domain app."""

from django.db import models


class Role(models.TextChoices):
    COUNSELOR = "counselor", "직업상담사"
    DESK_LEAD = "desk_lead", "창구 책임자"
    DISCOVERY = "discovery", "일자리 발굴팀"
    EVENT_STAFF = "event_staff", "채용행사 담당"
    MANAGER = "manager", "센터 관리자"
    ADMIN = "admin", "시스템 관리자"

"""The staff login form, with a limit per address as well as per account."""

from datetime import timedelta

from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iljari.core.pages import client_address


class StaffLoginForm(AuthenticationForm):
    """Axes locks one account at one address after a few failures; someone trying many accounts from
    one address is stopped here too, before any password is checked."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("아이디 또는 비밀번호가 맞지 않습니다. 5회 틀리면 15분 동안 로그인할 수 없습니다."),
        "address_locked": _(
            "이 주소에서 로그인 실패가 많아 잠시 로그인할 수 없습니다. 15분 뒤에 다시 시도하시거나 "
            "시스템 관리자에게 문의해 주십시오."
        ),
    }

    def clean(self) -> dict:
        if self.request is not None and self._failures_from_address() >= settings.ILJARI_LOGIN_FAILURES_PER_ADDRESS:
            raise forms.ValidationError(self.error_messages["address_locked"], code="address_locked")
        return super().clean()

    def _failures_from_address(self) -> int:
        since = timezone.now() - timedelta(seconds=settings.AXES_COOLOFF_TIME.total_seconds())
        recent = AccessAttempt.objects.filter(ip_address=client_address(self.request), attempt_time__gte=since)
        return recent.aggregate(n=Sum("failures_since_start"))["n"] or 0

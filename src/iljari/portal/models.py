"""What the portal keeps of its own: who signed in, what they want to hear, and what they asked for.

A seeker's profile, consents, referrals and registrations stay in their own apps; a portal request
only points at them, so the counselor acting on it works on the same records as at the desk.
"""

from django.conf import settings
from django.db import models

from iljari.core.fields import SafeCharField, SafeTextField
from iljari.privacy.fields import EncryptedTextField


class SeekerAccount(models.Model):
    """구직자 포털 계정 — a seeker who signs in with their own phone."""

    seeker = models.OneToOneField("seekers.Seeker", on_delete=models.CASCADE, related_name="portal_account")
    created_at = models.DateTimeField("가입 일시", auto_now_add=True)
    last_signed_in_at = models.DateTimeField("마지막 로그인", null=True, blank=True)
    # When the person last saved their profile: until then the record's 한국어 수준 and 체류자격 are
    # defaults nobody chose, and the profile form asks rather than shows them as answers.
    profile_saved_at = models.DateTimeField("구직 정보 저장", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "구직자 포털 계정"

    def __str__(self) -> str:
        return f"포털 계정 #{self.pk}"


class EmployerAccount(models.Model):
    """기업 포털 계정 — a company signed in by its 사업자등록번호 and a code sent to its phone.

    A company the center already knows signs in with the phone on its record; a new one types its
    own and waits for a counselor to confirm it before anything it posts is published.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "확인 대기"
        CONFIRMED = "confirmed", "확인 완료"
        REFUSED = "refused", "반려"

    employer = models.OneToOneField("employers.Employer", on_delete=models.CASCADE, related_name="portal_account")
    phone = EncryptedTextField("인증 휴대전화")
    phone_hash = models.CharField(max_length=64, db_index=True)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    language = models.CharField("사용 언어", max_length=8, default="ko")
    created_at = models.DateTimeField("가입 일시", auto_now_add=True)
    last_signed_in_at = models.DateTimeField("마지막 로그인", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "기업 포털 계정"

    def __str__(self) -> str:
        return f"기업 포털 계정 #{self.pk} ({self.get_status_display()})"


class PortalRequest(models.Model):
    """포털 요청 — something a seeker or an employer asked for on the portal, for a counselor to act on
    in one step from 오늘의 업무: an 알선 신청, a new company, a vacancy to publish, a company's request
    to interview an anonymous candidate."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", "알선 신청"
        COMPANY = "company", "기업 가입 확인"
        VACANCY = "vacancy", "구인표 게시 확인"
        INTERVIEW = "interview", "기업 면접 요청"

    class Status(models.TextChoices):
        OPEN = "open", "처리 대기"
        DONE = "done", "처리 완료"
        DECLINED = "declined", "반려"
        WITHDRAWN = "withdrawn", "철회"

    kind = models.CharField("종류", max_length=10, choices=Kind.choices)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    desk = models.ForeignKey("accounts.Desk", verbose_name="처리 창구", on_delete=models.PROTECT, related_name="+")
    seeker = models.ForeignKey(
        "seekers.Seeker", null=True, blank=True, on_delete=models.CASCADE, related_name="portal_requests"
    )
    employer = models.ForeignKey(
        "employers.Employer", null=True, blank=True, on_delete=models.CASCADE, related_name="portal_requests"
    )
    vacancy = models.ForeignKey(
        "vacancies.Vacancy", null=True, blank=True, on_delete=models.CASCADE, related_name="portal_requests"
    )
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="portal_requests"
    )
    message = SafeTextField("남긴 말", blank=True)
    # The person is under the 포털 메시지 검토 후 전달 measure (safety): the desk lead reads it first.
    held = models.BooleanField("검토 후 전달", default=False)
    created_at = models.DateTimeField("요청 일시", auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField("처리 일시", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = SafeCharField("처리 메모", max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "포털 요청"
        indexes = [models.Index(fields=["desk", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"포털 요청 #{self.pk} ({self.get_kind_display()}, {self.get_status_display()})"

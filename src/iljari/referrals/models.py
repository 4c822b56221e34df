"""Referrals (알선), placements (취업) and retention follow-ups (사후관리)."""

from django.conf import settings
from django.db import models

from iljari.core.choices import WageType
from iljari.core.fields import SafeCharField, SafeTextField
from iljari.privacy.history import VersionedRecord


class Referral(VersionedRecord):
    """알선 — a counselor sends a seeker to a vacancy."""

    class Status(models.TextChoices):
        REFERRED = "referred", "알선"
        INTERVIEW = "interview", "면접 예정"
        HIRED = "hired", "채용"
        NOT_HIRED = "not_hired", "불채용"
        CANCELLED = "cancelled", "취소"

    class Reason(models.TextChoices):
        WAGE = "wage", "임금 불일치"
        HOURS = "hours", "근무시간"
        DISTANCE = "distance", "거리"
        QUALIFICATION = "qualification", "자격 미달"
        SEEKER_WITHDREW = "seeker_withdrew", "구직자 포기"
        EMPLOYER = "employer", "업체 사정"
        OTHER = "other", "기타"

    seeker = models.ForeignKey("seekers.Seeker", on_delete=models.PROTECT, related_name="referrals")
    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.PROTECT, related_name="referrals")
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="알선 상담사",
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    status = models.CharField(
        "진행 상태", max_length=12, choices=Status.choices, default=Status.REFERRED, db_index=True
    )
    referred_at = models.DateTimeField("알선 일시", db_index=True)
    interview_at = models.DateTimeField("면접 일시", null=True, blank=True, db_index=True)
    result_at = models.DateTimeField("결과 일시", null=True, blank=True)
    not_hired_reason = models.CharField("불채용 사유", max_length=20, choices=Reason.choices, blank=True)
    note = SafeTextField("메모", blank=True)

    class Meta:
        ordering = ["-referred_at"]
        verbose_name = verbose_name_plural = "알선"

    def __str__(self) -> str:
        return f"알선 #{self.pk} ({self.get_status_display()})"


class Placement(models.Model):
    """취업 — a seeker started work, through a referral or on their own (자체 취업)."""

    seeker = models.ForeignKey("seekers.Seeker", on_delete=models.PROTECT, related_name="placements")
    referral = models.OneToOneField(Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="placement")
    vacancy = models.ForeignKey(
        "vacancies.Vacancy", null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )
    employer_name = SafeCharField("취업처", max_length=120)
    occupation = models.ForeignKey(
        "reference.Occupation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField("취업일", db_index=True)
    wage_type = models.CharField("임금 형태", max_length=10, choices=WageType.choices, blank=True)
    wage_amount = models.PositiveIntegerField("임금(원)", null=True, blank=True)
    is_direct = models.BooleanField("자체 취업", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-started_on"]
        verbose_name = verbose_name_plural = "취업"

    def __str__(self) -> str:
        return f"취업 #{self.pk} {self.employer_name}"


class FollowUp(models.Model):
    """사후관리 — the 1, 3 and 6-month check that a placed seeker is still working."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    months_after = models.PositiveSmallIntegerField("경과 개월")
    due_on = models.DateField("예정일", db_index=True)
    done_on = models.DateField("확인일", null=True, blank=True)
    still_employed = models.BooleanField("근속 여부", null=True)
    reason = SafeTextField("사유", blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["placement", "months_after"], name="one_follow_up_per_month")]
        verbose_name = verbose_name_plural = "사후관리"

    def __str__(self) -> str:
        return f"{self.months_after}개월 사후관리 ({self.due_on})"

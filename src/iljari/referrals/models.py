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


class StandingPlacements(models.Manager):
    """Placements that stand: one withdrawn by a correction is kept with its reason but counts nowhere."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Placement(models.Model):
    """취업 — a seeker started work, through a referral or on their own (자체 취업).

    A placement is never deleted: when the outcome it came from is corrected it is withdrawn
    (``withdrawn_at``, who, why) and every count, list and follow-up leaves it out; ``Placement.objects``
    holds the standing ones, ``Placement.every`` all of them (a seeker's history).
    """

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
    withdrawn_at = models.DateTimeField("철회 일시", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_reason = SafeTextField("철회 사유", blank=True)

    objects = StandingPlacements()
    every = models.Manager()  # noqa: DJ012 - a manager (ruff takes it for a field)

    class Meta:
        ordering = ["-started_on"]
        base_manager_name = "every"
        verbose_name = verbose_name_plural = "취업"
        constraints = [
            # The same job recorded twice (a double post, a 자체 취업 beside the referral's 채용) is one job.
            models.UniqueConstraint(
                fields=["seeker", "employer_name", "started_on"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_standing_placement_per_job",
            )
        ]

    def __str__(self) -> str:
        return f"취업 #{self.pk} {self.employer_name}"


class StandingFollowUps(models.Manager):
    """The follow-ups of standing placements: a withdrawn placement has nobody left to call."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(placement__withdrawn_at__isnull=True)


class FollowUp(models.Model):
    """사후관리 — the 1, 3 and 6-month check that a placed seeker is still working.

    ``version`` goes up with every save, so a result posted from a page read before someone else's
    is refused instead of overwriting it.
    """

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    months_after = models.PositiveSmallIntegerField("경과 개월")
    due_on = models.DateField("예정일", db_index=True)
    done_on = models.DateField("확인일", null=True, blank=True)
    still_employed = models.BooleanField("근속 여부", null=True)
    reason = SafeTextField("사유", blank=True)
    version = models.PositiveIntegerField("수정 판", default=1)

    objects = StandingFollowUps()
    every = models.Manager()  # noqa: DJ012 - a manager (ruff takes it for a field)

    class Meta:
        ordering = ["due_on"]
        base_manager_name = "every"
        constraints = [models.UniqueConstraint(fields=["placement", "months_after"], name="one_follow_up_per_month")]
        verbose_name = verbose_name_plural = "사후관리"

    def __str__(self) -> str:
        return f"{self.months_after}개월 사후관리 ({self.due_on})"

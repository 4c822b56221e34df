"""Vacancies (구인표)."""

from datetime import date

from django.db import models

from iljari.core.choices import EmploymentType, KoreanLevel, Shift, WageType
from iljari.core.fields import SafeCharField, SafeTextField
from iljari.privacy.history import VersionedRecord

# How many hours or days one wage unit stands for, to compare any wage with a monthly one.
# 209 hours is the legal monthly convention (주 40시간 + 주휴); 21.75 days a month on average.
MONTHLY_FACTOR = {WageType.HOURLY: 209, WageType.DAILY: 21.75, WageType.MONTHLY: 1, WageType.ANNUAL: 1 / 12}

BENEFITS = [
    ("dormitory", "기숙사"),
    ("commuter_bus", "통근버스"),
    ("meals", "식사 제공"),
    ("social_insurance", "4대보험"),
    ("severance", "퇴직금"),
    ("bonus", "상여금"),
]


class Vacancy(VersionedRecord):
    """구인표 — one job an employer wants filled."""

    history_exclude = ("lat", "lon")
    history_choices = {"benefits": BENEFITS}

    class Status(models.TextChoices):
        """(게시 전 확인 →) 모집 중 → 마감 (채용 완료 / 모집 취소 / 기간 만료) → 재공고; the moves are in
        ``lifecycle.py``. A company's own posting on the portal waits as a draft for a counselor."""

        DRAFT = "draft", "게시 전 확인"
        OPEN = "open", "모집 중"
        FILLED = "filled", "채용 완료"
        CANCELLED = "cancelled", "모집 취소"
        EXPIRED = "expired", "기간 만료"

    class Source(models.TextChoices):
        COUNSELOR = "counselor", "상담사 등록"
        DISCOVERY = "discovery", "현장 발굴"
        IMPORT = "import", "자료 가져오기"
        EMPLOYER = "employer", "기업 직접 등록"

    employer = models.ForeignKey(
        "employers.Employer", verbose_name="구인업체", on_delete=models.PROTECT, related_name="vacancies"
    )
    title = SafeCharField("모집직종", max_length=120)
    occupation = models.ForeignKey(
        "reference.Occupation",
        verbose_name="직업(KECO)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    duties = SafeTextField("직무내용", blank=True)
    wage_type = models.CharField("임금 형태", max_length=10, choices=WageType.choices)
    wage_amount = models.PositiveIntegerField("임금(원)")
    hours_start = models.TimeField("근무 시작", null=True, blank=True)
    hours_end = models.TimeField("근무 종료", null=True, blank=True)
    weekly_hours = models.PositiveSmallIntegerField("주당 근로시간", null=True, blank=True)
    shift = models.CharField("근무 형태", max_length=12, choices=Shift.choices, default=Shift.DAY)
    employment_type = models.CharField(
        "고용 형태", max_length=12, choices=EmploymentType.choices, default=EmploymentType.REGULAR
    )
    dong = models.ForeignKey(
        "reference.Dong",
        verbose_name="근무지 행정동",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    lat = models.FloatField("근무지 위도", null=True, blank=True)
    lon = models.FloatField("근무지 경도", null=True, blank=True)
    required_licences = models.ManyToManyField(
        "reference.Licence", verbose_name="필수 자격증", blank=True, related_name="required_by"
    )
    preferred_licences = models.ManyToManyField(
        "reference.Licence", verbose_name="우대 자격증", blank=True, related_name="preferred_by"
    )
    korean_level_min = models.PositiveSmallIntegerField(
        "필요 한국어 능력", choices=KoreanLevel.choices, default=KoreanLevel.NONE
    )
    accessible_workplace = models.BooleanField("장애인 편의시설", default=False)
    visa_types = models.ManyToManyField(
        "reference.VisaType", verbose_name="채용 가능 체류자격", blank=True, related_name="vacancies"
    )
    benefits = models.JSONField("복리후생", default=list, blank=True)
    openings = models.PositiveSmallIntegerField("모집 인원", default=1)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    source = models.CharField("등록 경로", max_length=10, choices=Source.choices, default=Source.COUNSELOR)
    posted_on = models.DateField("접수일", db_index=True)
    closes_on = models.DateField("마감일", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("시연용 가상 데이터", default=False)

    class Meta:
        ordering = ["-posted_on", "-id"]
        verbose_name = verbose_name_plural = "구인표"
        indexes = [models.Index(fields=["status", "-posted_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer_id})"

    def is_open_on(self, day: date) -> bool:
        """Taking applications on ``day``: 모집 중 and its 마감일 not yet passed (the nightly job may not have run)."""
        return self.status == self.Status.OPEN and (self.closes_on is None or self.closes_on >= day)

    @property
    def monthly_wage(self) -> int:
        """The wage as a monthly amount, to compare with a seeker's reservation wage."""
        return round(self.wage_amount * MONTHLY_FACTOR[WageType(self.wage_type)])

"""Hiring events (채용행사): booths, registrations with tickets, pre-matches and the interview timetable."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from iljari.core.fields import SafeCharField, SafeTextField

# Crockford-style alphabet: no 0/O, 1/I/L, so a code read aloud or typed from paper survives.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code(length: int = 10) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_event_code() -> str:
    return new_code(8)


class HiringEvent(models.Model):
    """채용행사 — a hiring fair or a weekly hiring day."""

    class Kind(models.TextChoices):
        FAIR = "fair", "채용박람회"
        WEEKLY = "weekly", "정기 채용의 날"
        SQUARE = "square", "취업광장"

    name = SafeCharField("행사명", max_length=120)
    kind = models.CharField("구분", max_length=10, choices=Kind.choices)
    date = models.DateField("일자", db_index=True)
    place = SafeCharField("장소", max_length=200)
    starts_at = models.TimeField("시작")
    ends_at = models.TimeField("종료")
    slot_minutes = models.PositiveSmallIntegerField("면접 시간대(분)", default=20)
    desk = models.ForeignKey(
        "accounts.Desk",
        verbose_name="주관 창구",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="현장·본인 신청한 새 구직자가 배정될 창구",
    )
    gap_slots = models.PositiveSmallIntegerField("면접 사이 빈 시간대", default=1, help_text="부스 사이 이동·휴식")
    max_interviews = models.PositiveSmallIntegerField("1인당 최대 면접 수", default=3)
    description = SafeTextField("안내", blank=True)
    public_code = models.CharField("신청 QR 코드", max_length=12, unique=True, default=new_event_code, editable=False)
    registration_open = models.BooleanField("본인 신청 접수 중", default=True)
    scheduled_at = models.DateTimeField("시간표 작성 일시", null=True, blank=True)
    schedule_summary = models.JSONField("시간표 작성 결과", default=dict, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = verbose_name_plural = "채용행사"

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%Y-%m-%d})"

    @property
    def slot_count(self) -> int:
        minutes = (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)
        return max(minutes // max(self.slot_minutes, 1), 0)

    def slot_start(self, slot: int) -> datetime:
        first = timezone.make_aware(datetime.combine(self.date, self.starts_at))
        return first + timedelta(minutes=slot * self.slot_minutes)

    def slot_of(self, moment: datetime) -> int:
        """The slot a moment falls in: -1 before the event, ``slot_count`` after it."""
        minutes = (moment - self.slot_start(0)).total_seconds() / 60
        if minutes < 0:
            return -1
        return min(int(minutes // self.slot_minutes), self.slot_count)


class Booth(models.Model):
    """부스 — an employer at an event, with the vacancies it brings and how many interview at once."""

    event = models.ForeignKey(HiringEvent, on_delete=models.CASCADE, related_name="booths")
    employer = models.ForeignKey("employers.Employer", on_delete=models.PROTECT, related_name="booths")
    vacancies = models.ManyToManyField("vacancies.Vacancy", blank=True, related_name="booths")
    label = SafeCharField("부스 번호", max_length=20, blank=True)
    interviewers = models.PositiveSmallIntegerField("면접관 수", default=1)
    interview_minutes = models.PositiveSmallIntegerField("면접 시간(분)", default=15)

    class Meta:
        ordering = ["event", "label", "id"]
        verbose_name = verbose_name_plural = "부스"

    def __str__(self) -> str:
        return f"{self.label} {self.employer}".strip()


class Registration(models.Model):
    """참가 신청 — a seeker coming to an event, with their ticket and their own booth picks."""

    class Source(models.TextChoices):
        COUNSELOR = "counselor", "상담사 신청"
        SELF = "self", "본인 신청(QR)"
        WALK_IN = "walk_in", "현장 접수"

    event = models.ForeignKey(HiringEvent, on_delete=models.CASCADE, related_name="registrations")
    seeker = models.ForeignKey("seekers.Seeker", on_delete=models.PROTECT, related_name="event_registrations")
    ticket = models.CharField("참가권 번호", max_length=12, unique=True, default=new_code, editable=False)
    source = models.CharField("신청 경로", max_length=10, choices=Source.choices)
    share_profile = models.BooleanField("고른 부스에 이력 제공 동의", default=False)
    picks = models.ManyToManyField(Booth, blank=True, related_name="picked_by", verbose_name="희망 부스")
    available_from = models.TimeField("가능 시작", null=True, blank=True)
    available_until = models.TimeField("가능 종료", null=True, blank=True)
    registered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField("입장", null=True, blank=True)
    no_show = models.BooleanField("불참", default=False)
    reminded_at = models.DateTimeField("전날 안내 문자", null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at"]
        constraints = [models.UniqueConstraint(fields=["event", "seeker"], name="one_registration_per_event")]
        verbose_name = verbose_name_plural = "채용행사 참가 신청"

    def __str__(self) -> str:
        return f"{self.event} · {self.ticket}"


class Prematch(models.Model):
    """사전 매칭 — a booth that fits a registered seeker (or that they picked), its best vacancy and why."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="prematches")
    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="prematches")
    vacancy = models.ForeignKey("vacancies.Vacancy", null=True, on_delete=models.SET_NULL, related_name="+")
    score = models.FloatField("적합도", default=0)
    picked = models.BooleanField("본인 희망", default=False)
    value = models.FloatField("시간표 가중치", default=0)
    reasons = models.JSONField("추천 이유", default=list)
    cautions = models.JSONField("확인할 점", default=list)

    class Meta:
        ordering = ["registration", "-value"]
        constraints = [models.UniqueConstraint(fields=["registration", "booth"], name="one_prematch_per_booth")]
        verbose_name = verbose_name_plural = "사전 매칭"

    def __str__(self) -> str:
        return f"{self.registration} → {self.booth}"


class Interview(models.Model):
    """행사 면접 — one slot at one booth for one registered seeker."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "예정"
        DONE = "done", "면접 완료"
        NO_SHOW = "no_show", "불참"
        CANCELLED = "cancelled", "취소"

    class Result(models.TextChoices):
        PASSED = "passed", "합격"
        FAILED = "failed", "불합격"
        SECOND = "second", "2차 면접"

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="interviews")
    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="interviews")
    vacancy = models.ForeignKey("vacancies.Vacancy", null=True, on_delete=models.PROTECT, related_name="+")
    slot = models.PositiveSmallIntegerField("시간대 번호")
    starts_at = models.DateTimeField("시작")
    value = models.FloatField("적합도", default=0)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    result = models.CharField("결과", max_length=10, choices=Result.choices, blank=True)
    referral = models.OneToOneField(
        "referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="event_interview"
    )
    # Who recorded the result and when: that person may undo it for a few minutes (a wrong tap).
    result_at = models.DateTimeField("결과 기록 일시", null=True, blank=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "booth"]
        verbose_name = verbose_name_plural = "행사 면접"

    def __str__(self) -> str:
        return f"{self.booth} {timezone.localtime(self.starts_at):%H:%M}"

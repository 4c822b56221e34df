"""Abusive contacts (악성 민원) received by staff, and the protective measures put on a record."""

from django.conf import settings
from django.db import models

from iljari.core.fields import SafeCharField
from iljari.privacy.fields import EncryptedTextField


class Incident(models.Model):
    """악성 민원 기록 — what a staff member went through, readable only by them, their desk lead and managers."""

    class Kind(models.TextChoices):
        VERBAL = "verbal", "폭언"
        VIOLENCE = "violence", "폭행"
        THREAT = "threat", "협박"
        SEXUAL = "sexual", "성희롱"
        DEMANDS = "demands", "반복적·부당한 요구"
        LONG_CALL = "long_call", "장시간 통화"

    class Channel(models.TextChoices):
        DESK = "desk", "창구 방문"
        PHONE = "phone", "전화"
        MESSAGE = "message", "문자·메신저"
        PORTAL = "portal", "온라인(포털)"
        VISIT = "visit", "현장 방문"

    class Status(models.TextChoices):
        REPORTED = "reported", "보고됨"
        RESPONDED = "responded", "책임자 조치"
        CLOSED = "closed", "종결"

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incidents_reported")
    desk = models.ForeignKey("accounts.Desk", on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField("유형", max_length=12, choices=Kind.choices)
    channel = models.CharField("경로", max_length=10, choices=Channel.choices)
    occurred_at = models.DateTimeField("일시")
    duration_minutes = models.PositiveSmallIntegerField("시간(분)", null=True, blank=True)
    seeker = models.ForeignKey(
        "seekers.Seeker", null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    employer = models.ForeignKey(
        "employers.Employer", null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    caller = EncryptedTextField("상대(모르는 사람일 때)", blank=True, null=True)
    what_happened = EncryptedTextField("있었던 일")
    witness = EncryptedTextField("목격자", blank=True, null=True)
    told = SafeCharField("알린 사람", max_length=200, blank=True)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.REPORTED, db_index=True)
    reported_at = models.DateTimeField("보고 일시", auto_now_add=True)
    respond_by = models.DateTimeField("조치 기한", db_index=True)
    responded_at = models.DateTimeField("조치 일시", null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    response = EncryptedTextField("책임자 조치 내용", blank=True, null=True)
    handed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="넘겨받은 상담사",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    support_offered = models.BooleanField("직원 심리상담·휴식 안내", default=True)
    reminded_at = models.DateTimeField("기한 경과 알림", null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = verbose_name_plural = "악성 민원"

    def __str__(self) -> str:
        return f"악성 민원 #{self.pk} ({self.get_kind_display()})"


class Measure(models.Model):
    """보호 조치 — what every staff member who opens the record sees (never the incident's details)."""

    class Kind(models.TextChoices):
        TWO_PERSON = "two_person", "2인 응대"
        RECORDING = "recording", "응대 시 녹음 고지"
        APPOINTMENT = "appointment", "예약 방문만"
        PORTAL_REVIEW = "portal_review", "포털 메시지 검토 후 전달"

    kind = models.CharField("조치", max_length=16, choices=Kind.choices)
    seeker = models.ForeignKey(
        "seekers.Seeker", null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    employer = models.ForeignKey(
        "employers.Employer", null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="measures")
    started_at = models.DateTimeField("시작", auto_now_add=True)
    ended_at = models.DateTimeField("해제", null=True, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seeker__isnull=False) ^ models.Q(employer__isnull=False), name="measure_one_record"
            )
        ]
        verbose_name = verbose_name_plural = "보호 조치"

    def __str__(self) -> str:
        return self.get_kind_display()

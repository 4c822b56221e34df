"""Company visits by the job discovery teams (일자리 발굴)."""

from django.conf import settings
from django.db import models

from iljari.core.fields import SafeTextField
from iljari.privacy.fields import EncryptedTextField
from iljari.privacy.history import VersionedRecord


class Visit(VersionedRecord):
    """One visit to a company: who was met, what was said, the hiring plan, and the 구인표 it found."""

    history_exclude = ("client_key",)

    class Team(models.TextChoices):
        SMART_HUB = "smart_hub", "스마트허브 전담팀"
        NEIGHBOURHOOD = "neighbourhood", "동 골목상권 발굴팀"

    class Plan(models.TextChoices):
        NOW = "now", "지금 채용 중"
        SOON = "soon", "3개월 안에 채용 예정"
        LATER = "later", "채용 계획 있음(시기 미정)"
        NONE = "none", "채용 계획 없음"

    employer = models.ForeignKey(
        "employers.Employer", verbose_name="방문 업체", on_delete=models.PROTECT, related_name="visits"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="방문자", on_delete=models.PROTECT, related_name="visits"
    )
    team = models.CharField("발굴팀", max_length=15, choices=Team.choices)
    visited_on = models.DateField("방문일", db_index=True)
    met_person = EncryptedTextField("만난 사람", null=True, blank=True)
    note = SafeTextField("현장 메모", blank=True)
    hiring_plan = models.CharField("채용 계획", max_length=8, choices=Plan.choices, default=Plan.NONE)
    follow_up_on = models.DateField("다음 연락일", null=True, blank=True)
    vacancy = models.ForeignKey(
        "vacancies.Vacancy",
        verbose_name="발굴한 구인표",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
    )
    # The phone form's own id for this visit, so a resend after a dropped connection is not a second visit.
    client_key = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField("시연용 가상 데이터", default=False)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = verbose_name_plural = "업체 방문"

    def __str__(self) -> str:
        return f"{self.visited_on} {self.employer}"

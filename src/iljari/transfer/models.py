"""Imports started from the web: checked first, saved when staff confirm."""

from django.conf import settings
from django.db import models

from iljari.core.fields import SafeCharField


class ImportJob(models.Model):
    """가져오기 작업 — one uploaded file on its way through check → confirm → save."""

    class Status(models.TextChoices):
        CHECKING = "checking", "검사 중"
        READY = "ready", "저장 대기(확인 필요)"
        REJECTED = "rejected", "오류 있음"
        SAVING = "saving", "저장 중"
        SAVED = "saved", "저장 완료"
        FAILED = "failed", "처리 실패"

    kind = models.CharField("자료 종류", max_length=20)
    file_name = SafeCharField("파일명", max_length=200)
    stored_path = models.CharField(max_length=500)
    desk = models.ForeignKey("accounts.Desk", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.CHECKING)
    # The queued job now checking or saving the file: its progress, attempts and failure reason.
    run = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    messages = models.JSONField(default=list)
    saved = models.JSONField("저장된 기록 번호", default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "가져오기 작업"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def stage(self) -> str:
        return self.run.stage if self.run else ""

    @property
    def done(self) -> int:
        return self.run.done if self.run else 0

    @property
    def total(self) -> int:
        return self.run.total if self.run else 0

    @property
    def percent(self) -> int:
        return self.run.percent if self.run else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.REJECTED, self.Status.SAVED, self.Status.FAILED)

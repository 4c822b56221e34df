"""What the whole site shares."""

from django.conf import settings
from django.db import models

from iljari.core.fields import SafeCharField, SafeTextField


class DataVersion(models.Model):
    """A counter every write to report inputs increases, so cached figures know when they are stale."""

    value = models.BigIntegerField(default=0)
    # When it last moved: a database restored from a backup (or a rolled-back write) can bring an
    # old counter value back with different data behind it; the time tells those states apart.
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "자료 판"

    def __str__(self) -> str:
        return f"v{self.value}"


class StatusChange(models.Model):
    """상태 이력 — one move of a record's lifecycle: who, when, from, to and why (see ``core.lifecycles``)."""

    object_type = models.CharField("대상", max_length=30)
    object_id = models.PositiveBigIntegerField("대상 번호")
    move = models.CharField("처리", max_length=30)
    from_state = models.CharField("이전 상태", max_length=20)
    to_state = models.CharField("바뀐 상태", max_length=20)
    reason = SafeCharField("사유", max_length=30, blank=True)
    note = SafeTextField("메모", blank=True)  # never a seeker's personal details
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="처리자",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField("처리자 이름", max_length=150)
    at = models.DateTimeField("일시", db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "상태 이력"
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.object_type} #{self.object_id} {self.from_state} → {self.to_state}"


class Submission(models.Model):
    """A form post that created or changed something, by the key its page rendered: a second post of
    the same page (a double click, a resend after a timeout) answers with the first one's result."""

    key = models.CharField("양식 키", max_length=32, unique=True)
    scope = models.CharField("처리", max_length=60)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    result_type = models.CharField("결과 종류", max_length=60, blank=True)
    result_id = models.PositiveBigIntegerField("결과 번호", null=True)
    at = models.DateTimeField("일시", db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "양식 제출"

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]}"


class Job(models.Model):
    """작업 — one piece of background work on the queue, with the progress the page that started it shows.

    Each attempt is a task result of the queue (django-tasks-db); this row outlives attempts, so a job
    whose worker died is retried under the same record and its page keeps polling the same id.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "대기 중"
        RUNNING = "running", "처리 중"
        SUCCEEDED = "succeeded", "완료"
        FAILED = "failed", "실패"

    name = models.CharField("작업", max_length=200)  # the task's import path
    label = models.CharField("작업명", max_length=100)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.QUEUED)
    task_id = models.CharField(max_length=64, blank=True, db_index=True)  # the current attempt
    attempts = models.PositiveSmallIntegerField("시도 횟수", default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    stage = models.CharField("단계", max_length=40, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = SafeTextField("실패 사유", blank=True)  # an exception's words may quote a cell
    result = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "작업"

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def retrying(self) -> bool:
        """Queued again after an attempt that did not finish (its worker stopped)."""
        return self.status == self.Status.QUEUED and self.attempts > 0


class Worker(models.Model):
    """작업 처리기 — one running ``iljari worker`` process, alive while its process runs and it beats."""

    id = models.CharField(primary_key=True, max_length=64)
    host = models.CharField(max_length=255)
    boot_id = models.CharField(max_length=64, blank=True)
    pid = models.PositiveIntegerField()
    pid_started = models.CharField(max_length=32, blank=True)  # when the process started (psutil)
    started_at = models.DateTimeField(auto_now_add=True)
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = verbose_name_plural = "작업 처리기"

    def __str__(self) -> str:
        return self.id


class Schedule(models.Model):
    """정기 작업 — when a periodic job last fell due and was queued, so a missed night is run once at start."""

    name = models.CharField(primary_key=True, max_length=200)  # the task's import path
    last_due = models.DateTimeField(null=True, blank=True)
    last_job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "정기 작업"

    def __str__(self) -> str:
        return self.name

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

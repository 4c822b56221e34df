"""Consent records and the append-only, hash-chained audit log."""

import json

from django.db import models

from iljari.core.errors import IljariError
from iljari.privacy.crypto import seal


class Consent(models.Model):
    """개인정보 수집·이용 동의 — one purpose a seeker agreed to (or withdrew), and when."""

    class Purpose(models.TextChoices):
        EMPLOYMENT_SERVICES = "employment_services", "취업지원 상담·알선"
        SHARE_WITH_EMPLOYERS = "share_with_employers", "구인업체에 이력 제공"
        EVENTS = "events", "채용행사 참가"
        NOTIFICATIONS = "notifications", "일자리 정보 문자 수신"
        PROGRAMS = "programs", "교육·일자리 사업 참여(운영 기관에 제공)"

    class Method(models.TextChoices):
        PAPER = "paper", "서면"
        ONLINE = "online", "온라인"
        VERBAL = "verbal", "구두(녹취)"
        IMPORT = "import", "기존 자료 이관"

    seeker = models.ForeignKey("seekers.Seeker", on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField("목적", max_length=30, choices=Purpose.choices)
    granted = models.BooleanField("동의 여부", default=True)
    method = models.CharField("방법", max_length=10, choices=Method.choices)
    given_on = models.DateField("동의일", null=True, blank=True, help_text="동의서에 적힌 날짜(기록한 날과 다를 수 있음)")
    recorded_at = models.DateTimeField("기록 일시")
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField("철회 일시", null=True, blank=True)
    # Which wording the person read (the portal's consent texts carry a version and a date).
    version = models.CharField("동의서 판", max_length=20, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = verbose_name_plural = "개인정보 동의"

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({'동의' if self.granted else '거부'})"


class AuditLogError(IljariError):
    """The audit log refused a change: it only ever grows."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        raise AuditLogError("감사 기록은 수정할 수 없습니다.")

    def delete(self) -> tuple[int, dict]:
        raise AuditLogError("감사 기록은 삭제할 수 없습니다.")


class AuditEvent(models.Model):
    """감사 기록 — who did or read what, when and why.

    A row is written with one INSERT and carries a keyed MAC of its own content; ``audit_seal``
    then gives it its number in the hash chain (``seq``, ``prev_hash``, ``hash``), rows in batches,
    so no page waits on the chain's head. Apart from that one sealing, a row never changes.
    """

    class Action(models.TextChoices):
        READ = "read", "열람"
        LIST = "list", "목록 열람"
        CREATE = "create", "등록"
        UPDATE = "update", "수정"
        DELETE = "delete", "삭제"
        IMPORT = "import", "가져오기"
        EXPORT = "export", "내보내기"
        ERASE = "erase", "파기"
        MERGE = "merge", "병합"

    seq = models.BigIntegerField("순번", unique=True, null=True, help_text="given when the row is sealed")
    at = models.DateTimeField("일시", db_index=True)
    actor_id = models.BigIntegerField("직원 번호", null=True)
    actor_name = models.CharField("직원", max_length=150)
    action = models.CharField("행위", max_length=10, choices=Action.choices)
    object_type = models.CharField("대상 종류", max_length=30)
    object_id = models.CharField("대상 번호", max_length=40)
    purpose = models.CharField("목적", max_length=200, blank=True)
    detail = models.JSONField("상세", default=dict)
    # Blank only on rows written before rows carried their own MAC (AuditHead.macs_from).
    mac = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"])]
        verbose_name = verbose_name_plural = "감사 기록"

    def __str__(self) -> str:
        return f"#{self.pk} {self.actor_name} {self.get_action_display()} {self.object_type}:{self.object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AuditLogError("감사 기록은 수정할 수 없습니다.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict]:
        raise AuditLogError("감사 기록은 삭제할 수 없습니다.")

    def _content(self) -> list:
        return [
            self.at.isoformat(),
            self.actor_id,
            self.actor_name,
            self.action,
            self.object_type,
            self.object_id,
            self.purpose,
            self.detail,
        ]

    def compute_mac(self) -> str:
        """The keyed MAC of this row alone: a row changed or slipped in before its sealing shows."""
        return seal(_canonical(["row", *self._content()]))

    def compute_hash(self) -> str:
        """The keyed MAC of this row, its number and the previous row's hash.

        Keyed with the key file, so someone who can edit the database but not read the key
        cannot re-seal the rows after them.
        """
        return seal(_canonical([self.seq, *self._content(), self.prev_hash]))


def _canonical(values: list) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class AuditHead(models.Model):
    """The last sealed row, kept apart so a deleted tail of the log is noticed too."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    macs_from = models.BigIntegerField(default=1, help_text="the first seq whose row carries its own MAC")

    def __str__(self) -> str:
        return f"audit head #{self.seq}"


class RecordChange(models.Model):
    """변경 이력 — one saved change of one record: who, when, why, and each field's old → new value.

    Written by ``privacy.history`` on every update of a versioned record. A personal (encrypted)
    field is recorded only as changed, never with its value, so this table holds no personal data.
    """

    record_type = models.CharField("대상 종류", max_length=40)  # app_label.model_name
    record_id = models.BigIntegerField("대상 번호")
    version = models.PositiveIntegerField("판")  # the version this change made
    at = models.DateTimeField("일시")
    actor_id = models.BigIntegerField("직원 번호", null=True)
    actor_name = models.CharField("직원", max_length=150)
    purpose = models.CharField("사유", max_length=200, blank=True)
    changes = models.JSONField("바뀐 항목", default=list)  # [{"field", "old", "new"} | {"field", "personal"}]

    class Meta:
        ordering = ["-version", "-pk"]
        indexes = [models.Index(fields=["record_type", "record_id", "version"])]
        verbose_name = verbose_name_plural = "변경 이력"

    def __str__(self) -> str:
        return f"{self.record_type}#{self.record_id} v{self.version} {self.actor_name}"

"""One-time codes and the messages sent to people's phones."""

from django.db import models

from iljari.privacy.fields import EncryptedTextField


class OneTimeCode(models.Model):
    """인증번호 — proves a person holds a phone; only keyed hashes of the number and the code are kept."""

    class Purpose(models.TextChoices):
        EVENT_SIGNUP = "event_signup", "채용행사 신청"
        PORTAL_SIGNIN = "portal_signin", "구직자 포털 로그인"
        EMPLOYER_SIGNIN = "employer_signin", "기업 포털 로그인"

    phone_hash = models.CharField(max_length=64, db_index=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    code_hash = models.CharField(max_length=64)
    address_hash = models.CharField("요청 주소(해시)", max_length=64, db_index=True)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "인증번호"

    def __str__(self) -> str:
        return f"인증번호 #{self.pk} ({self.get_purpose_display()})"


class Message(models.Model):
    """A text message to a person, kept with its outcome so a failed send can be seen and retried."""

    class Kind(models.TextChoices):
        CODE = "code", "인증번호"
        REFERRAL = "referral", "알선 진행 안내"
        INTERVIEW = "interview", "면접 일시 안내"
        EVENT = "event", "채용행사 안내"
        PROGRAM = "program", "교육·일자리 사업 안내"
        COMPANY = "company", "기업 포털 안내"
        STAFF = "staff", "직원 알림"
        NOTICE = "notice", "개인정보 안내"

    class Status(models.TextChoices):
        QUEUED = "queued", "보낼 차례"
        SENT = "sent", "보냄"
        FAILED = "failed", "실패"
        SKIPPED = "skipped", "수신 거부로 보내지 않음"

    kind = models.CharField("종류", max_length=12, choices=Kind.choices)
    phone = EncryptedTextField("받는 번호")
    text = EncryptedTextField("내용")
    language = models.CharField("언어", max_length=10, default="ko")
    status = models.CharField("상태", max_length=8, choices=Status.choices, default=Status.QUEUED)
    backend = models.CharField("발송 수단", max_length=20)
    provider_id = models.CharField("발송 번호", max_length=80, blank=True)
    error = models.CharField("오류", max_length=300, blank=True)
    created_at = models.DateTimeField("일시", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "문자 발송"

    def __str__(self) -> str:
        return f"문자 #{self.pk} ({self.get_kind_display()}, {self.get_status_display()})"


class OptOut(models.Model):
    """수신 거부 — a kind of message a person chose not to get; kept by the keyed hash of their number,
    so the sender checks it without reading anyone's record."""

    phone_hash = models.CharField(max_length=64)
    kind = models.CharField("종류", max_length=12, choices=Message.Kind.choices)
    created_at = models.DateTimeField("거부 일시", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "문자 수신 거부"
        constraints = [models.UniqueConstraint(fields=["phone_hash", "kind"], name="notify_optout_once")]

    def __str__(self) -> str:
        return f"수신 거부 #{self.pk} ({self.get_kind_display()})"

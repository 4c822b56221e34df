"""Job seekers and their counseling notes."""

from django.conf import settings
from django.db import models

from iljari.core.choices import Accessibility, EmploymentType, KoreanLevel, Shift
from iljari.core.fields import SafeCharField, SafeTextField
from iljari.privacy.fields import EncryptedDateField, EncryptedTextField
from iljari.privacy.history import VersionedRecord


class Seeker(VersionedRecord):
    """구직자 — a person the center helps into work.

    Name, phone, birth date, address and remarks are encrypted; the ``*_hash`` columns are
    keyed hashes that let staff find a person by exact phone or name + birth date.
    """

    history_exclude = ("name_hash", "phone_hash", "identity_hash", "birth_year")
    history_choices = {"shifts": Shift.choices, "accessibility_needs": Accessibility.choices}

    class Sex(models.TextChoices):
        MALE = "M", "남"
        FEMALE = "F", "여"

    class Status(models.TextChoices):
        """구직 중 → 취업 / 구직 중단 / 유효기간 만료 → 재등록 (구직 중); the moves are in ``lifecycle.py``."""

        ACTIVE = "active", "구직 중"
        PLACED = "placed", "취업"
        WITHDRAWN = "withdrawn", "구직 중단"
        LAPSED = "lapsed", "유효기간 만료"
        ERASED = "erased", "개인정보 파기"

    class WorkHours(models.TextChoices):
        FULL_TIME = "full_time", "전일제"
        PART_TIME = "part_time", "시간제"
        ANY = "any", "무관"

    desk = models.ForeignKey(
        "accounts.Desk", verbose_name="담당 창구", on_delete=models.PROTECT, related_name="seekers"
    )
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="담당 상담사",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
    )

    name = EncryptedTextField("성명", null=True)
    phone = EncryptedTextField("휴대전화", null=True, blank=True)
    birth_date = EncryptedDateField("생년월일", null=True)
    address = EncryptedTextField("주소", null=True, blank=True)
    remarks = EncryptedTextField("비고", null=True, blank=True)
    name_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True)
    identity_hash = models.CharField("성명+생년월일 해시", max_length=64, blank=True, db_index=True)

    # Kept in the clear for statistics by age band; never a matching input.
    birth_year = models.PositiveSmallIntegerField("출생연도", null=True, blank=True)
    sex = models.CharField("성별", max_length=1, choices=Sex.choices, blank=True)
    nationality = models.CharField("국적(ISO)", max_length=2, blank=True, default="KR")
    preferred_language = models.CharField("사용 언어", max_length=8, default="ko")

    home_dong = models.ForeignKey(
        "reference.Dong",
        verbose_name="거주 행정동",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seekers",
    )
    target_groups = models.ManyToManyField(
        "reference.TargetGroup", verbose_name="대상계층", blank=True, related_name="seekers"
    )
    desired_job_text = SafeCharField("희망직종(입력 그대로)", max_length=200, blank=True)
    desired_occupations = models.ManyToManyField(
        "reference.Occupation", verbose_name="희망직종", blank=True, related_name="seekers"
    )
    experience = SafeTextField("경력", blank=True)
    experience_years = models.PositiveSmallIntegerField("경력 연수", default=0)
    licences = models.ManyToManyField("reference.Licence", verbose_name="자격증", blank=True, related_name="holders")
    reservation_wage = models.PositiveIntegerField("희망임금(월, 원)", null=True, blank=True)
    work_hours = models.CharField("희망 근무시간", max_length=12, choices=WorkHours.choices, default=WorkHours.ANY)
    shifts = models.JSONField(
        "가능 근무형태", default=list, blank=True, help_text=", ".join(f"{c.value}={c.label}" for c in Shift)
    )
    employment_type = models.CharField(
        "희망 고용형태", max_length=12, choices=EmploymentType.choices, default=EmploymentType.ANY
    )
    korean_level = models.PositiveSmallIntegerField(
        "한국어 능력", choices=KoreanLevel.choices, default=KoreanLevel.NATIVE
    )
    visa_type = models.ForeignKey(
        "reference.VisaType",
        verbose_name="체류자격",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seekers",
    )
    accessibility_needs = models.JSONField(
        "편의 지원 필요",
        default=list,
        blank=True,
        help_text=", ".join(f"{c.value}={c.label}" for c in Accessibility),
    )

    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    registered_on = models.DateField("등록일", db_index=True)
    # The 구직 신청 lapses after the city's validity period without contact (registration, a
    # counseling note, a referral, an event, a 재등록); kept here so the nightly job is one query.
    last_contact_on = models.DateField("마지막 연락일", null=True, blank=True, db_index=True)
    # When the person was told their data is erased at the end of the 보유기간 (seekers.retention).
    retention_notice_on = models.DateField("보유기간 만료 안내일", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField("파기 일시", null=True, blank=True)
    is_demo = models.BooleanField("시연용 가상 데이터", default=False)
    # A second record of a person registered before one record per person was enforced (set by the
    # migration that added the rule); kept, with this link, until staff merge or erase it.
    duplicate_of = models.ForeignKey(
        "self", verbose_name="중복 등록(원래 기록)", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = verbose_name_plural = "구직자"
        indexes = [models.Index(fields=["desk", "status", "-registered_on"])]
        # One record per phone, as registration checks (a name and birth date alone may be a 동명이인, so
        # they are a warning, not a rule). Erasure empties the hash: an erased record never stands in
        # the way of the person coming back.
        constraints = [
            models.UniqueConstraint(
                fields=["phone_hash"],
                condition=~models.Q(phone_hash="") & models.Q(duplicate_of__isnull=True),
                name="one_seeker_per_phone",
            ),
        ]

    def __str__(self) -> str:
        return f"구직자 #{self.pk}"


class CounselingNote(models.Model):
    """상담일지 — what was said in one counseling contact (encrypted, RRN-masked)."""

    class Channel(models.TextChoices):
        VISIT = "visit", "내방"
        PHONE = "phone", "전화"
        ONLINE = "online", "온라인"
        OUTREACH = "outreach", "현장"

    seeker = models.ForeignKey(Seeker, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="작성자", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField("상담 일시", db_index=True)
    channel = models.CharField("상담 방법", max_length=10, choices=Channel.choices, default=Channel.VISIT)
    text = EncryptedTextField("상담 내용", null=True)

    class Meta:
        ordering = ["-written_at"]
        verbose_name = verbose_name_plural = "상담일지"

    def __str__(self) -> str:
        return f"상담일지 #{self.pk}"


class SeekerReassignment(models.Model):
    """담당자 변경 — who moved a seeker to which counselor, when and why."""

    seeker = models.ForeignKey(Seeker, on_delete=models.CASCADE, related_name="reassignments")
    from_counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_counselor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = SafeCharField("사유", max_length=200)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("일시", auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = verbose_name_plural = "담당자 변경"

    def __str__(self) -> str:
        return f"담당자 변경 #{self.pk}"

"""Training and job programs (교육·일자리 사업): programs, their sessions, selection criteria,
enrollments and attendance."""

from collections.abc import Iterator

from django.conf import settings
from django.db import models

from iljari.core.choices import KoreanLevel
from iljari.core.fields import SafeCharField, SafeTextField
from iljari.privacy.fields import EncryptedTextField
from iljari.privacy.history import VersionedRecord


class ProgramType(models.Model):
    """사업 유형 — a city's kind of program (어르신 공공일자리, 디딤돌 일자리...), as data."""

    code = models.SlugField("코드", max_length=40, unique=True)
    name = models.CharField("사업 유형", max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "사업 유형"

    def __str__(self) -> str:
        return self.name


class SelectionCriterion(models.Model):
    """선발 기준 — one published criterion of a kind of program and the points it gives.

    Several rows may share a ``criterion`` (소득 수준: 50% 이하 30점, 100% 이하 20점); an applicant
    gets the highest of them. ``rule`` is one of ``training.selection.RULES``; none reads sex or
    nationality.
    """

    program_type = models.ForeignKey(ProgramType, on_delete=models.CASCADE, related_name="criteria")
    criterion = SafeCharField("기준", max_length=60)
    rule = SafeCharField("규칙", max_length=60)
    points = models.PositiveSmallIntegerField("배점")
    sort_order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        ordering = ["program_type", "sort_order", "-points"]
        verbose_name = verbose_name_plural = "선발 기준"
        constraints = [
            models.UniqueConstraint(fields=["program_type", "criterion", "rule"], name="one_rule_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion} {self.rule} {self.points}점"


class _TargetGroupNames:
    """The target groups' names by code, read when a history line is written (quotas are kept by code)."""

    def __iter__(self) -> Iterator[tuple[str, str]]:
        from iljari.reference.models import TargetGroup

        return iter(TargetGroup.objects.values_list("code", "name"))


class TrainingProgram(VersionedRecord):
    """교육·일자리 사업 — a training course or a city job program, for some groups and occupations.

    The eligibility fields are the program's published rules; each one left empty does not apply.
    Versioned: a correction on the edit page is refused when someone saved meanwhile, and every change
    (its sessions' too) is kept in its history.
    """

    history_choices = {"quotas": _TargetGroupNames()}

    name = SafeCharField("과정명", max_length=160)
    program_type = models.ForeignKey(
        ProgramType, verbose_name="사업 유형", null=True, blank=True, on_delete=models.PROTECT, related_name="programs"
    )
    provider = SafeCharField("운영 기관", max_length=120)
    occupations = models.ManyToManyField(
        "reference.Occupation", verbose_name="관련 직업", blank=True, related_name="training_programs"
    )
    licences = models.ManyToManyField(
        "reference.Licence", verbose_name="취득 자격", blank=True, related_name="training_programs"
    )
    korean_level_after = models.PositiveSmallIntegerField(
        "수료 후 한국어 능력",
        choices=KoreanLevel.choices,
        null=True,
        blank=True,
        help_text="한국어 과정이 수료자에게 기르는 한국어 능력입니다. 비워 두면 한국어 과정이 아닙니다.",
    )
    target_groups = models.ManyToManyField(
        "reference.TargetGroup", verbose_name="대상계층", blank=True, related_name="training_programs"
    )
    starts_on = models.DateField("개강일")
    ends_on = models.DateField("종강일")
    capacity = models.PositiveSmallIntegerField("정원")
    dong = models.ForeignKey(
        "reference.Dong", verbose_name="교육 장소", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = SafeTextField("내용", blank=True)

    age_min = models.PositiveSmallIntegerField("참여 연령(이상, 만)", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("참여 연령(이하, 만)", null=True, blank=True)
    residents_only = models.BooleanField("시민만 참여", default=False)
    groups_required = models.BooleanField("대상계층만 참여", default=False)
    visa_types = models.ManyToManyField(
        "reference.VisaType",
        verbose_name="참여 가능 체류자격(외국인)",
        blank=True,
        related_name="+",
        help_text="비워 두면 체류자격을 따지지 않습니다.",
    )
    income_max_percent = models.PositiveSmallIntegerField("소득 기준(기준중위소득 %, 이하)", null=True, blank=True)
    completion_percent = models.PositiveSmallIntegerField("수료 기준 출석률(%)", default=80)
    # Seats kept for a target group when the program is oversubscribed: {"disabled": 2}.
    quotas = models.JSONField("대상계층별 배정 인원", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = verbose_name_plural = "교육·일자리 사업"

    def __str__(self) -> str:
        return self.name


class ProgramSession(models.Model):
    """회차 — one session of a program: its date, hours and place."""

    program = models.ForeignKey(TrainingProgram, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField("일자")
    starts_at = models.TimeField("시작")
    ends_at = models.TimeField("종료")
    place = SafeCharField("장소", max_length=120)

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = verbose_name_plural = "회차"
        constraints = [models.UniqueConstraint(fields=["program", "date", "starts_at"], name="one_session_per_slot")]

    def __str__(self) -> str:
        return f"{self.date:%m.%d} {self.starts_at:%H:%M}"

    @property
    def hours(self) -> float:
        minutes = (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)
        return round(minutes / 60, 1)


class Enrollment(models.Model):
    """참여 신청 — a seeker's application to a program, through selection, attendance and completion
    to the outcome; the moves are in ``lifecycle.py``."""

    class Status(models.TextChoices):
        APPLIED = "applied", "신청"
        SELECTED = "selected", "선발"
        NOT_SELECTED = "not_selected", "미선발"
        ATTENDING = "attending", "참여 중"
        COMPLETED = "completed", "수료"
        DROPPED = "dropped", "중도 포기·취소"
        PLACED = "placed", "취업"

    program = models.ForeignKey(TrainingProgram, on_delete=models.PROTECT, related_name="enrollments")
    seeker = models.ForeignKey("seekers.Seeker", on_delete=models.PROTECT, related_name="enrollments")
    status = models.CharField("상태", max_length=14, choices=Status.choices, default=Status.APPLIED, db_index=True)
    applied_at = models.DateTimeField("신청 일시")
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent = models.ForeignKey(
        "privacy.Consent", verbose_name="참여 동의", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the applicant declared for the rules and criteria (소득 %, 1인 가구): personal, so encrypted.
    declared = EncryptedTextField("신고 사항", null=True, blank=True)
    points = models.PositiveSmallIntegerField("선발 점수", null=True, blank=True)
    points_detail = models.JSONField("점수 내역", default=list, blank=True)
    rank = models.PositiveSmallIntegerField("선발 순위", null=True, blank=True)
    quota_group = SafeCharField("배정 계층", max_length=40, blank=True)
    completed_on = models.DateField("수료일", null=True, blank=True)
    licence_obtained = models.ForeignKey(
        "reference.Licence", verbose_name="취득 자격", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    placed_on = models.DateField("취업일", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-applied_at"]
        verbose_name = verbose_name_plural = "참여 신청"
        constraints = [models.UniqueConstraint(fields=["program", "seeker"], name="one_enrollment_per_program")]

    def __str__(self) -> str:
        return f"참여 신청 #{self.pk}"


class Attendance(models.Model):
    """출석 — whether one participant came to one session."""

    session = models.ForeignKey(ProgramSession, on_delete=models.PROTECT, related_name="attendance")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField("출석")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField("기록 일시")

    class Meta:
        verbose_name = verbose_name_plural = "출석"
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"], name="one_mark_per_session")]

    def __str__(self) -> str:
        return f"출석 #{self.pk}"


class SessionReminder(models.Model):
    """전날 안내 — a reminder sent to one participant for one session on its date; the row is taken
    before the text is queued, so a second run (or a second worker) sends nothing. A session moved
    to another day is reminded again for its new date."""

    session = models.ForeignKey(ProgramSession, on_delete=models.CASCADE, related_name="reminders")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="reminders")
    session_date = models.DateField("회차 일자")
    sent_at = models.DateTimeField("안내 일시")

    class Meta:
        verbose_name = verbose_name_plural = "회차 전날 안내"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment", "session_date"], name="one_reminder_per_session_day"
            )
        ]

    def __str__(self) -> str:
        return f"회차 전날 안내 #{self.pk}"

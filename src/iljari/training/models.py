"""Job-training programs (직업훈련·일자리 사업)."""

from django.db import models

from iljari.core.fields import SafeCharField, SafeTextField


class ProgramType(models.Model):
    """사업 유형 — a city's kind of program (어르신 공공일자리, 디딤돌 일자리...), as data."""

    code = models.SlugField("코드", max_length=40, unique=True)
    name = models.CharField("사업 유형", max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "사업 유형"

    def __str__(self) -> str:
        return self.name


class TrainingProgram(models.Model):
    """훈련 과정 — a training or job program for some groups and occupations."""

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

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = verbose_name_plural = "훈련 과정"

    def __str__(self) -> str:
        return self.name

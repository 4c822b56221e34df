"""Reference data: the city's 동, the job dictionary, licences, the minimum wage, target groups.

All of it is loaded from files (``iljari init``), never written in code, so another city
installs iljari with its own 동 and groups.
"""

from django.db import models


class Dong(models.Model):
    """행정동 — an administrative neighbourhood, with its centroid (its outline is ``DongBoundary``)."""

    code = models.CharField("행정기관코드", max_length=10, unique=True)
    stat_code = models.CharField("통계청 코드", max_length=8, blank=True)
    name = models.CharField("행정동", max_length=40)
    gu = models.CharField("구", max_length=40, blank=True)
    lat = models.FloatField("중심 위도")
    lon = models.FloatField("중심 경도")

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "행정동"

    def __str__(self) -> str:
        return self.name


class DongBoundary(models.Model):
    """경계 — a 동's outline, apart from ``Dong``: only the map draws it, while every list that names
    a seeker's 동 would otherwise read and decode a polygon (4 KB on average, up to 30 KB) per row."""

    dong = models.OneToOneField(Dong, on_delete=models.CASCADE, primary_key=True, related_name="boundary")
    geometry = models.JSONField("경계(GeoJSON geometry)")

    class Meta:
        verbose_name = verbose_name_plural = "행정동 경계"

    def __str__(self) -> str:
        return f"{self.dong} 경계"


class Occupation(models.Model):
    """직업 — one occupation of 한국직업사전 with its KECO and KSCO codes."""

    occupation_id = models.CharField("직업코드", max_length=16, unique=True)
    title = models.CharField("직업명", max_length=120, db_index=True)
    summary = models.TextField("직무개요", blank=True)
    tasks = models.TextField("수행직무", blank=True)
    keco_code = models.CharField("고용직업분류(KECO)", max_length=4, db_index=True)
    keco_name = models.CharField("KECO 명칭", max_length=120, blank=True)
    ksco_code = models.CharField("한국표준직업분류(KSCO)", max_length=5, blank=True)
    ksco_name = models.CharField("KSCO 명칭", max_length=120, blank=True)
    education = models.CharField("정규교육", max_length=80, blank=True)
    licences = models.JSONField("관련 자격", default=list, blank=True)
    synonyms = models.JSONField("유사명칭", default=list, blank=True)
    related_titles = models.JSONField("관련직업", default=list, blank=True)
    ksic_code = models.CharField("산업분류 코드", max_length=40, blank=True)
    ksic_name = models.CharField("산업분류", max_length=120, blank=True)
    skill_years = models.CharField("숙련기간", max_length=60, blank=True)
    work_strength = models.CharField("작업강도", max_length=30, blank=True)
    work_place = models.CharField("작업장소", max_length=30, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = verbose_name_plural = "직업(한국직업사전)"

    def __str__(self) -> str:
        return self.title


class Licence(models.Model):
    """자격증·면허 — a licence or certificate a vacancy asks for or a seeker holds."""

    name = models.CharField("자격명", max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "자격증"

    def __str__(self) -> str:
        return self.name


class MinimumWage(models.Model):
    """최저임금 — the legal minimum wage of one year."""

    year = models.PositiveSmallIntegerField("연도", primary_key=True)
    hourly = models.PositiveIntegerField("시급(원)")
    monthly = models.PositiveIntegerField("월 환산액(209시간, 원)")

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "최저임금"

    def __str__(self) -> str:
        return f"{self.year}년 시급 {self.hourly:,}원"


class TargetGroup(models.Model):
    """대상계층 — a group the city reports placement for (청년, 어르신, 외국인...)."""

    code = models.SlugField("코드", max_length=40, unique=True)
    name = models.CharField("대상계층", max_length=40, unique=True)
    description = models.CharField("설명", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = verbose_name_plural = "대상계층"

    def __str__(self) -> str:
        return self.name


class VisaType(models.Model):
    """체류자격 — a residence status and the work it allows (national data, sourced)."""

    class WorkScope(models.TextChoices):
        UNRESTRICTED = "unrestricted", "취업 제한 없음"
        PERMITTED_INDUSTRIES = "permitted_industries", "허용 업종에서만 취업"
        NO_SIMPLE_LABOUR = "no_simple_labour", "단순노무 취업 제한"
        PART_TIME_LIMITED = "part_time_limited", "허가 범위 내 시간제 취업"
        PROFESSIONAL_ONLY = "professional_only", "지정된 전문 분야만"
        NONE = "none", "취업 불가"

    code = models.CharField("체류자격", max_length=8, unique=True)
    name = models.CharField("명칭", max_length=60)
    work_scope = models.CharField("취업 범위", max_length=30, choices=WorkScope.choices)
    permitted_keco_prefixes = models.JSONField(
        "허용 직종(KECO 앞자리)",
        default=list,
        blank=True,
        help_text="허용 업종에서만 취업할 수 있는 자격의 직종 범위",
    )
    weekly_hours_limit = models.PositiveSmallIntegerField("주당 시간 한도", null=True, blank=True)
    requires_listing = models.BooleanField(
        "구인표에 명시 필요",
        default=False,
        help_text="고용허가 등으로 구인업체가 이 자격의 채용 가능을 밝혀야 하는 경우",
    )
    note = models.CharField("비고", max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "체류자격"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

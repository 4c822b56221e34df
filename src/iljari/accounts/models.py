"""Staff and the desks they work at."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from iljari.core.roles import Role


class Desk(models.Model):
    """창구 — where counselors sit: the city-hall center, 고용복지플러스센터, a school, a 동 center."""

    class Kind(models.TextChoices):
        CITY_HALL = "city_hall", "시청 일자리센터"
        PLUS_CENTER = "plus_center", "고용복지플러스센터"
        SCHOOL = "school", "특성화고"
        DONG_CENTER = "dong_center", "행정복지센터"

    code = models.SlugField("창구 코드", max_length=40, unique=True)
    name = models.CharField("창구명", max_length=80, unique=True)
    kind = models.CharField("구분", max_length=20, choices=Kind.choices)
    dong = models.ForeignKey(
        "reference.Dong",
        verbose_name="소재 행정동",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="desks",
    )
    address = models.CharField("주소", max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = verbose_name_plural = "창구"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """직원 — a staff member with one role and a home desk."""

    Role = Role

    role = models.CharField("역할", max_length=20, choices=Role.choices, default=Role.COUNSELOR)
    desk = models.ForeignKey(
        Desk, verbose_name="소속 창구", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    granted_desks = models.ManyToManyField(
        Desk,
        verbose_name="추가 열람 권한 창구",
        blank=True,
        related_name="granted_staff",
        help_text="소속 창구 외에 구직자 정보를 볼 수 있도록 허가된 창구",
    )
    work_phone = models.CharField("업무 전화", max_length=20, blank=True)
    languages = models.JSONField(
        "상담 가능 언어",
        default=list,
        blank=True,
        help_text="한국어 외에 상담할 수 있는 언어 코드(en, vi, zh-hans, ru, uz, th, ne, km, mn)",
    )

    class Meta:
        verbose_name = verbose_name_plural = "직원"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def sees_all_seekers(self) -> bool:
        """The center's manager oversees every desk; the system administrator and Django's superuser
        flag see no seeker (least privilege: they keep the system, not the records)."""
        return self.role == self.Role.MANAGER


class ApiToken(models.Model):
    """API 토큰 — lets a program act as a staff member; only a hash of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("용도", max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField("만료 일시", null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "API 토큰"

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

"""Employers (구인업체)."""

from django.db import models

from iljari.core.fields import SafeCharField, SafeTextField
from iljari.employers.validators import validate_business_number
from iljari.privacy.fields import EncryptedTextField
from iljari.privacy.history import VersionedRecord


class Employer(VersionedRecord):
    """구인업체 — a company or shop that hires through the center."""

    history_exclude = ("name_key", "lat", "lon")

    name = SafeCharField("사업장명", max_length=120, db_index=True)
    name_key = SafeCharField("중복 확인용 이름", max_length=120, db_index=True, editable=False)
    business_number = models.CharField(
        "사업자등록번호", max_length=10, unique=True, null=True, blank=True, validators=[validate_business_number]
    )
    industry_code = models.CharField("업종 코드(KSIC)", max_length=40, blank=True)
    industry_name = SafeCharField("업종", max_length=120, blank=True)
    address = SafeTextField("주소", blank=True)
    dong = models.ForeignKey(
        "reference.Dong",
        verbose_name="소재 행정동",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employers",
    )
    lat = models.FloatField("위도", null=True, blank=True)
    lon = models.FloatField("경도", null=True, blank=True)
    employees = models.PositiveIntegerField("근로자 수", null=True, blank=True)
    in_smart_hub = models.BooleanField("반월·시화 스마트허브 입주", default=False)
    contact_name = EncryptedTextField("채용 담당자", null=True, blank=True)
    contact_phone = EncryptedTextField("담당자 연락처", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField("시연용 가상 데이터", default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "구인업체"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        from iljari.employers.names import company_name_key

        self.name_key = company_name_key(self.name)
        super().save(*args, **kwargs)

"""Other cities' figures, loaded from their KPI exchange files to compare with this city's."""

from django.db import models


class CityKpi(models.Model):
    """다른 도시 실적 — one city's month as it sent it (the exchange format, no personal data)."""

    city_code = models.CharField("시군구 코드", max_length=5)
    city_name = models.CharField("도시", max_length=40)
    region = models.CharField("시·도", max_length=40, blank=True)
    month = models.DateField("월")
    payload = models.JSONField("실적(교환 형식)")
    imported_at = models.DateTimeField("가져온 일시", auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["city_code", "month"], name="city_kpi_one_per_month")]
        ordering = ["month", "city_name"]
        verbose_name = verbose_name_plural = "다른 도시 실적"

    def __str__(self) -> str:
        return f"{self.city_name} {self.month:%Y-%m}"

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


class ContactMonth(models.Model):
    """서비스 구직자 by month: one row for each seeker and month with a registration, note or referral.

    Kept by database triggers on the three source tables (``0002_contact_month``), so every write —
    a form, an import, a correction, a merge, a deletion — moves it with the records in the same
    transaction. ``contacts`` counts the source rows, so a deletion removes the month only when it
    was the last contact. The year's trend becomes a count over one narrow index instead of a hash
    of every contact; periods that cut a month are still read from the records (``served_seekers``).
    """

    seeker = models.ForeignKey(
        "seekers.Seeker", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", verbose_name="구직자"
    )
    month = models.DateField("월")
    contacts = models.PositiveIntegerField("접촉 건수")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "seeker"], name="contact_month_once")]
        verbose_name = verbose_name_plural = "월별 서비스 구직자"

    def __str__(self) -> str:
        return f"{self.seeker_id} {self.month:%Y-%m}"

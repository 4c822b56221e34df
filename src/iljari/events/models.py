"""Hiring events (채용행사)."""

from django.db import models


class HiringEvent(models.Model):
    """채용행사 — a hiring fair or a weekly hiring day."""

    class Kind(models.TextChoices):
        FAIR = "fair", "채용박람회"
        WEEKLY = "weekly", "정기 채용의 날"
        SQUARE = "square", "취업광장"

    name = models.CharField("행사명", max_length=120)
    kind = models.CharField("구분", max_length=10, choices=Kind.choices)
    date = models.DateField("일자", db_index=True)
    place = models.CharField("장소", max_length=200)
    starts_at = models.TimeField("시작")
    ends_at = models.TimeField("종료")
    description = models.TextField("안내", blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = verbose_name_plural = "채용행사"

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%Y-%m-%d})"

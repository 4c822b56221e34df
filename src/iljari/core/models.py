"""What the whole site shares."""

from django.db import models


class DataVersion(models.Model):
    """A counter every write to report inputs increases, so cached figures know when they are stale."""

    value = models.BigIntegerField(default=0)
    # When it last moved: a database restored from a backup (or a rolled-back write) can bring an
    # old counter value back with different data behind it; the time tells those states apart.
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "자료 판"

    def __str__(self) -> str:
        return f"v{self.value}"

"""What the matching app stores: the occupation normalizer's answers for texts it has seen."""

from django.db import models

from iljari.core.fields import SafeCharField


class OccupationGuess(models.Model):
    """직종 추정 — the catalogue occupations a free text most likely names, with confidences.

    Cached by text so that a thousand seekers who typed "용접" cost one look-up, and an
    import never waits for the normalizer.
    """

    text = SafeCharField("입력 직종", max_length=200, unique=True)
    matches = models.JSONField("추정 직업", default=list, help_text="[[occupation pk, confidence], ...] best first")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "직종 추정"

    def __str__(self) -> str:
        return self.text

"""``{% submission_key %}``: the hidden key that makes a form's post count once (``core.submissions``)."""

from django import template
from django.utils.html import format_html

from iljari.core.submissions import FIELD, new_key

register = template.Library()


@register.simple_tag
def submission_key() -> str:
    """A fresh key for each form each time the page is drawn (a page with several forms gives each
    its own, so posting one never stands in for another)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())

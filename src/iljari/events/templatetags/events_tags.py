"""Template filters for event pages: names shown at a booth or a door are masked."""

from django import template

register = template.Library()


@register.filter
def masked(name: str | None) -> str:
    """홍길동 → 홍*동, 김현 → 김*: enough to greet someone, not enough to identify them."""
    if not name:
        return "-"
    name = name.strip()
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]

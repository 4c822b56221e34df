"""A parsed note as rows of (label, value, the words it came from) for the draft panel."""

from django import template

from iljari.core.choices import Shift, WageType
from iljari.discovery.parsing import Draft
from iljari.vacancies.models import BENEFITS

register = template.Library()
BENEFIT_LABELS = dict(BENEFITS)


def _value(draft: Draft, name: str) -> str:
    if name == "occupation" and draft.occupation:
        return f"{draft.occupation['title']} ({draft.occupation['keco_code']})"
    if name == "openings" and draft.openings:
        return f"{draft.openings}명"
    if name == "wage" and draft.wage:
        return f"{WageType(draft.wage['type']).label} {draft.wage['amount']:,}원"
    if name == "hours" and draft.hours:
        return f"{draft.hours['start']}~{draft.hours['end']}"
    if name == "shift" and draft.shift:
        return Shift(draft.shift).label
    if name == "benefits":
        return ", ".join(BENEFIT_LABELS.get(b, b) for b in draft.benefits)
    if name == "visa_types":
        return ", ".join(draft.visa_types)
    if name == "licences":
        return ", ".join(draft.licences)
    if name == "dong":
        return draft.dong or ""
    if name == "company":
        return draft.company or ""
    return ""


ROWS = [
    ("company", "업체명"),
    ("occupation", "직종"),
    ("openings", "모집 인원"),
    ("wage", "임금"),
    ("hours", "근무시간"),
    ("shift", "근무 형태"),
    ("benefits", "복리후생"),
    ("visa_types", "채용 가능 체류자격"),
    ("licences", "우대 자격증"),
    ("dong", "근무지 행정동"),
]


@register.filter
def draft_rows(draft: Draft) -> list[dict]:
    sources: dict[str, list[str]] = {}
    for e in draft.evidence:
        sources.setdefault(e.field, []).append(e.text.strip())
    return [
        {"label": label, "value": _value(draft, name), "source": " / ".join(sources.get(name, []))}
        for name, label in ROWS
    ]

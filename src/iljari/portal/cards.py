"""Vacancy cards and match reasons in the reader's language, from the records' structured fields.

A card says wage, hours, shift, place, benefits, 체류자격 and licences in the reader's language; the
occupation in that language with the 한국직업사전 name beside it; the company's name, the 동 and the
duties as written, in Korean, marked so (``Words``). Pages render a card's ``Words`` as HTML with the
Korean parts in ``lang="ko"``; the public API sends the same words as plain text.
"""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from iljari.matching.engine.matcher import Reason
from iljari.portal.occupations import occupation_name
from iljari.portal.words import BENEFITS, EMPLOYMENT_TYPES, KOREAN_LEVELS, SHIFTS, WAGES
from iljari.reference.models import Occupation
from iljari.vacancies.models import Vacancy


@dataclass(frozen=True)
class Words:
    """A phrase in the reader's language (``template``, already translated) with values put in: plain
    ones (numbers, translated words) and Korean ones (names as written), which HTML marks ``lang="ko"``."""

    template: str
    values: dict = field(default_factory=dict)
    korean: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template % {**self.values, **self.korean} if (self.values or self.korean) else self.template

    @property
    def html(self) -> SafeString:
        """The phrase for a page: ``{{ words.html }}`` (a template would otherwise print ``str``)."""
        return self.__html__()

    def __html__(self) -> SafeString:
        marked = translation.get_language() != "ko"
        korean = {
            k: format_html('<span lang="ko">{}</span>', v) if marked else conditional_escape(v)
            for k, v in self.korean.items()
        }
        plain = {k: conditional_escape(v) for k, v in self.values.items()}
        template = conditional_escape(self.template)
        return mark_safe(template % {**plain, **korean} if (plain or korean) else template)


def occupation_words(occupation: Occupation | None, fallback: str = "") -> Words:
    """The occupation in the reader's language with its Korean name beside it, or the Korean alone."""
    title = occupation.title if occupation else fallback
    name = occupation_name(occupation, translation.get_language())
    if name:
        return Words(_("%(name)s (%(korean)s)"), {"name": name}, {"korean": title})
    return Words("%(korean)s", korean={"korean": title})


def reason_words(reason: Reason, vacancy: Vacancy) -> Words | None:
    """One of the engine's reasons as the portal says it, or None for one the public is not told (how many
    other people are referred)."""
    p = reason.params
    match reason.code:
        case "occupation_match":
            return Words(
                _("원하시는 일과 같은 직종입니다: %(occupation)s"),
                {"occupation": occupation_words(vacancy.occupation, p.get("title", ""))},
            )
        case "occupation_same_group":
            return Words(_("원하시는 일과 같은 분야의 일입니다"))
        case "occupation_related":
            return Words(_("원하시는 일과 비슷한 분야의 일입니다"))
        case "title_similar":
            return Words(_("원하시는 일과 이름이 비슷한 일입니다"))
        case "commute":
            if p["from"] and p["from"] == p["to"]:
                return Words(_("사시는 동(%(place)s)에 있는 일자리입니다"), korean={"place": p["to"]})
            if p["from"] and p["to"]:
                return Words(
                    _("집에서 약 %(minutes)s분 거리입니다(%(home)s → %(place)s)"),
                    {"minutes": p["minutes"]},
                    {"home": p["from"], "place": p["to"]},
                )
            return Words(_("약 %(minutes)s분 거리입니다"), {"minutes": p["minutes"]})
        case "licence_required_held":
            return Words(_("필요한 자격증을 가지고 계십니다: %(licence)s"), korean={"licence": p["name"]})
        case "licence_preferred_held":
            return Words(_("우대하는 자격증을 가지고 계십니다: %(licence)s"), korean={"licence": p["name"]})
        case "wage_vs_reservation":
            if p["diff"] > 0:
                return Words(_("희망하신 임금보다 한 달에 %(amount)s원 많습니다"), {"amount": f"{p['diff']:,}"})
            if p["diff"] == 0:
                return Words(_("희망하신 임금과 비슷합니다"))
            return Words(_("희망하신 임금보다 한 달에 %(amount)s원 적습니다"), {"amount": f"{-p['diff']:,}"})
        case "missing_reservation_wage":
            return Words(_("희망하신 임금보다 한 달에 %(amount)s원 적습니다"), {"amount": f"{abs(p['diff']):,}"})
        case "korean_short":
            return Words(_("요구하는 한국어 수준보다 조금 낮습니다"))
        case "visa_ok":
            return Words(_("%(visa)s 체류자격으로 일할 수 있는 일자리입니다"), {"visa": p["code"]})
        case "missing_licence":
            return Words(_("필요한 자격증이 없습니다: %(licences)s"), korean={"licences": ", ".join(p["names"])})
        case "missing_visa":
            return Words(_("%(visa)s 체류자격으로는 할 수 없는 일입니다"), {"visa": p["code"]})
        case "missing_minimum_wage":
            return Words(_("최저임금보다 적습니다"))
        case "missing_hours":
            return Words(_("원하시는 근무시간과 맞지 않습니다"))
        case "missing_shift":
            return Words(_("원하시는 근무형태가 아닙니다"))
        case "missing_accessibility":
            return Words(_("휠체어로 다니기 어려운 사업장입니다"))
        case "missing_korean":
            return Words(_("요구하는 한국어 수준에 미치지 못합니다"))
        case "missing_closed":
            return Words(_("모집이 끝났습니다"))
        case "missing_unrelated":
            return Words(_("원하시는 일과 관련이 적습니다"))
    return None


def candidate_reason_words(reason: Reason) -> Words | None:
    """One of the engine's reasons as an employer reads it about an anonymous candidate (never who they
    are: the 동 they live in at most), or None for one not told to companies."""
    p = reason.params
    match reason.code:
        case "occupation_match":
            return Words(_("이 직종의 일을 찾고 있습니다"))
        case "occupation_same_group" | "occupation_related" | "title_similar":
            return Words(_("비슷한 분야의 일을 찾고 있습니다"))
        case "commute" if p.get("minutes"):
            return Words(_("사업장까지 약 %(minutes)s분 거리에 삽니다"), {"minutes": p["minutes"]})
        case "licence_required_held":
            return Words(_("필요한 자격증이 있습니다: %(licence)s"), korean={"licence": p["name"]})
        case "licence_preferred_held":
            return Words(_("우대하는 자격증이 있습니다: %(licence)s"), korean={"licence": p["name"]})
        case "wage_vs_reservation" if p["diff"] >= 0:
            return Words(_("제시하신 임금이 희망 임금 이상입니다"))
        case "visa_ok":
            return Words(_("%(visa)s 체류자격으로 일할 수 있습니다"), {"visa": p["code"]})
    return None


@dataclass
class Card:
    """A vacancy as the portal shows it, every field ready for the reader's language."""

    vacancy: Vacancy
    occupation: Words
    wage: Words
    hours: Words | None
    facts: list[tuple[str, Words]]
    reasons: list[Words] = field(default_factory=list)
    cautions: list[Words] = field(default_factory=list)

    def as_json(self) -> dict:
        """The public API's fields: public ones only (no contact person, no counts of referrals)."""
        v = self.vacancy
        return {
            "id": v.pk,
            "occupation": {
                "keco": v.occupation.keco_code if v.occupation else "",
                "ko": v.occupation.title if v.occupation else v.title,
                "name": occupation_name(v.occupation, translation.get_language()) or None,
            },
            "title_ko": v.title,
            "employer": v.employer.name,
            "dong": v.dong.name if v.dong else "",
            "wage": {"type": v.wage_type, "amount": v.wage_amount, "text": str(self.wage)},
            "hours": {
                "start": f"{v.hours_start:%H:%M}" if v.hours_start else None,
                "end": f"{v.hours_end:%H:%M}" if v.hours_end else None,
                "weekly": v.weekly_hours,
                "text": str(self.hours) if self.hours else "",
            },
            "shift": str(SHIFTS.get(v.shift, v.shift)),
            "closes_on": v.closes_on.isoformat() if v.closes_on else None,
            "reasons": [str(r) for r in self.reasons],
        }


def _hours(v: Vacancy) -> Words | None:
    if v.hours_start and v.hours_end and v.weekly_hours:
        return Words(
            _("%(start)s~%(end)s, 일주일에 %(hours)s시간"),
            {"start": f"{v.hours_start:%H:%M}", "end": f"{v.hours_end:%H:%M}", "hours": v.weekly_hours},
        )
    if v.hours_start and v.hours_end:
        return Words("%(start)s~%(end)s", {"start": f"{v.hours_start:%H:%M}", "end": f"{v.hours_end:%H:%M}"})
    if v.weekly_hours:
        return Words(_("일주일에 %(hours)s시간"), {"hours": v.weekly_hours})
    return None


def vacancy_card(vacancy: Vacancy, *, codes: list[Reason] = (), details: bool = False) -> Card:
    """The card for ``vacancy`` in the active language; ``codes`` are the engine's reasons for this
    reader; ``details`` adds what the vacancy's own page shows (licences, 체류자격, Korean, duties)."""
    v = vacancy
    facts: list[tuple[str, Words]] = [
        (_("회사"), Words("%(name)s", korean={"name": v.employer.name})),
    ]
    if v.dong:
        facts.append((_("일하는 곳"), Words("%(place)s", korean={"place": v.dong.name})))
    facts.append(
        (
            _("근무형태"),
            Words(
                "%(shift)s · %(kind)s",
                {
                    "shift": SHIFTS.get(v.shift, v.shift),
                    "kind": EMPLOYMENT_TYPES.get(v.employment_type, v.employment_type),
                },
            ),
        )
    )
    if v.benefits:
        facts.append((_("복리후생"), Words(", ".join(str(BENEFITS[b]) for b in v.benefits if b in BENEFITS))))
    if details:
        required = [lic.name for lic in v.required_licences.all()]
        if required:
            facts.append((_("필요한 자격증"), Words("%(names)s", korean={"names": ", ".join(required)})))
        visas = [visa.code for visa in v.visa_types.all()]
        if visas:
            facts.append((_("채용 가능한 체류자격"), Words(", ".join(visas))))
        if v.korean_level_min:
            facts.append((_("필요한 한국어"), Words(str(KOREAN_LEVELS[v.korean_level_min]))))
        if v.openings:
            facts.append((_("모집 인원"), Words(_("%(count)s명"), {"count": v.openings})))
    if v.closes_on:
        facts.append((_("마감일"), Words("%(date)s", {"date": v.closes_on.isoformat()})))
    shown = [(r, w) for r in codes if (w := reason_words(r, v)) is not None]
    return Card(
        vacancy=v,
        occupation=occupation_words(v.occupation, v.title),
        wage=Words(str(WAGES[v.wage_type]), {"amount": f"{v.wage_amount:,}"}),
        hours=_hours(v),
        facts=facts,
        reasons=[w for r, w in shown if r.positive],
        cautions=[w for r, w in shown if not r.positive],
    )

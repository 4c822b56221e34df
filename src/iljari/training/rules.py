"""A program's eligibility rules and its selection criteria, checked against what is known of one
applicant.

Both read the same ``Facts``: age in whole years (만 나이, for the age band only), residence in the
city, target groups, 체류자격, and what the applicant declared (소득 as a percentage of 기준중위소득,
1인 가구). Sex and nationality are not among them, so neither can decide a place.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from iljari.core.errors import IljariError


class RuleError(IljariError):
    """A selection criterion written in a way the program cannot apply."""


@dataclass(frozen=True)
class Declared:
    """신고 사항 — what the applicant told the counselor for the program's rules."""

    income_percent: int | None = None  # 가구 소득, 기준중위소득 대비 %
    single_household: bool = False

    def as_dict(self) -> dict:
        return {"income_percent": self.income_percent, "single_household": self.single_household}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Declared":
        data = data or {}
        income = data.get("income_percent")
        return cls(
            income_percent=None if income in (None, "") else int(income),
            single_household=bool(data.get("single_household")),
        )


@dataclass(frozen=True)
class Facts:
    age: int | None
    resident: bool
    groups: frozenset[str]
    visa: str  # "" for a Korean national
    declared: Declared
    registered_months: int = 0
    earlier_in_type: int = 0  # earlier completed participations in a program of the same type
    group_names: dict[str, str] = field(default_factory=dict)


def age_on(birth_year: int | None, birth_date: date | None, today: date) -> int | None:
    """만 나이 from the birth date when read, else from the year (one year younger at most)."""
    if birth_date:
        return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    return today.year - birth_year - 1 if birth_year else None


@dataclass(frozen=True)
class RuleCheck:
    """One eligibility rule: what it asks, whether the applicant meets it, and why not in Korean;
    ``params`` holds its figures (the band, the person's age, the 체류자격 allowed) for a page that
    says it in another language."""

    rule: str
    label: str
    ok: bool
    reason: str = ""
    params: dict = field(default_factory=dict)


def eligibility(
    *,
    facts: Facts,
    age_min: int | None,
    age_max: int | None,
    residents_only: bool,
    groups_required: bool,
    groups: dict[str, str],
    visas: set[str],
    income_max_percent: int | None,
) -> list[RuleCheck]:
    """Every rule the program sets, checked; ``groups`` is code → name of its target groups."""
    checks = []
    if age_min is not None or age_max is not None:
        band = f"만 {age_min or 0}세" + (f"~{age_max}세" if age_max is not None else " 이상")
        figures = {"min": age_min, "max": age_max, "age": facts.age}
        if facts.age is None:
            checks.append(
                RuleCheck("age", f"연령 {band}", False, "생년월일이 없어 참여 연령을 확인할 수 없습니다.", figures)
            )
        else:
            ok = (age_min is None or facts.age >= age_min) and (age_max is None or facts.age <= age_max)
            checks.append(
                RuleCheck(
                    "age", f"연령 {band}", ok, "" if ok else f"참여 연령({band})이 아닙니다(만 {facts.age}세).", figures
                )
            )
    if residents_only:
        checks.append(
            RuleCheck(
                "residence",
                "시 거주",
                facts.resident,
                "" if facts.resident else "시에 사는 분만 참여할 수 있습니다(거주 행정동 없음).",
            )
        )
    if groups_required and groups:
        ok = bool(facts.groups & set(groups))
        names = "·".join(groups.values())
        checks.append(
            RuleCheck(
                "group",
                f"대상계층 {names}",
                ok,
                "" if ok else f"대상계층({names})에 해당하지 않습니다.",
                {"groups": list(groups)},
            )
        )
    if visas:
        ok = not facts.visa or facts.visa in visas
        allowed = ", ".join(sorted(visas))
        checks.append(
            RuleCheck(
                "visa",
                f"체류자격 {allowed}",
                ok,
                "" if ok else f"체류자격 {facts.visa}은(는) 참여할 수 없습니다({allowed}만 가능).",
                {"visa": facts.visa, "allowed": sorted(visas)},
            )
        )
    if income_max_percent is not None:
        income = facts.declared.income_percent
        label = f"소득 기준중위소득 {income_max_percent}% 이하"
        if income is None:
            checks.append(
                RuleCheck(
                    "income",
                    label,
                    False,
                    "소득 기준이 있는 사업입니다. 가구 소득(기준중위소득 대비 %)을 입력해 주십시오.",
                    {"max": income_max_percent, "declared": None},
                )
            )
        else:
            ok = income <= income_max_percent
            checks.append(
                RuleCheck(
                    "income",
                    label,
                    ok,
                    "" if ok else f"소득이 기준({income_max_percent}% 이하)을 넘습니다(신고 {income}%).",
                    {"max": income_max_percent, "declared": income},
                )
            )
    return checks


# Each criterion rule: its pattern, how it reads, and whether an applicant meets it.
_RULES = {
    "income_at_most": (r"income_at_most:(\d{1,3})", "기준중위소득 {0}% 이하"),
    "single_household": (r"single_household", "1인 가구"),
    "target_group": (r"target_group:([a-z0-9_-]+)", "대상계층: {0}"),
    "first_time": (r"first_time", "같은 유형 사업 첫 참여"),
    "waiting_months": (r"waiting_months:(\d{1,3})", "구직 등록 {0}개월 이상"),
}
RULES = tuple(_RULES)


def _parse(rule: str) -> tuple[str, str]:
    for name, (pattern, _) in _RULES.items():
        m = re.fullmatch(pattern, rule.strip())
        if m:
            return name, (m.group(1) if m.groups() else "")
    raise RuleError(
        f"알 수 없는 선발 규칙입니다: {rule!r} (쓸 수 있는 규칙: income_at_most:N, single_household, "
        "target_group:코드, first_time, waiting_months:N)"
    )


def rule_check(rule: str) -> None:
    """Refuse a rule the program cannot apply (the city file is read all or nothing)."""
    _parse(rule)


def rule_label(rule: str, group_names: dict[str, str] | None = None) -> str:
    name, arg = _parse(rule)
    if name == "target_group":
        arg = (group_names or {}).get(arg, arg)
    return _RULES[name][1].format(arg)


def rule_met(rule: str, facts: Facts) -> bool:
    name, arg = _parse(rule)
    if name == "income_at_most":
        return facts.declared.income_percent is not None and facts.declared.income_percent <= int(arg)
    if name == "single_household":
        return facts.declared.single_household
    if name == "target_group":
        return arg in facts.groups
    if name == "first_time":
        return facts.earlier_in_type == 0
    return facts.registered_months >= int(arg)


@dataclass(frozen=True)
class Criterion:
    criterion: str
    rule: str
    points: int


def score(criteria: list[Criterion], facts: Facts) -> tuple[int, list[dict]]:
    """The applicant's points: under each criterion, the highest of the rows they meet."""
    best: dict[str, Criterion] = {}
    order: list[str] = []
    for c in criteria:
        if c.criterion not in order:
            order.append(c.criterion)
        if rule_met(c.rule, facts) and (c.criterion not in best or c.points > best[c.criterion].points):
            best[c.criterion] = c
    detail = [
        {
            "criterion": name,
            "met": rule_label(best[name].rule, facts.group_names) if name in best else "해당 없음",
            "points": best[name].points if name in best else 0,
        }
        for name in order
    ]
    return sum(d["points"] for d in detail), detail

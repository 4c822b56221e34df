"""Training and city job programs as the public reads them, in the reader's language.

A program's name, provider and places are the city's words, shown in Korean and marked so; what a
program asks of an applicant (its eligibility rules, checked by ``training.rules``) and where an
application stands are said here from the rules' codes and figures, never from their Korean reasons.
"""

from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from iljari.portal.cards import Words
from iljari.portal.words import KOREAN_LEVELS
from iljari.training.models import Enrollment, ProgramSession, TrainingProgram
from iljari.training.rules import RuleCheck

E = Enrollment.Status

# The target groups of the city packs, by code; a city's own code shows its Korean name as written.
TARGET_GROUPS = {
    "youth": gettext_lazy("청년"),
    "middle_aged": gettext_lazy("중장년"),
    "senior": gettext_lazy("어르신"),
    "disabled": gettext_lazy("장애인"),
    "marriage_migrant": gettext_lazy("결혼이민여성"),
    "foreign": gettext_lazy("외국인 주민"),
    "career_break": gettext_lazy("경력단절여성"),
}
# Where an application stands, as the seeker follows it: 신청 → 선발 → 참여 → 수료.
STEPS = [
    ("applied", pgettext_lazy("program step", "신청")),
    ("selected", pgettext_lazy("program step", "선발")),
    ("attending", pgettext_lazy("program step", "참여")),
    ("completed", pgettext_lazy("program step", "수료")),
]
_STEP_OF = {
    E.APPLIED: "applied",
    E.SELECTED: "selected",
    E.NOT_SELECTED: "selected",
    E.ATTENDING: "attending",
    E.COMPLETED: "completed",
    E.PLACED: "completed",
}
STATUS = {
    E.APPLIED: gettext_lazy("신청하셨습니다. 선발 결과가 나오면 알려 드립니다."),
    E.SELECTED: gettext_lazy("선발되셨습니다. 첫 회차에 나와 주십시오."),
    E.NOT_SELECTED: gettext_lazy("이번에는 선발되지 않으셨습니다."),
    E.ATTENDING: gettext_lazy("참여하고 계십니다."),
    E.COMPLETED: gettext_lazy("수료하셨습니다."),
    E.DROPPED: gettext_lazy("신청이 취소되었습니다."),
    E.PLACED: gettext_lazy("수료하시고 취업하셨습니다."),
}


def group_words(code: str, korean: str) -> Words:
    """A target group in the reader's language with the city's Korean name beside it."""
    name = TARGET_GROUPS.get(code)
    if name is None or translation.get_language() == "ko":
        return Words("%(korean)s", korean={"korean": korean})
    return Words(_("%(name)s (%(korean)s)"), {"name": str(name)}, {"korean": korean})


def _band(p: dict) -> str:
    if p.get("min") is not None and p.get("max") is not None:
        return _("만 %(min)s~%(max)s세") % p
    if p.get("max") is not None:
        return _("만 %(max)s세 이하") % p
    return _("만 %(min)s세 이상") % p


@dataclass(frozen=True)
class CheckWords:
    """One rule of a program for this reader: ``state`` is ok, no, or ask (told when applying)."""

    state: str
    words: Words

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def check_words(check: RuleCheck, program: TrainingProgram) -> CheckWords:
    """What the rule asks and whether this person meets it, plainly, from the rule's code and figures."""
    p = check.params
    state = "ok" if check.ok else "no"
    match check.rule:
        case "age":
            band = _band(p)
            if p.get("age") is None:
                return CheckWords(
                    state, Words(_("참여 연령은 %(band)s입니다. 생년월일이 없어 확인하지 못했습니다."), {"band": band})
                )
            if check.ok:
                return CheckWords(state, Words(_("참여 연령(%(band)s)에 맞습니다."), {"band": band}))
            return CheckWords(
                state,
                Words(_("참여 연령(%(band)s)이 아닙니다. 지금 만 %(age)s세이십니다."), {"band": band, "age": p["age"]}),
            )
        case "residence":
            if check.ok:
                return CheckWords(state, Words(_("시에 사는 분만 참여합니다. 사시는 동이 있어 맞습니다.")))
            return CheckWords(state, Words(_("시에 사는 분만 참여합니다. '내 구직 정보'에 사시는 동을 알려 주십시오.")))
        case "group":
            names = {g.code: g.name for g in program.target_groups.all()}
            groups = " · ".join(str(group_words(c, names.get(c, c))) for c in p.get("groups", []))
            if check.ok:
                return CheckWords(state, Words(_("참여 대상(%(groups)s)에 해당하십니다."), {"groups": groups}))
            return CheckWords(
                state,
                Words(
                    _("참여 대상(%(groups)s)만 신청할 수 있습니다. 해당하시면 상담사에게 알려 주십시오."),
                    {"groups": groups},
                ),
            )
        case "visa":
            allowed = ", ".join(p.get("allowed", []))
            if check.ok and not p.get("visa"):
                return CheckWords(state, Words(_("대한민국 국민은 참여할 수 있습니다.")))
            if check.ok:
                return CheckWords(state, Words(_("체류자격 %(visa)s(으)로 참여할 수 있습니다."), {"visa": p["visa"]}))
            return CheckWords(
                state,
                Words(
                    _("체류자격 %(visa)s(으)로는 참여할 수 없습니다. 참여할 수 있는 체류자격: %(allowed)s"),
                    {"visa": p.get("visa", ""), "allowed": allowed},
                ),
            )
        case "income":
            if p.get("declared") is None:
                return CheckWords(
                    "ask",
                    Words(
                        _("가구 소득이 기준중위소득의 %(max)s%% 이하인 분만 참여합니다. 신청할 때 여쭙니다."),
                        {"max": p["max"]},
                    ),
                )
            if check.ok:
                return CheckWords(
                    state, Words(_("가구 소득 기준(기준중위소득의 %(max)s%% 이하)에 맞습니다."), {"max": p["max"]})
                )
            return CheckWords(
                state,
                Words(
                    _("가구 소득이 기준(기준중위소득의 %(max)s%% 이하)을 넘습니다. 적어 주신 값: %(declared)s%%"),
                    {"max": p["max"], "declared": p["declared"]},
                ),
            )
    return CheckWords(state, Words("%(korean)s", korean={"korean": check.label}))


@dataclass
class ProgramCard:
    """One program for one seeker: when and where, for whom, whether they may apply and why not,
    how many open vacancies it would newly fit them for, and their application if they made one."""

    program: TrainingProgram
    checks: list[CheckWords]
    opens: int = 0
    enrollment: Enrollment | None = None
    sessions_ahead: list[ProgramSession] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return all(c.state != "no" for c in self.checks)

    @property
    def applied(self) -> bool:
        """An application that stands; one the seeker took back may be made again."""
        return self.enrollment is not None and self.enrollment.status != E.DROPPED

    @property
    def withdrawn(self) -> bool:
        return self.enrollment is not None and self.enrollment.status == E.DROPPED

    @property
    def next_session(self) -> ProgramSession | None:
        return self.sessions_ahead[0] if self.sessions_ahead else None

    @property
    def groups(self) -> list[Words]:
        return [group_words(g.code, g.name) for g in self.program.target_groups.all()]

    @property
    def licences(self) -> str:
        return "·".join(lic.name for lic in self.program.licences.all())

    @property
    def korean(self) -> str:
        """The Korean its course builds, in the reader's words ("일하면서 하는 지시를 알아듣습니다"), if any."""
        level = self.program.korean_level_after
        return str(KOREAN_LEVELS[level]) if level is not None else ""

    @property
    def headline(self) -> str:
        return _("이 과정을 마치면 지금 모집 중인 구인표 %(count)s건이 더 맞습니다.") % {"count": self.opens}


@dataclass
class ApplicationProgress:
    """One of the seeker's program applications: its steps, where it stands, whether they may take it back."""

    enrollment: Enrollment

    @property
    def program(self) -> TrainingProgram:
        return self.enrollment.program

    @property
    def step(self) -> str:
        return _STEP_OF.get(self.enrollment.status, "")

    @property
    def steps_done(self) -> list[str]:
        keys = [k for k, _ in STEPS]
        if self.enrollment.status == E.PLACED:
            return keys
        return keys[: keys.index(self.step)] if self.step else []

    @property
    def status_text(self) -> str:
        return str(STATUS.get(self.enrollment.status, ""))

    @property
    def withdrawable(self) -> bool:
        return self.enrollment.status == E.APPLIED

    @property
    def next_session(self) -> ProgramSession | None:
        """Where to go next, once selected or taking part."""
        if self.enrollment.status not in (E.SELECTED, E.ATTENDING):
            return None
        return self.program.sessions.filter(date__gte=timezone.localdate()).first()

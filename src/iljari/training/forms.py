"""Forms for programs: setting one up or correcting it (sessions and quotas one per line), enrolling
with consent, completion."""

import re
from datetime import date, time
from typing import Any

from django import forms
from django.utils import timezone

from iljari.core.choices import KoreanLevel
from iljari.core.forms import RrnRefusingForm, VersionedForm
from iljari.privacy.models import Consent
from iljari.reference.models import Dong, Licence, TargetGroup, VisaType
from iljari.training.models import ProgramType, TrainingProgram
from iljari.training.rules import Declared
from iljari.training.services import ProgramInput, SessionInput

SESSION_LINE = re.compile(r"(?:#(\d+)\s+)?(\d{4}-\d{2}-\d{2})\s+(\d{1,2}):(\d{2})\s*[-~]\s*(\d{1,2}):(\d{2})\s+(.+)")
QUOTA_LINE = re.compile(r"(.+?)\s*[:=]?\s*(\d+)\s*명?")


class LinesField(forms.CharField):
    """A textarea of one item per line; a browser's CRLF is the same text as the page's LF, so an
    untouched box does not count as changed."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


class EnrollForm(RrnRefusingForm):
    """참여 신청: what the rules need declared, and the consent to give the partner the person's details."""

    income_percent = forms.IntegerField(
        label="가구 소득(기준중위소득 대비 %)",
        required=False,
        min_value=0,
        max_value=500,
        help_text="소득 기준이나 소득 배점이 있는 사업만 입력합니다.",
    )
    single_household = forms.BooleanField(label="1인 가구", required=False)
    consent = forms.BooleanField(
        label="운영 기관에 성명·연락처를 제공하는 데 동의받았습니다",
        required=True,
        error_messages={"required": "참여하려면 운영 기관 제공 동의가 필요합니다."},
    )
    consent_method = forms.ChoiceField(
        label="동의 방법", choices=[(m.value, m.label) for m in Consent.Method if m != Consent.Method.IMPORT]
    )
    consent_given_on = forms.DateField(
        label="동의일", initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )

    def declared(self) -> Declared:
        return Declared(
            income_percent=self.cleaned_data.get("income_percent"),
            single_household=bool(self.cleaned_data.get("single_household")),
        )


class ProgramForm(RrnRefusingForm):
    """사업 등록: the program, its rules, and its sessions, one per line: ``2026-12-10 09:00-13:00 장소``."""

    name = forms.CharField(label="과정명", max_length=160)
    program_type = forms.ModelChoiceField(label="사업 유형", queryset=ProgramType.objects.all(), required=False)
    provider = forms.CharField(label="운영 기관", max_length=120)
    starts_on = forms.DateField(label="개강일", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="종강일", widget=forms.DateInput(attrs={"type": "date"}))
    capacity = forms.IntegerField(label="정원", min_value=1, max_value=1000)
    dong = forms.ModelChoiceField(label="교육 장소(행정동)", queryset=Dong.objects.all(), required=False)
    licences = forms.ModelMultipleChoiceField(
        label="취득 자격",
        queryset=Licence.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    korean_level_after = forms.TypedChoiceField(
        label="수료 후 한국어 능력",
        choices=[("", "한국어 과정이 아님"), *KoreanLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="한국어 과정이면 수료자가 갖추게 되는 한국어 능력을 고르십시오. 맞춤 사업 추천에 쓰입니다.",
    )
    target_groups = forms.ModelMultipleChoiceField(
        label="대상계층", queryset=TargetGroup.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    groups_required = forms.BooleanField(label="대상계층만 참여", required=False)
    residents_only = forms.BooleanField(label="시민만 참여", required=False)
    age_min = forms.IntegerField(label="참여 연령(이상, 만)", min_value=0, max_value=120, required=False)
    age_max = forms.IntegerField(label="참여 연령(이하, 만)", min_value=0, max_value=120, required=False)
    income_max_percent = forms.IntegerField(
        label="소득 기준(기준중위소득 %, 이하)", min_value=1, max_value=500, required=False
    )
    visa_types = forms.ModelMultipleChoiceField(
        label="참여 가능 체류자격(외국인)",
        queryset=VisaType.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="비워 두면 체류자격을 따지지 않습니다.",
    )
    completion_percent = forms.IntegerField(label="수료 기준 출석률(%)", min_value=1, max_value=100, initial=80)
    quotas = LinesField(
        label="대상계층별 배정 인원(한 줄에 하나)",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "장애인 2\n결혼이민여성 1"}),
        help_text="신청이 정원보다 많을 때 대상계층에 먼저 배정하는 인원입니다. 합계는 정원을 넘을 수 없습니다.",
        required=False,
    )
    sessions = LinesField(
        label="회차(한 줄에 하나)",
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "2026-12-10 09:00-13:00 직업전문학교 실습장"}),
        help_text="일자 시작-종료 장소. 회차가 없으면 등록할 수 없습니다.",
        required=False,
    )
    description = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    keeps_sessions = False  # the edit form's lines may start with the number of a session they keep

    def clean_sessions(self) -> list[SessionInput]:
        sessions, problems = [], []
        for n, line in enumerate((self.cleaned_data.get("sessions") or "").splitlines(), start=1):
            if not line.strip():
                continue
            m = SESSION_LINE.fullmatch(line.strip())
            try:
                if m is None or (m[1] and not self.keeps_sessions):
                    raise ValueError
                day = date.fromisoformat(m[2])
                start, end = time(int(m[3]), int(m[4])), time(int(m[5]), int(m[6]))
                sessions.append(SessionInput(day, start, end, m[7], int(m[1]) if m[1] else None))
            except ValueError:
                problems.append(f"{n}번째 줄을 읽을 수 없습니다: '{line.strip()}' (예: 2026-12-10 09:00-13:00 실습장)")
        if problems:
            raise forms.ValidationError(problems)
        return sessions

    def clean_quotas(self) -> dict[str, int]:
        """``장애인 2`` per line (the group's name or code) → ``{"disabled": 2}``."""
        groups = {g.name: g.code for g in TargetGroup.objects.all()}
        codes = set(groups.values())
        quotas: dict[str, int] = {}
        problems = []
        for line in re.split(r"[\n,]", self.cleaned_data.get("quotas") or ""):
            if not line.strip():
                continue
            m = QUOTA_LINE.fullmatch(line.strip())
            code = m and (groups.get(m[1]) or (m[1] if m[1] in codes else None))
            if m is None:
                problems.append(
                    f"'{line.strip()}'을(를) 읽을 수 없습니다. 한 줄에 '대상계층 인원'으로 적어 주십시오(예: 장애인 2)."
                )
            elif code is None:
                problems.append(f"{m[1]}은(는) 등록된 대상계층이 아닙니다(등록된 대상계층: {', '.join(groups)}).")
            elif int(m[2]) < 1:
                problems.append(f"{m[1]}의 배정 인원은 1명 이상이어야 합니다.")
            elif code in quotas:
                problems.append(f"{m[1]}이(가) 두 번 적혀 있습니다.")
            else:
                quotas[code] = int(m[2])
        if problems:
            raise forms.ValidationError(problems)
        return quotas

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        quotas, capacity = data.get("quotas"), data.get("capacity")
        if quotas and capacity and sum(quotas.values()) > capacity:
            self.add_error(
                "quotas", f"대상계층별 배정 인원의 합({sum(quotas.values())}명)이 정원({capacity}명)보다 많습니다."
            )
        return data

    def program_input(self) -> ProgramInput:
        d: dict[str, Any] = self.cleaned_data
        return ProgramInput(
            name=d["name"],
            provider=d["provider"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            capacity=d["capacity"],
            program_type=d["program_type"],
            dong=d["dong"],
            description=d["description"],
            licences=list(d["licences"]),
            korean_level_after=d["korean_level_after"],
            target_groups=list(d["target_groups"]),
            visa_types=list(d["visa_types"]),
            quotas=d["quotas"],
            age_min=d["age_min"],
            age_max=d["age_max"],
            residents_only=d["residents_only"],
            groups_required=d["groups_required"],
            income_max_percent=d["income_max_percent"],
            completion_percent=d["completion_percent"],
        )


def quotas_text(quotas: dict[str, int]) -> str:
    """The quotas as the form shows them, one group per line by its name: ``장애인 2``."""
    names = dict(TargetGroup.objects.values_list("code", "name"))
    return "\n".join(f"{names.get(code, code)} {n}" for code, n in quotas.items())


class ProgramEditForm(VersionedForm, ProgramForm):
    """사업 정보 수정 — the set-up form's fields; each session keeps its number (``#41``) at the start of
    its line: change the line to move it, delete the line to cancel it, add a line without a number."""

    keeps_sessions = True
    conversions = {"licences": list, "target_groups": list, "visa_types": list}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessions"].help_text = (
            "맨 앞의 회차 번호(#)는 지우지 마십시오. 일시·장소를 고치면 회차를 옮기고, 줄을 지우면 회차를 "
            "취소하며, 번호 없이 새 줄을 적으면 회차를 추가합니다. 출석을 기록한 회차는 취소하거나 옮길 수 없습니다."
        )
        self.fields["sessions"].widget.attrs["rows"] = 8

    @staticmethod
    def record(program: TrainingProgram) -> dict[str, Any]:
        return {
            "name": program.name,
            "program_type": program.program_type_id,
            "provider": program.provider,
            "starts_on": program.starts_on,
            "ends_on": program.ends_on,
            "capacity": program.capacity,
            "dong": program.dong_id,
            "licences": [lic.pk for lic in program.licences.all()],
            "korean_level_after": program.korean_level_after,
            "target_groups": [g.pk for g in program.target_groups.all()],
            "groups_required": program.groups_required,
            "residents_only": program.residents_only,
            "age_min": program.age_min,
            "age_max": program.age_max,
            "income_max_percent": program.income_max_percent,
            "visa_types": [v.pk for v in program.visa_types.all()],
            "completion_percent": program.completion_percent,
            "quotas": quotas_text(program.quotas),
            "sessions": "\n".join(
                f"#{s.pk} {s.date:%Y-%m-%d} {s.starts_at:%H:%M}-{s.ends_at:%H:%M} {s.place}"
                for s in program.sessions.all()
            ),
            "description": program.description,
            "version": program.version,
        }


class CompleteForm(RrnRefusingForm):
    licence = forms.ModelChoiceField(
        label="취득 자격", queryset=Licence.objects.none(), required=False, empty_label="취득 자격 없음"
    )

    def __init__(self, *args: Any, program: TrainingProgram | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if program is not None:
            self.fields["licence"].queryset = program.licences.all()

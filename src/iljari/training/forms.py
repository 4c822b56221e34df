"""Forms for programs: setting one up (sessions one per line), enrolling with consent, completion."""

import re
from datetime import date, time
from typing import Any

from django import forms
from django.utils import timezone

from iljari.core.forms import RrnRefusingForm
from iljari.privacy.models import Consent
from iljari.reference.models import Dong, Licence, TargetGroup
from iljari.training.models import ProgramType, TrainingProgram
from iljari.training.rules import Declared
from iljari.training.services import ProgramInput, SessionInput

SESSION_LINE = re.compile(r"(\d{4}-\d{2}-\d{2})\s+(\d{1,2}):(\d{2})\s*[-~]\s*(\d{1,2}):(\d{2})\s+(.+)")


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
    completion_percent = forms.IntegerField(label="수료 기준 출석률(%)", min_value=1, max_value=100, initial=80)
    sessions = forms.CharField(
        label="회차(한 줄에 하나)",
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "2026-12-10 09:00-13:00 직업전문학교 실습장"}),
        help_text="일자 시작-종료 장소. 회차가 없으면 등록할 수 없습니다.",
        required=False,
    )
    description = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_sessions(self) -> list[SessionInput]:
        sessions, problems = [], []
        for n, line in enumerate((self.cleaned_data.get("sessions") or "").splitlines(), start=1):
            if not line.strip():
                continue
            m = SESSION_LINE.fullmatch(line.strip())
            try:
                if m is None:
                    raise ValueError
                day = date.fromisoformat(m[1])
                sessions.append(SessionInput(day, time(int(m[2]), int(m[3])), time(int(m[4]), int(m[5])), m[6]))
            except ValueError:
                problems.append(f"{n}번째 줄을 읽을 수 없습니다: '{line.strip()}' (예: 2026-12-10 09:00-13:00 실습장)")
        if problems:
            raise forms.ValidationError(problems)
        return sessions

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
            target_groups=list(d["target_groups"]),
            age_min=d["age_min"],
            age_max=d["age_max"],
            residents_only=d["residents_only"],
            groups_required=d["groups_required"],
            income_max_percent=d["income_max_percent"],
            completion_percent=d["completion_percent"],
        )


class CompleteForm(RrnRefusingForm):
    licence = forms.ModelChoiceField(
        label="취득 자격", queryset=Licence.objects.none(), required=False, empty_label="취득 자격 없음"
    )

    def __init__(self, *args: Any, program: TrainingProgram | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if program is not None:
            self.fields["licence"].queryset = program.licences.all()

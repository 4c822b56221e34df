"""Vacancy (구인표) registration and search."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iljari.core import cells
from iljari.core.choices import EmploymentType, KoreanLevel, Shift, WageType
from iljari.core.forms import RrnRefusingForm, VersionedForm
from iljari.employers.models import Employer
from iljari.reference.models import Dong, Occupation, VisaType
from iljari.reference.selectors import occupation_for_text, occupations_by_title
from iljari.reference.services import licences_for_names
from iljari.vacancies.models import BENEFITS, Vacancy
from iljari.vacancies.services import VacancyInput, vacancy_wage_problem


def _occupation(title: str) -> Occupation | None:
    """The job-dictionary occupation a typed 모집직종 stands for."""
    return occupation_for_text(title, occupations_by_title())


def _licences(text: str) -> list:
    return licences_for_names(cells.split_list(text))


class VacancyForm(RrnRefusingForm):
    employer = forms.ModelChoiceField(label=_("구인업체"), queryset=Employer.objects.all(), widget=forms.HiddenInput)
    title = forms.CharField(label=_("모집직종"), max_length=120, help_text=_("예: 사출성형기조작원, 요양보호사"))
    duties = forms.CharField(label=_("직무내용"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    wage_type = forms.ChoiceField(label=_("임금 형태"), choices=WageType.choices, initial=WageType.MONTHLY)
    wage_amount = forms.CharField(label=_("임금(원)"), widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    hours_start = forms.TimeField(label=_("근무 시작"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    hours_end = forms.TimeField(label=_("근무 종료"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    weekly_hours = forms.IntegerField(label=_("주당 근로시간"), required=False, min_value=1, max_value=68)
    shift = forms.ChoiceField(label=_("근무 형태"), choices=Shift.choices)
    employment_type = forms.ChoiceField(label=_("고용 형태"), choices=EmploymentType.choices[:-1])
    dong = forms.ModelChoiceField(
        label=_("근무지 행정동"), queryset=Dong.objects.all(), required=False, empty_label=_("업체 소재지와 같음")
    )
    openings = forms.IntegerField(label=_("모집 인원"), min_value=1, max_value=999, initial=1)
    required_licences = forms.CharField(label=_("필수 자격증"), required=False, help_text=_("쉼표로 구분"))
    preferred_licences = forms.CharField(label=_("우대 자격증"), required=False, help_text=_("쉼표로 구분"))
    korean_level_min = forms.TypedChoiceField(
        label=_("필요 한국어 능력"), choices=KoreanLevel.choices, coerce=int, initial=KoreanLevel.NONE
    )
    accessible_workplace = forms.BooleanField(label=_("장애인 편의시설 있음"), required=False)
    visa_types = forms.ModelMultipleChoiceField(
        label=_("채용 가능 체류자격"),
        queryset=VisaType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    benefits = forms.MultipleChoiceField(
        label=_("복리후생"), choices=BENEFITS, required=False, widget=forms.CheckboxSelectMultiple
    )
    closes_on = forms.DateField(label=_("마감일"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_wage_amount(self) -> int:
        try:
            return cells.parse_won(self.cleaned_data["wage_amount"])
        except cells.CellError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_closes_on(self) -> date | None:
        """A new vacancy past its 마감일 would be closed tonight: ask for the real date instead."""
        closes_on = self.cleaned_data["closes_on"]
        if closes_on and closes_on < timezone.localdate():
            raise forms.ValidationError(_("마감일이 이미 지났습니다. 오늘이나 그 뒤 날짜를 입력해 주십시오."))
        return closes_on

    def clean(self) -> dict:
        data = super().clean()
        if data.get("wage_type") and data.get("wage_amount"):
            problem = vacancy_wage_problem(
                wage_type=data["wage_type"],
                wage_amount=data["wage_amount"],
                weekly_hours=data.get("weekly_hours"),
                hours_start=data.get("hours_start"),
                hours_end=data.get("hours_end"),
            )
            if problem:
                self.add_error("wage_amount", problem)
        return data

    def to_input(self) -> VacancyInput:
        d = self.cleaned_data
        return VacancyInput(
            employer=d["employer"],
            title=d["title"].strip(),
            occupation=_occupation(d["title"]),
            duties=d["duties"],
            wage_type=d["wage_type"],
            wage_amount=d["wage_amount"],
            hours_start=d["hours_start"],
            hours_end=d["hours_end"],
            weekly_hours=d["weekly_hours"],
            shift=d["shift"],
            employment_type=d["employment_type"],
            dong=d["dong"],
            openings=d["openings"],
            required_licences=_licences(d["required_licences"]),
            preferred_licences=_licences(d["preferred_licences"]),
            korean_level_min=d["korean_level_min"],
            accessible_workplace=d["accessible_workplace"],
            visa_types=list(d["visa_types"]),
            benefits=d["benefits"],
            closes_on=d["closes_on"],
        )


class VacancyEditForm(VersionedForm, VacancyForm):
    """구인표 수정 — the registration form's fields; the company and the status are not among them."""

    employer = None
    conversions = {"required_licences": _licences, "preferred_licences": _licences, "visa_types": list}

    @staticmethod
    def record(vacancy: Vacancy) -> dict[str, Any]:
        return {
            "title": vacancy.title,
            "duties": vacancy.duties,
            "wage_type": vacancy.wage_type,
            "wage_amount": vacancy.wage_amount,
            "hours_start": vacancy.hours_start,
            "hours_end": vacancy.hours_end,
            "weekly_hours": vacancy.weekly_hours,
            "shift": vacancy.shift,
            "employment_type": vacancy.employment_type,
            "dong": vacancy.dong_id,
            "openings": vacancy.openings,
            "required_licences": ", ".join(vacancy.required_licences.values_list("name", flat=True)),
            "preferred_licences": ", ".join(vacancy.preferred_licences.values_list("name", flat=True)),
            "korean_level_min": vacancy.korean_level_min,
            "accessible_workplace": vacancy.accessible_workplace,
            "visa_types": list(vacancy.visa_types.values_list("pk", flat=True)),
            "benefits": vacancy.benefits,
            "closes_on": vacancy.closes_on,
            "version": vacancy.version,
        }

    def changes(self) -> dict[str, Any]:
        """What this person changed, in the words of ``vacancy_update``; a new 모집직종 brings its occupation."""
        changes = super().changes()
        if "title" in changes:
            changes["occupation"] = _occupation(changes["title"])
        return changes


class VacancySearchForm(RrnRefusingForm):
    q = forms.CharField(label=_("직종·업체명"), required=False)
    dong = forms.ModelChoiceField(
        label=_("근무지 행정동"), queryset=Dong.objects.all(), required=False, empty_label=_("전체")
    )
    status = forms.ChoiceField(
        label=_("상태"), required=False, initial="open", choices=[("", "전체"), *Vacancy.Status.choices]
    )


class VacancyCloseForm(RrnRefusingForm):
    """마감: how it closed, and a note for the record."""

    reason = forms.ChoiceField(
        label=_("마감 사유"),
        choices=[
            ("", "선택"),
            *[(c.value, c.label) for c in (Vacancy.Status.FILLED, Vacancy.Status.CANCELLED, Vacancy.Status.EXPIRED)],
        ],
    )
    note = forms.CharField(label=_("메모"), required=False, max_length=200)


class VacancyReopenForm(RrnRefusingForm):
    """재공고: a new 마감일 (needed when the old one has passed) and a note."""

    closes_on = forms.DateField(label=_("새 마감일"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("메모"), required=False, max_length=200)

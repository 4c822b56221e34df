"""Seeker registration, counseling notes and the search bar."""

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iljari.accounts.models import Desk, User
from iljari.core import cells
from iljari.core.choices import Accessibility, EmploymentType, KoreanLevel, Shift
from iljari.core.forms import RrnRefusingForm, VersionedForm
from iljari.reference.models import Dong, TargetGroup, VisaType
from iljari.reference.services import licences_for_names
from iljari.seekers.lifecycle import WITHDRAW_REASONS
from iljari.seekers.models import CounselingNote, Seeker
from iljari.seekers.services import SeekerInput


class SeekerForm(RrnRefusingForm):
    """구직 등록 — what a counselor asks at the desk; validated as it is typed."""

    name = forms.CharField(label=_("성명"), max_length=60)
    birth_date = forms.DateField(label=_("생년월일"), widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(
        label=_("성별"),
        required=False,
        choices=[("", "선택 안 함"), *Seeker.Sex.choices],
        help_text=_("통계에만 쓰이며 추천 순위에는 쓰이지 않습니다."),
    )
    phone = forms.CharField(
        label=_("휴대전화"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "placeholder": "010-1234-5678"}),
    )
    home_dong = forms.ModelChoiceField(
        label=_("거주 행정동"), queryset=Dong.objects.all(), required=False, empty_label=_("선택")
    )
    address = forms.CharField(label=_("주소"), required=False, max_length=200)
    desired_job_text = forms.CharField(
        label=_("희망직종"), required=False, max_length=200, help_text=_("예: 용접원, 요양보호사, 사무보조")
    )
    reservation_wage = forms.CharField(
        label=_("희망임금(월, 원)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2500000 또는 250만"}),
    )
    licences = forms.CharField(label=_("자격증"), required=False, help_text=_("쉼표로 구분해 입력해 주십시오."))
    target_groups = forms.ModelMultipleChoiceField(
        label=_("대상계층"), queryset=TargetGroup.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    work_hours = forms.ChoiceField(label=_("희망 근무시간"), choices=Seeker.WorkHours.choices, initial="any")
    shifts = forms.MultipleChoiceField(
        label=_("가능 근무형태"), choices=Shift.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    employment_type = forms.ChoiceField(label=_("희망 고용형태"), choices=EmploymentType.choices, initial="any")
    korean_level = forms.TypedChoiceField(
        label=_("한국어 능력"), choices=KoreanLevel.choices, coerce=int, initial=KoreanLevel.NATIVE
    )
    visa_type = forms.ModelChoiceField(
        label=_("체류자격(외국인)"), queryset=VisaType.objects.all(), required=False, empty_label=_("해당 없음")
    )
    preferred_language = forms.ChoiceField(
        label=_("상담 언어"),
        choices=settings.LANGUAGES,
        initial="ko",
        required=False,
        help_text=_("이 언어로 상담할 수 있는 상담사를 배정합니다."),
    )
    accessibility_needs = forms.MultipleChoiceField(
        label=_("편의 지원 필요"), choices=Accessibility.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    remarks = forms.CharField(label=_("비고"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(label=_("개인정보 수집·이용(취업지원 상담·알선)에 동의를 받았습니다."))

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.sees_all_seekers:
            self.fields["desk"] = forms.ModelChoiceField(
                label=_("담당 창구"), queryset=Desk.objects.all(), initial=user.desk_id
            )
        self.fields["counselor"] = forms.ModelChoiceField(
            label=_("담당 상담사"),
            queryset=User.objects.filter(role=User.Role.COUNSELOR, is_active=True, desk_id=user.desk_id),
            required=False,
            empty_label=_("자동 배정(그 언어로 상담하고 맡은 구직자가 가장 적은 상담사)"),
        )

    def clean(self) -> dict:
        data = super().clean()
        desk, counselor = data.get("desk") or self.user.desk, data.get("counselor")
        if counselor is not None and desk is not None and counselor.desk_id != desk.pk:
            self.add_error(
                "counselor", "다른 창구의 상담사입니다. 담당 창구의 상담사를 고르시거나 자동 배정으로 두십시오."
            )
        return data

    def clean_birth_date(self) -> date:
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if born > today.replace(year=today.year - 14) or born.year < 1900:
            raise forms.ValidationError("생년월일을 확인해 주십시오(만 15세 이상).")
        return born

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        if not value:
            return ""
        try:
            return cells.parse_mobile(value)
        except cells.CellError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_reservation_wage(self) -> int | None:
        value = self.cleaned_data["reservation_wage"]
        if not value:
            return None
        try:
            return cells.parse_won(value)
        except cells.CellError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_licences(self) -> list[str]:
        return cells.split_list(self.cleaned_data["licences"])

    def to_input(self) -> SeekerInput:
        d = self.cleaned_data
        desk = d.get("desk") or self.user.desk
        return SeekerInput(
            desk=desk,
            counselor=d.get("counselor"),  # None: the service assigns the suggested counselor
            name=d["name"].strip(),
            birth_date=d["birth_date"],
            phone=d["phone"],
            sex=d["sex"],
            address=d["address"],
            home_dong=d["home_dong"],
            target_groups=list(d["target_groups"]),
            desired_job_text=d["desired_job_text"],
            licences=licences_for_names(d["licences"]),
            reservation_wage=d["reservation_wage"],
            work_hours=d["work_hours"],
            shifts=d["shifts"],
            employment_type=d["employment_type"],
            korean_level=d["korean_level"],
            visa_type=d["visa_type"],
            nationality="" if d["visa_type"] else "KR",
            accessibility_needs=d["accessibility_needs"],
            preferred_language=d.get("preferred_language") or "ko",
            remarks=d["remarks"],
        )


class SeekerEditForm(VersionedForm, SeekerForm):
    """구직자 정보 수정 — the registration form's fields, without the consent box and the desk."""

    consent = None
    conversions = {"licences": licences_for_names, "target_groups": list}

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields.pop("desk", None)

    @staticmethod
    def record(seeker: Seeker) -> dict[str, Any]:
        """The seeker as the form shows it."""
        return {
            "name": seeker.name,
            "birth_date": seeker.birth_date,
            "sex": seeker.sex,
            "phone": seeker.phone or "",
            "home_dong": seeker.home_dong_id,
            "address": seeker.address or "",
            "desired_job_text": seeker.desired_job_text,
            "reservation_wage": seeker.reservation_wage,
            "licences": ", ".join(seeker.licences.values_list("name", flat=True)),
            "target_groups": list(seeker.target_groups.values_list("pk", flat=True)),
            "work_hours": seeker.work_hours,
            "shifts": seeker.shifts,
            "employment_type": seeker.employment_type,
            "korean_level": seeker.korean_level,
            "visa_type": seeker.visa_type_id,
            "accessibility_needs": seeker.accessibility_needs,
            "preferred_language": seeker.preferred_language,
            "remarks": seeker.remarks or "",
            "version": seeker.version,
        }


class NoteForm(RrnRefusingForm):
    channel = forms.ChoiceField(label=_("상담 방법"), choices=CounselingNote.Channel.choices)
    text = forms.CharField(label=_("상담 내용"), widget=forms.Textarea(attrs={"rows": 5}))


class StatusForm(RrnRefusingForm):
    """구직 중단 (why, from a list) or 재등록; 취업 is recorded with its placement."""

    status = forms.ChoiceField(
        choices=[(Seeker.Status.WITHDRAWN, "구직 중단"), (Seeker.Status.ACTIVE, "재등록")], widget=forms.HiddenInput
    )
    reason = forms.ChoiceField(label=_("중단 사유"), required=False, choices=[("", "선택"), *WITHDRAW_REASONS])


class SearchForm(RrnRefusingForm):
    q = forms.CharField(label=_("성명·전화번호"), required=False)
    job = forms.CharField(label=_("희망직종"), required=False)
    dong = forms.ModelChoiceField(label=_("행정동"), queryset=Dong.objects.all(), required=False, empty_label=_("전체"))
    group = forms.ModelChoiceField(
        label=_("대상계층"),
        queryset=TargetGroup.objects.all(),
        required=False,
        empty_label=_("전체"),
        to_field_name="code",
    )
    status = forms.ChoiceField(
        label=_("상태"),
        required=False,
        choices=[("", "전체"), *[c for c in Seeker.Status.choices if c[0] != Seeker.Status.ERASED]],
    )

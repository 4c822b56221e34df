"""Employer registration and search."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from iljari.core import cells
from iljari.core.forms import RrnRefusingForm, VersionedForm
from iljari.employers.models import Employer
from iljari.employers.services import EmployerInput
from iljari.employers.validators import business_number_is_valid, normalize_business_number
from iljari.reference.models import Dong


class EmployerForm(RrnRefusingForm):
    name = forms.CharField(label=_("사업장명"), max_length=120)
    business_number = forms.CharField(
        label=_("사업자등록번호"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "123-45-67890"}),
    )
    industry_name = forms.CharField(label=_("업종"), required=False, max_length=120)
    address = forms.CharField(label=_("주소"), required=False, max_length=200)
    dong = forms.ModelChoiceField(label=_("소재 행정동"), queryset=Dong.objects.all(), empty_label=_("선택"))
    employees = forms.IntegerField(label=_("근로자 수"), required=False, min_value=0)
    in_smart_hub = forms.BooleanField(label=_("반월·시화 스마트허브 입주 기업"), required=False)
    contact_name = forms.CharField(label=_("채용 담당자"), required=False, max_length=60)
    contact_phone = forms.CharField(label=_("담당자 연락처"), required=False, max_length=20)
    same_company_confirmed = forms.BooleanField(
        label=_("비슷한 이름의 업체가 있지만 다른 업체가 맞습니다."), required=False
    )

    def clean_business_number(self) -> str:
        value = self.cleaned_data["business_number"]
        if value and not business_number_is_valid(value):
            raise forms.ValidationError("사업자등록번호가 올바르지 않습니다. 10자리 숫자와 검증번호를 확인해 주십시오.")
        return normalize_business_number(value)

    def clean_contact_phone(self) -> str:
        value = self.cleaned_data["contact_phone"]
        try:
            return cells.parse_phone(value) if value else ""
        except cells.CellError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def to_input(self) -> EmployerInput:
        d = {k: v for k, v in self.cleaned_data.items() if k != "same_company_confirmed"}
        return EmployerInput(**{k: v for k, v in d.items() if v is not None})


class EmployerEditForm(VersionedForm, EmployerForm):
    """구인업체 정보 수정 — the registration form's fields; a 사업자번호 already on file is refused by the service."""

    same_company_confirmed = None

    @staticmethod
    def record(employer: Employer) -> dict[str, Any]:
        return {
            "name": employer.name,
            "business_number": employer.business_number or "",
            "industry_name": employer.industry_name,
            "address": employer.address,
            "dong": employer.dong_id,
            "employees": employer.employees,
            "in_smart_hub": employer.in_smart_hub,
            "contact_name": employer.contact_name or "",
            "contact_phone": employer.contact_phone or "",
            "version": employer.version,
        }


class EmployerSearchForm(RrnRefusingForm):
    q = forms.CharField(label=_("사업장명·사업자등록번호"), required=False)
    dong = forms.ModelChoiceField(label=_("행정동"), queryset=Dong.objects.all(), required=False, empty_label=_("전체"))

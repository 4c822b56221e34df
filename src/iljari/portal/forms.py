"""The portal's forms: every label, help text and error in the reader's language (the portal's own
message file), a 주민등록번호 refused in any field, and whatever was typed kept on a mistake."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from iljari.core import cells
from iljari.core.choices import EmploymentType, KoreanLevel, Shift, WageType
from iljari.core.forms import RrnRefusingForm
from iljari.discovery.parsing import Flag, discriminatory_conditions
from iljari.employers.models import Employer
from iljari.employers.validators import business_number_is_valid, normalize_business_number
from iljari.portal.cards import Words
from iljari.portal.consents import TEXTS
from iljari.portal.words import (
    BENEFITS,
    EMPLOYMENT_TYPES,
    KOREAN_LEVELS,
    NOT_HIRED_REASONS,
    SHIFTS,
    WAGE_TYPES,
    WORK_HOURS,
)
from iljari.reference.models import Dong, VisaType
from iljari.reference.selectors import occupation_for_text, occupations_by_title
from iljari.seekers.models import Seeker
from iljari.training.rules import Declared
from iljari.vacancies.services import VacancyInput
from iljari.vacancies.wages import daily_hours, minimum_wage_shortfall

ERRORS = {
    "required": _("이 항목을 입력해 주십시오."),
    "invalid": _("형식이 맞지 않습니다. 다시 확인해 주십시오."),
    "invalid_choice": _("목록에 있는 것을 골라 주십시오."),
    "invalid_list": _("목록에 있는 것을 골라 주십시오."),
    "invalid_pk_value": _("목록에 있는 것을 골라 주십시오."),
    "max_length": _("%(limit_value)d자까지 입력하실 수 있습니다(지금 %(show_value)d자)."),
    "min_value": _("%(limit_value)s 이상으로 입력해 주십시오."),
    "max_value": _("%(limit_value)s 이하로 입력해 주십시오."),
}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PortalForm(RrnRefusingForm):
    """Errors said by the portal's message file, not Django's (which lacks some of the languages)."""

    rrn_refusal = _(
        "주민등록번호나 외국인등록번호는 입력하지 마십시오. 저장하지 않습니다. 번호를 지우고 다시 입력해 주십시오."
    )
    # Korean examples put into a field's help text (``%(examples)s``), marked lang="ko" on the page.
    examples: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, examples in self.examples.items():
            self.fields[name].help_text = Words(str(self.fields[name].help_text), korean={"examples": examples}).html
        for field in self.fields.values():
            # Django's own wording gives way to ours; a field's own message (the consent's) stays.
            defaults = {
                k: v
                for c in reversed(type(field).__mro__)
                for k, v in vars(c).get("default_error_messages", {}).items()
            }
            field.error_messages = {
                **field.error_messages,
                **{k: v for k, v in ERRORS.items() if field.error_messages.get(k, defaults.get(k)) is defaults.get(k)},
            }
            for validator in field.validators:
                if validator.code in ERRORS:
                    validator.message = ERRORS[validator.code]
            if field.required:
                field.widget.attrs.setdefault("aria-required", "true")


class KoreanNames(forms.Select):
    """A list of Korean names as written (the 동): each option marked lang="ko" for the reader's
    screen reader and translator, the empty choice in the reader's language."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict:
        option = super().create_option(name, value, *args, **kwargs)
        if value not in ("", None):
            option["attrs"]["lang"] = "ko"
        return option


def _dongs(label: Any = None, empty: Any = None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label or _("사는 동"),
        queryset=Dong.objects.order_by("name"),
        required=False,
        empty_label=empty or _("고르지 않음"),
        widget=KoreanNames,
    )


def mobile(value: str) -> str:
    try:
        return cells.parse_mobile(value)
    except cells.CellError:
        raise forms.ValidationError(_("휴대전화 번호를 010-1234-5678처럼 입력해 주십시오.")) from None


class PhoneForm(PortalForm):
    phone = forms.CharField(
        label=_("휴대전화 번호"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "010-1234-5678"}),
    )

    def clean_phone(self) -> str:
        return mobile(self.cleaned_data["phone"])


class CodeForm(PhoneForm):
    otp = forms.CharField(
        label=_("인증번호 6자리"),
        max_length=6,
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*", "maxlength": "6"}
        ),
    )


class CodeOnlyForm(PortalForm):
    otp = forms.CharField(
        label=_("인증번호 6자리"),
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*", "maxlength": "6"}
        ),
    )


class WelcomeForm(PortalForm):
    """구직 신청: the few things a record needs, then the profile page for the rest."""

    name = forms.CharField(label=_("성명"), max_length=60, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    birth_date = forms.DateField(label=_("생년월일"), widget=DATE)
    home_dong = _dongs()
    desired_job_text = forms.CharField(
        label=_("어떤 일을 찾으세요?"),
        max_length=200,
        help_text=_("편한 말로 쓰세요. 예: 용접, 공장 포장 일, 어르신 돌보는 일"),
    )
    consent = forms.BooleanField(
        label=_("위의 '구직 알선' 개인정보 수집·이용에 동의합니다. (필수)"),
        error_messages={"required": _("구직 알선에 동의하셔야 구직 신청을 하실 수 있습니다.")},
    )

    def clean_birth_date(self) -> date:
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if not date(today.year - 100, 1, 1) <= born <= date(today.year - 15, today.month, today.day):
            raise forms.ValidationError(_("생년월일을 다시 확인해 주십시오."))
        return born


CITIZEN = "citizen"  # the 체류자격 answer of a Korean national (the record keeps no 체류자격)


class ProfileForm(PortalForm):
    """The profile in the seeker's own words: the words typed are read into occupations to confirm."""

    examples = {"licences": "지게차운전기능사, 요양보호사"}

    desired_job_text = forms.CharField(
        label=_("어떤 일을 찾으세요?"),
        max_length=200,
        help_text=_("편한 말로 쓰세요. 예: 용접, 공장 포장 일, 어르신 돌보는 일"),
    )
    occupation = forms.ChoiceField(label=_("이 일이 맞나요?"), required=False, widget=forms.RadioSelect)
    home_dong = _dongs()
    reservation_wage = forms.CharField(
        label=_("희망 임금(한 달, 원)"),
        required=False,
        max_length=20,
        help_text=_("예: 2500000 또는 250만"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    work_hours = forms.ChoiceField(
        label=_("일하고 싶은 시간"), choices=list(WORK_HOURS.items()), widget=forms.RadioSelect
    )
    shifts = forms.MultipleChoiceField(
        label=_("할 수 있는 근무형태"),
        required=False,
        choices=[(s.value, SHIFTS[s]) for s in Shift],
        widget=forms.CheckboxSelectMultiple,
    )
    employment_type = forms.ChoiceField(
        label=_("고용 형태"), choices=[(e.value, EMPLOYMENT_TYPES[e]) for e in EmploymentType]
    )
    licences = forms.CharField(
        label=_("자격증"),
        required=False,
        max_length=300,
        help_text=_("자격증 이름을 쉼표로 나누어 쓰세요. 예: %(examples)s"),
    )
    korean_level = forms.TypedChoiceField(
        label=_("한국어"),
        coerce=int,
        choices=[(k.value, KOREAN_LEVELS[k]) for k in KoreanLevel],
        widget=forms.RadioSelect,
        error_messages={"required": _("한국어를 얼마나 하시는지 골라 주십시오.")},
    )
    visa_type = forms.ChoiceField(
        label=_("체류자격"),
        help_text=_("외국인등록증에 적힌 체류자격을 고르세요. 예: E-9, F-4"),
        error_messages={
            "required": _("체류자격을 골라 주십시오. 대한민국 국민이시면 '대한민국 국민입니다'를 고르십시오.")
        },
    )
    experience_years = forms.IntegerField(label=_("경력(년)"), min_value=0, max_value=60, initial=0)

    def __init__(self, *args: Any, guesses: list[tuple[str, Any]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = [*guesses, ("", _("이 중에 없습니다"))]
        self.fields["visa_type"].choices = [("", _("고르십시오")), (CITIZEN, _("대한민국 국민입니다"))] + [
            (v.code, v.code) for v in VisaType.objects.order_by("code")
        ]

    def clean_reservation_wage(self) -> int | None:
        value = self.cleaned_data["reservation_wage"].strip()
        if not value:
            return None
        try:
            return cells.parse_won(value)
        except cells.CellError:
            raise forms.ValidationError(_("금액을 숫자로 입력해 주십시오. 예: 2500000 또는 250만")) from None

    def clean_visa_type(self) -> VisaType | None:
        code = self.cleaned_data["visa_type"]
        return None if code == CITIZEN else VisaType.objects.filter(code=code).first()


def profile_initial(seeker: Seeker, *, answered: bool) -> dict:
    """The profile form as the record has it. Until the person has saved it once (``answered``), the
    record's 한국어 수준 (모국어) and 체류자격 (none: 국민) are defaults nobody chose, so they are
    left for the person to choose; a level or 체류자격 someone did record is shown."""
    desired = next(iter(seeker.desired_occupations.all()), None)
    korean = seeker.korean_level if answered or seeker.korean_level != KoreanLevel.NATIVE else None
    visa = seeker.visa_type.code if seeker.visa_type else (CITIZEN if answered else "")
    return {
        "desired_job_text": seeker.desired_job_text,
        "occupation": str(desired.pk) if desired else "",
        "home_dong": seeker.home_dong_id,
        "reservation_wage": str(seeker.reservation_wage or ""),
        "work_hours": seeker.work_hours,
        "shifts": seeker.shifts,
        "employment_type": seeker.employment_type,
        "licences": ", ".join(lic.name for lic in seeker.licences.all()),
        "korean_level": korean,
        "visa_type": visa,
        "experience_years": seeker.experience_years,
    }


class ConsentsForm(PortalForm):
    """Each purpose answered on its own: yes or no."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for text in TEXTS:
            self.fields[text.purpose] = forms.TypedChoiceField(
                label=text.title,
                choices=[("yes", _("동의합니다")), ("no", _("동의하지 않습니다"))],
                coerce=lambda v: v == "yes",
                widget=forms.RadioSelect,
            )


class ApplyForm(PortalForm):
    message = forms.CharField(
        label=_("상담사에게 남길 말(선택)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("예: 다음 주부터 일할 수 있습니다."),
    )


class DeleteForm(PortalForm):
    confirm = forms.BooleanField(
        label=_("계정과 제 개인정보를 지우는 데 동의합니다. 되돌릴 수 없습니다."),
        error_messages={"required": _("지우시려면 확인란에 표시해 주십시오.")},
    )


class NotificationsForm(PortalForm):
    """받을 알림 선택: each optional kind of text message on or off (a code is always sent when asked)."""

    referral = forms.BooleanField(
        label=_("알선 진행 안내"),
        required=False,
        help_text=_("알선 신청이 처리되거나 알선 결과가 나오면 알려 드립니다."),
    )
    interview = forms.BooleanField(
        label=_("면접 일시 안내"), required=False, help_text=_("면접 날짜와 시간이 정해지면 알려 드립니다.")
    )
    event = forms.BooleanField(
        label=_("채용행사 전날 안내"),
        required=False,
        help_text=_("신청하신 채용행사의 전날에 시간과 장소를 알려 드립니다."),
    )
    program = forms.BooleanField(
        label=_("교육·일자리 사업 전날 안내"),
        required=False,
        help_text=_("참여하시는 교육·일자리 사업의 회차 전날에 시간과 장소를 알려 드립니다."),
    )


class EventSignUpForm(PortalForm):
    consent = forms.BooleanField(
        label=_("위의 '채용행사' 개인정보 수집·이용에 동의합니다. (필수)"),
        error_messages={"required": _("참가 신청을 하시려면 '채용행사' 개인정보 수집·이용에 동의해 주십시오.")},
    )


class ProgramApplyForm(PortalForm):
    """참여 신청: what the program's rules ask to be declared (가구 소득, only where it has an income
    rule; 1인 가구, where its selection gives points for it), then the 교육·일자리 사업 consent."""

    income_percent = forms.IntegerField(
        label=_("가구 소득(기준중위소득 대비 %)"),
        min_value=0,
        max_value=999,
        help_text=_("예: 80. 모르시면 일자리센터에 전화로 물어보십시오."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    single_household = forms.BooleanField(label=_("혼자 사십니다(1인 가구)"), required=False)
    consent = forms.BooleanField(
        label=_("위의 '교육·일자리 사업' 개인정보 수집·이용에 동의합니다. (필수)"),
        error_messages={"required": _("참여 신청을 하시려면 '교육·일자리 사업' 개인정보 수집·이용에 동의해 주십시오.")},
    )

    def __init__(self, *args: Any, asks_income: bool = True, asks_household: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not asks_income:
            del self.fields["income_percent"]
        if not asks_household:
            del self.fields["single_household"]

    def declared(self) -> Declared:
        data = self.cleaned_data
        return Declared(income_percent=data.get("income_percent"), single_household=bool(data.get("single_household")))


# --- companies -------------------------------------------------------------------------------------


class CompanyOutcomeForm(PortalForm):
    """채용 or 불채용 after an interview, with the reason a person was not hired."""

    hired = forms.TypedChoiceField(
        label=_("면접 결과"),
        choices=[("yes", _("채용합니다")), ("no", _("채용하지 않습니다"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("채용하지 않는 이유"), required=False, choices=[("", "—"), *NOT_HIRED_REASONS.items()]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("hired") is False and not data.get("reason"):
            self.add_error("reason", _("채용하지 않는 이유를 골라 주십시오."))
        return data


class CompanyCloseForm(PortalForm):
    reason = forms.ChoiceField(
        label=_("마감하는 이유"),
        choices=[("filled", _("채용을 마쳤습니다")), ("cancelled", _("모집을 취소합니다"))],
        widget=forms.RadioSelect,
    )


class BusinessNumberForm(PortalForm):
    business_number = forms.CharField(
        label=_("사업자등록번호"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "123-45-67890"}),
    )

    def clean_business_number(self) -> str:
        number = self.cleaned_data["business_number"]
        if not business_number_is_valid(number):
            raise forms.ValidationError(
                _(
                    "사업자등록번호가 올바르지 않습니다. 10자리 숫자를 다시 확인해 주십시오(마지막 자리는 검증번호입니다)."
                )
            )
        return normalize_business_number(number)


class CompanyForm(BusinessNumberForm):
    """A company new to the center: who it is and where the code goes."""

    name = forms.CharField(label=_("회사 이름"), max_length=120)
    dong = _dongs(_("회사가 있는 동"))
    contact_name = forms.CharField(label=_("채용 담당자 이름"), max_length=60)
    phone = forms.CharField(
        label=_("인증번호를 받을 휴대전화"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "010-1234-5678"}),
    )

    def clean_phone(self) -> str:
        return mobile(self.cleaned_data["phone"])


class CompanyVacancyForm(PortalForm):
    """A company's own posting: the same checks as a counselor's (the minimum wage as typed)."""

    examples = {"title": "사출 생산직, 포장원, 요양보호사"}

    title = forms.CharField(label=_("모집 직종"), max_length=120, help_text=_("예: %(examples)s"))
    duties = forms.CharField(
        label=_("하는 일"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    wage_type = forms.ChoiceField(
        label=_("임금 형태"), choices=[(w.value, WAGE_TYPES[w]) for w in WageType], initial=WageType.MONTHLY
    )
    wage_amount = forms.CharField(
        label=_("임금(원)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("예: 2500000 또는 250만"),
    )
    hours_start = forms.TimeField(label=_("근무 시작"), required=False, widget=TIME)
    hours_end = forms.TimeField(label=_("근무 끝"), required=False, widget=TIME)
    weekly_hours = forms.IntegerField(label=_("일주일 근로시간"), required=False, min_value=1, max_value=68)
    shift = forms.ChoiceField(label=_("근무형태"), choices=[(s.value, SHIFTS[s]) for s in Shift])
    employment_type = forms.ChoiceField(
        label=_("고용 형태"),
        choices=[(e.value, EMPLOYMENT_TYPES[e]) for e in EmploymentType if e != EmploymentType.ANY],
    )
    dong = _dongs(_("일하는 곳(동)"), _("회사 주소와 같음"))
    openings = forms.IntegerField(label=_("모집 인원"), min_value=1, max_value=999, initial=1)
    benefits = forms.MultipleChoiceField(
        label=_("복리후생"), required=False, choices=list(BENEFITS.items()), widget=forms.CheckboxSelectMultiple
    )
    visa_types = forms.ModelMultipleChoiceField(
        label=_("채용할 수 있는 체류자격"),
        queryset=VisaType.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    closes_on = forms.DateField(label=_("마감일"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visa_types"].label_from_instance = lambda v: v.code

    def clean_wage_amount(self) -> int:
        try:
            return cells.parse_won(self.cleaned_data["wage_amount"])
        except cells.CellError:
            raise forms.ValidationError(_("금액을 숫자로 입력해 주십시오. 예: 2500000 또는 250만")) from None

    def to_input(self, employer: Employer) -> VacancyInput:
        """The posting for the vacancies' service; the occupation read from the title as on the staff's
        form, the place the company's own 동 unless another is chosen."""
        d = self.cleaned_data
        return VacancyInput(
            employer=employer,
            title=d["title"].strip(),
            occupation=occupation_for_text(d["title"], occupations_by_title()),
            duties=d["duties"].strip(),
            wage_type=d["wage_type"],
            wage_amount=d["wage_amount"],
            hours_start=d["hours_start"],
            hours_end=d["hours_end"],
            weekly_hours=d["weekly_hours"],
            shift=d["shift"],
            employment_type=d["employment_type"],
            dong=d["dong"] or employer.dong,
            visa_types=list(d["visa_types"]),
            benefits=d["benefits"],
            openings=d["openings"],
            closes_on=d["closes_on"],
        )

    def clean_closes_on(self) -> date | None:
        closes_on = self.cleaned_data["closes_on"]
        if closes_on and closes_on < timezone.localdate():
            raise forms.ValidationError(_("마감일이 이미 지났습니다. 오늘이나 그 뒤의 날짜를 입력해 주십시오."))
        return closes_on

    def clean(self) -> dict:
        """The minimum wage as typed, and no 성별·나이·국적 condition (the field-note parser's rules)."""
        data = super().clean()
        if data.get("wage_type") and data.get("wage_amount"):
            shortfall = minimum_wage_shortfall(
                wage_type=data["wage_type"],
                amount=data["wage_amount"],
                on=timezone.localdate(),
                weekly_hours=data.get("weekly_hours"),
                hours_per_day=daily_hours(data.get("hours_start"), data.get("hours_end")),
            )
            if shortfall:
                self.add_error(
                    "wage_amount",
                    _("최저임금보다 적습니다: 시간당 약 %(hourly)s원입니다(%(year)s년 최저시급 %(minimum)s원).")
                    % {
                        "hourly": f"{shortfall.hourly_equivalent:,.0f}",
                        "year": shortfall.minimum.year,
                        "minimum": f"{shortfall.minimum.hourly:,}",
                    },
                )
        for name in ("title", "duties"):
            for flag in discriminatory_conditions(data.get(name) or ""):
                self.add_error(name, condition_refusal(flag))
        return data


CONDITIONS = {
    "sex": _("모집·채용에서 성별을 조건으로 하거나 우대할 수 없습니다"),
    "age": _("모집·채용에서 합리적인 이유 없이 나이를 조건으로 할 수 없습니다"),
    "nationality": _(
        "국적을 이유로 차별할 수 없습니다(일할 수 있는 체류자격은 '채용할 수 있는 체류자격'에서 고르십시오)"
    ),
}


def condition_refusal(flag: Flag) -> SafeString:
    """A 성별·나이·국적 condition refused with the words found and the law, both in Korean as written."""
    return Words(
        _("'%(words)s': %(rule)s. 근거: %(law)s. 이 조건을 빼고 다시 써 주십시오."),
        {"rule": CONDITIONS[flag.kind]},
        {"words": flag.text, "law": flag.law},
    ).__html__()

"""Hiring-event forms: set-up, booths, registration (counselor, poster QR, walk-in), check-in, results."""

from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from iljari.accounts.models import Desk, User
from iljari.accounts.selectors import staff_desks
from iljari.core import cells
from iljari.core.forms import RrnRefusingForm
from iljari.employers.models import Employer
from iljari.events.models import Booth, HiringEvent
from iljari.events.services import EventInput, SelfRegistration
from iljari.reference.models import Dong
from iljari.referrals.models import Referral
from iljari.vacancies.models import Vacancy

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(RrnRefusingForm):
    name = forms.CharField(label=_("행사명"), max_length=120)
    kind = forms.ChoiceField(label=_("구분"), choices=HiringEvent.Kind.choices)
    date = forms.DateField(label=_("일자"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("장소"), max_length=200)
    starts_at = forms.TimeField(label=_("시작"), widget=TIME)
    ends_at = forms.TimeField(label=_("종료"), widget=TIME)
    slot_minutes = forms.IntegerField(label=_("면접 시간대(분)"), min_value=5, max_value=120, initial=20)
    gap_slots = forms.IntegerField(
        label=_("면접 사이 빈 시간대"), min_value=0, max_value=4, initial=1, help_text=_("부스 사이 이동·휴식")
    )
    max_interviews = forms.IntegerField(label=_("1인당 최대 면접 수"), min_value=1, max_value=6, initial=3)
    desk = forms.ModelChoiceField(
        label=_("주관 창구"),
        queryset=Desk.objects.all(),
        help_text=_("QR·현장 신청으로 새로 등록되는 구직자가 배정될 창구입니다."),
    )
    description = forms.CharField(label=_("안내"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        desks = staff_desks(user)
        if desks is not None:  # an event is worked by its host desk's staff: host it at one's own
            self.fields["desk"].queryset = Desk.objects.filter(pk__in=desks)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("종료 시각은 시작 시각보다 늦어야 합니다."))
        return data

    def to_input(self) -> EventInput:
        return EventInput(**self.cleaned_data)


def employers_with_open_vacancies() -> QuerySet[Employer]:
    return Employer.objects.filter(
        Exists(Vacancy.objects.filter(employer=OuterRef("pk"), status=Vacancy.Status.OPEN))
    ).order_by("name")


class BoothForm(RrnRefusingForm):
    employer = forms.ModelChoiceField(
        label=_("구인업체"), queryset=employers_with_open_vacancies(), empty_label=_("선택")
    )
    vacancies = forms.ModelMultipleChoiceField(
        label=_("채용할 구인표"), queryset=Vacancy.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    label = forms.CharField(
        label=_("부스 번호"), max_length=20, required=False, help_text=_("비우면 차례대로 붙습니다.")
    )
    interviewers = forms.IntegerField(label=_("면접관 수"), min_value=1, max_value=20, initial=1)
    interview_minutes = forms.IntegerField(label=_("면접 시간(분)"), min_value=5, max_value=120, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employer = self.data.get("employer") if self.is_bound else None
        if employer and str(employer).isdigit():
            self.fields["vacancies"].queryset = open_vacancies_of(int(employer))
        self.fields["vacancies"].label_from_instance = vacancy_label


def open_vacancies_of(employer_id: int) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(employer_id=employer_id, status=Vacancy.Status.OPEN).order_by("title")


def vacancy_label(vacancy: Vacancy) -> str:
    return f"{vacancy.title} · {vacancy.openings}명"


def booth_label(booth: Booth) -> str:
    titles = ", ".join(v.title for v in booth.vacancies.all())
    return f"{booth.label}번 {booth.employer.name} ({titles})"


class PicksMixin(forms.Form):
    """The booths a seeker wants to visit and when they can be there."""

    picks = forms.ModelMultipleChoiceField(
        label=_("가고 싶은 부스"), queryset=Booth.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    available_from = forms.TimeField(label=_("참가 가능 시작"), required=False, widget=TIME)
    available_until = forms.TimeField(label=_("참가 가능 종료"), required=False, widget=TIME)

    def set_event(self, event: HiringEvent) -> None:
        self.fields["picks"].queryset = (
            Booth.objects.filter(event=event).select_related("employer").prefetch_related("vacancies")
        )
        self.fields["picks"].label_from_instance = booth_label
        self.fields["available_from"].help_text = _("비워 두면 행사 시간 내내 가능한 것으로 봅니다.")


class RegistrationForm(PicksMixin, RrnRefusingForm):
    """A counselor registers one of their seekers."""

    share_profile = forms.BooleanField(
        label=_("고른 부스 업체에 이력 요약 제공에 동의함"),
        required=False,
        help_text=_("구직자 본인에게 확인했습니다."),
    )


class SelfRegistrationForm(PicksMixin, RrnRefusingForm):
    """The short phone form behind the poster's QR code, and the walk-in desk's form."""

    name = forms.CharField(label=_("성명"), max_length=60)
    birth_date = forms.DateField(label=_("생년월일"), widget=forms.DateInput(attrs={"type": "date"}))
    phone = forms.CharField(
        label=_("휴대전화"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "010-1234-5678"}),
    )
    desired_job_text = forms.CharField(
        label=_("희망 직종"), max_length=200, required=False, help_text=_("예: 생산직, 포장, 요양보호사, 사무보조")
    )
    home_dong = forms.ModelChoiceField(
        label=_("사는 동"),
        queryset=Dong.objects.all(),
        required=False,
        empty_label=_("선택(우리 시 밖에 사시면 비워 두세요)"),
    )
    consent = forms.BooleanField(
        label=_(
            "[필수] 채용행사 참가와 취업 지원을 위해 성명·생년월일·연락처·희망 직종을 수집·이용하는 데 동의합니다."
        ),
        help_text=_("보유 기간: 구직 등록 종료 후 3년. 동의하지 않으시면 신청할 수 없습니다."),
        error_messages={"required": _("개인정보 수집·이용에 동의해 주셔야 신청할 수 있습니다.")},
    )
    share_profile = forms.BooleanField(
        label=_("[선택] 제가 고른 부스의 업체에 희망 직종·경력 요약을 미리 제공하는 데 동의합니다."), required=False
    )

    field_order = [
        "name",
        "birth_date",
        "phone",
        "desired_job_text",
        "home_dong",
        "picks",
        "available_from",
        "available_until",
        "consent",
        "share_profile",
    ]

    def clean_phone(self) -> str:
        try:
            return cells.parse_mobile(self.cleaned_data["phone"])
        except cells.CellError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def to_input(self) -> SelfRegistration:
        d = self.cleaned_data
        return SelfRegistration(
            name=d["name"],
            birth_date=d["birth_date"],
            phone=d["phone"],
            desired_job_text=d["desired_job_text"],
            home_dong=d["home_dong"],
            picks=list(d["picks"]),
            share_profile=d["share_profile"],
            available_from=d["available_from"],
            available_until=d["available_until"],
        )


class TicketForm(forms.Form):
    ticket = forms.CharField(
        label=_("참가권 번호"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "placeholder": "K7M2Q9XD4P"}
        ),
    )


class ResultForm(forms.Form):
    result = forms.ChoiceField(
        choices=[("passed", "합격"), ("second", "2차 면접"), ("failed", "불합격"), ("no_show", "불참")]
    )
    reason = forms.ChoiceField(choices=[("", ""), *Referral.Reason.choices], required=False)

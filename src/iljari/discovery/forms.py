"""The discovery team's phone forms."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iljari.core.forms import RrnRefusingForm
from iljari.discovery.models import Visit
from iljari.discovery.parsing import Draft
from iljari.employers.models import Employer
from iljari.reference.models import Dong, VisaType

DATE = forms.DateInput(attrs={"type": "date"})


class CompanySearchForm(forms.Form):
    q = forms.CharField(label=_("업체명 또는 사업자등록번호"), required=False)
    dong = forms.ModelChoiceField(
        label=_("행정동(내 주변)"), queryset=Dong.objects.all(), required=False, empty_label=_("전체")
    )


class VisitForm(RrnRefusingForm):
    employer = forms.ModelChoiceField(label=_("방문 업체"), queryset=Employer.objects.all(), widget=forms.HiddenInput)
    visited_on = forms.DateField(label=_("방문일"), widget=DATE)
    team = forms.ChoiceField(label=_("발굴팀"), choices=Visit.Team.choices)
    met_person = forms.CharField(label=_("만난 사람"), required=False, max_length=60, help_text=_("예: 김○○ 과장"))
    hiring_plan = forms.ChoiceField(label=_("채용 계획"), choices=Visit.Plan.choices, initial=Visit.Plan.NONE)
    note = forms.CharField(
        label=_("현장 메모"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "예: 사출 2명 주간 8-17 월 230 기숙사O E-9 가능"}),
        help_text=_("들은 그대로 적거나 붙여 넣으십시오. 구인 내용은 아래에 구인표 초안으로 정리됩니다."),
    )
    follow_up_on = forms.DateField(label=_("다음 연락일"), required=False, widget=DATE)
    make_vacancy = forms.BooleanField(label=_("이 메모로 구인표 초안을 만듭니다"), required=False)
    client_key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("make_vacancy") and not (data.get("note") or "").strip():
            self.add_error("note", _("구인표 초안을 만들려면 현장 메모를 적어 주십시오."))
        follow, visited = data.get("follow_up_on"), data.get("visited_on")
        if follow and visited and follow < visited:
            self.add_error("follow_up_on", _("다음 연락일은 방문일 이후여야 합니다."))
        return data


def vacancy_initial(draft: Draft, employer: Employer) -> dict:
    """The 구인표 form filled from a parsed note; what the note did not say stays empty."""
    initial: dict = {"employer": employer.pk}
    if draft.occupation:
        initial["title"] = draft.occupation["title"]
    if draft.openings:
        initial["openings"] = draft.openings
    if draft.wage:
        initial["wage_type"], initial["wage_amount"] = draft.wage["type"], f"{draft.wage['amount']:,}"
    if draft.hours:
        initial["hours_start"], initial["hours_end"] = draft.hours["start"], draft.hours["end"]
    if draft.shift:
        initial["shift"] = draft.shift
    if draft.licences:
        initial["preferred_licences"] = ", ".join(draft.licences)
    if draft.visa_types:
        initial["visa_types"] = list(VisaType.objects.filter(code__in=draft.visa_types).values_list("pk", flat=True))
    if draft.benefits:
        initial["benefits"] = draft.benefits
    if draft.dong:
        initial["dong"] = Dong.objects.filter(name=draft.dong).values_list("pk", flat=True).first()
    return initial

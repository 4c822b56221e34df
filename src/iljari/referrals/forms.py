from django import forms
from django.utils.translation import gettext_lazy as _

from iljari.core.forms import RrnRefusingForm
from iljari.referrals.models import Referral


class InterviewForm(RrnRefusingForm):
    interview_at = forms.DateTimeField(
        label=_("면접 일시"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class OutcomeForm(RrnRefusingForm):
    hired = forms.TypedChoiceField(
        label=_("결과"), choices=[("1", _("채용")), ("0", _("불채용"))], coerce=lambda v: v == "1"
    )
    reason = forms.ChoiceField(
        label=_("불채용 사유"), required=False, choices=[("", _("선택")), *Referral.Reason.choices]
    )
    started_on = forms.DateField(label=_("취업일"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    direct = forms.BooleanField(label=_("면접 없이 채용"), required=False)


class CorrectionForm(RrnRefusingForm):
    to = forms.ChoiceField(
        label=_("바른 결과"),
        choices=[("hired", _("채용")), ("not_hired", _("불채용")), ("cancelled", _("취소")), ("active", _("진행 중"))],
    )
    not_hired_reason = forms.ChoiceField(
        label=_("불채용·취소 사유"), required=False, choices=[("", _("선택")), *Referral.Reason.choices]
    )
    reason = forms.CharField(label=_("정정 사유"), max_length=200)
    started_on = forms.DateField(label=_("취업일"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class DirectPlacementForm(RrnRefusingForm):
    employer_name = forms.CharField(label=_("취업처"), max_length=120)
    started_on = forms.DateField(label=_("취업일"), widget=forms.DateInput(attrs={"type": "date"}))


class FollowUpForm(RrnRefusingForm):
    still_employed = forms.TypedChoiceField(
        label=_("근속 여부"), choices=[("1", _("계속 근무")), ("0", _("그만둠"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("사유"), required=False, max_length=200)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

"""Recording a consent that was given at the desk, on paper or by phone."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iljari.core.forms import RrnRefusingForm
from iljari.privacy.models import Consent


class ConsentForm(RrnRefusingForm):
    purposes = forms.MultipleChoiceField(
        label=_("동의한 목적"),
        choices=Consent.Purpose.choices,
        initial=[Consent.Purpose.EMPLOYMENT_SERVICES],
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = forms.DateField(label=_("동의일"), widget=forms.DateInput(attrs={"type": "date"}))
    method = forms.ChoiceField(
        label=_("동의 방법"), choices=[c for c in Consent.Method.choices if c[0] != Consent.Method.IMPORT]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate

    def clean_given_on(self) -> date:
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError("동의일은 오늘 이후일 수 없습니다.")
        return given_on

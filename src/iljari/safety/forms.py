"""The one-minute incident form, the desk lead's response, and a reassignment of seekers."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iljari.accounts.models import User
from iljari.core.forms import RrnRefusingForm
from iljari.safety.models import Incident, Measure
from iljari.safety.services import IncidentInput


class IncidentForm(RrnRefusingForm):
    kind = forms.ChoiceField(label=_("유형"), choices=Incident.Kind.choices, widget=forms.RadioSelect)
    channel = forms.ChoiceField(label=_("경로"), choices=Incident.Channel.choices, widget=forms.RadioSelect)
    occurred_at = forms.DateTimeField(
        label=_("일시"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    duration_minutes = forms.IntegerField(label=_("시간(분)"), min_value=0, max_value=600, required=False)
    what_happened = forms.CharField(
        label=_("있었던 일"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("들은 말과 행동을 있는 그대로 짧게 적어 주십시오. 주민등록번호는 적지 마십시오."),
    )
    caller = forms.CharField(
        label=_("상대(모르는 사람일 때: 전화번호 끝자리, 인상 등)"), max_length=200, required=False
    )
    witness = forms.CharField(label=_("목격자"), max_length=200, required=False)
    told = forms.CharField(label=_("알린 사람"), max_length=200, required=False)
    measures = forms.MultipleChoiceField(
        label=_("이 기록에 둘 보호 조치"),
        choices=Measure.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hand_to = forms.ModelChoiceField(
        label=_("이 구직자를 다른 상담사에게 넘기기"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("넘기지 않음"),
    )
    field_order = ["kind", "channel", "occurred_at", "duration_minutes", "what_happened", "caller", "witness", "told", "measures", "hand_to"]  # fmt: skip

    def __init__(self, *args: Any, reporter: User, about_record: bool, about_seeker: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        if about_record:
            del self.fields["caller"]
        else:
            del self.fields["measures"]
        if about_seeker:
            self.fields["hand_to"].queryset = User.objects.filter(
                desk_id=reporter.desk_id, role=User.Role.COUNSELOR, is_active=True
            ).exclude(pk=reporter.pk)
        else:
            del self.fields["hand_to"]

    def to_input(self, **record: Any) -> IncidentInput:
        d = self.cleaned_data
        return IncidentInput(
            kind=d["kind"],
            channel=d["channel"],
            occurred_at=d["occurred_at"],
            duration_minutes=d.get("duration_minutes"),
            what_happened=d["what_happened"],
            caller=d.get("caller", ""),
            witness=d.get("witness", ""),
            told=d.get("told", ""),
            measures=list(d.get("measures", [])),
            hand_to=d.get("hand_to"),
            **record,
        )


class ResponseForm(RrnRefusingForm):
    response = forms.CharField(label=_("조치 내용"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    close = forms.BooleanField(label=_("이 건을 종결합니다"), required=False)


class ReassignForm(RrnRefusingForm):
    to = forms.ModelChoiceField(label=_("새 담당 상담사"), queryset=User.objects.none())
    reason = forms.CharField(
        label=_("사유"), max_length=200, help_text=_("예: 업무량 조정, 담당자 휴직, 악성 민원으로 담당 변경")
    )

    def __init__(self, *args: Any, counselors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = counselors

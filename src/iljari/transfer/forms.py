from django import forms
from django.utils.translation import gettext_lazy as _

from iljari.accounts.models import Desk, User
from iljari.core.access import CASEWORK, has_role
from iljari.core.forms import RrnRefusingForm
from iljari.seekers.selectors import visible_desks
from iljari.transfer.guard import LIMITS, MB
from iljari.transfer.services import file_name_problem

KINDS = [("seekers", "구직자"), ("employers", "구인업체"), ("vacancies", "구인표")]


def kinds_for(user: User) -> list[tuple[str, str]]:
    """Seekers are imported only by those who may see seekers."""
    return [k for k in KINDS if k[0] != "seekers" or has_role(user, CASEWORK)]


class UploadForm(RrnRefusingForm):
    kind = forms.ChoiceField(label=_("자료 종류"))
    file = forms.FileField(
        label=_("파일(xlsx 또는 csv)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )
    desk = forms.ModelChoiceField(
        label=_("담당창구(구직자 파일에 열이 없을 때)"),
        queryset=Desk.objects.all(),
        required=False,
        empty_label=_("내 창구"),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds_for(user)
        desks = visible_desks(user)
        if desks is not None:  # a seeker file places people only at the desks the uploader works for
            self.fields["desk"].queryset = Desk.objects.filter(pk__in=desks)
        self.user = user

    def clean_file(self) -> object:
        """What can be told from the name and size; the upload guard then reads the file itself."""
        upload = self.cleaned_data["file"]
        problem = file_name_problem(upload.name)
        if problem:
            raise forms.ValidationError(problem)
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("xlsx 또는 csv 파일만 가져올 수 있습니다.")
        if upload.size > LIMITS.max_bytes:
            raise forms.ValidationError(f"파일이 너무 큽니다({LIMITS.max_bytes // MB}MB까지). 나누어 올려 주십시오.")
        return upload

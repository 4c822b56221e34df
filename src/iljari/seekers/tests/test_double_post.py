"""Registering a person counts once: a double click on 등록 is sent to the record the first click made."""

import re

from django.urls import reverse

from iljari.reference.models import Dong
from iljari.seekers.models import Seeker


def test_a_double_posted_registration_makes_one_record(client, counselor):
    client.force_login(counselor)
    page = client.get(reverse("seekers:new")).content.decode()
    [key] = re.findall(r'name="submission_key" value="([0-9a-f]{32})"', page)
    data = {
        "name": "두번클릭",
        "birth_date": "1979-05-05",
        "phone": "010-5555-1212",
        "home_dong": str(Dong.objects.get(name="와동").pk),
        "work_hours": "any",
        "employment_type": "any",
        "korean_level": "4",
        "preferred_language": "ko",
        "consent": "on",
        "submission_key": key,
    }
    first = client.post(reverse("seekers:new"), data)
    again = client.post(reverse("seekers:new"), data)
    [seeker] = Seeker.objects.filter(registered_on__isnull=False, desk=counselor.desk)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == reverse("seekers:detail", args=[seeker.pk])
    # Another page's post of the same person (no key, or a fresh one) is told who is on file.
    del data["submission_key"]
    refused = client.post(reverse("seekers:new"), data)
    assert refused.status_code == 200 and "이미 등록된 구직자입니다" in refused.content.decode()
    assert Seeker.objects.count() == 1

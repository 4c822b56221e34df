"""Every public string in every language of the portal: no message file with an empty or fuzzy
translation, and no page that shows Korean outside what is marked Korean (names as written)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from iljari.employers.services import EmployerInput, employers_create
from iljari.portal.tests.conftest import sent_code
from iljari.reference.models import Dong, Occupation
from iljari.training.tests.conftest import forklift, senior_jobs  # noqa: F401  (the fixtures)

LOCALE = Path(__file__).resolve().parents[1] / "locale"
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+")


def _entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each message of a .po file (one line per string, as written)."""
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = block.splitlines()
        msgid = next(line[7:-1] for line in lines if line.startswith("msgid "))
        msgstr = next(line[8:-1] for line in lines if line.startswith("msgstr "))
        found.append((msgid, msgstr, any(line.startswith("#,") and "fuzzy" in line for line in lines)))
    return found


def test_every_language_has_every_message_translated():
    catalogs = {
        code: LOCALE / code.replace("zh-hans", "zh_Hans") / "LC_MESSAGES" / "django.po"
        for code, _ in settings.LANGUAGES
    }
    assert all(po.exists() for po in catalogs.values())
    ids = {code: {m for m, _, _ in _entries(po)} for code, po in catalogs.items()}
    untranslated = {code: [m for m, s, fuzzy in _entries(po) if not s or fuzzy] for code, po in catalogs.items()}
    assert {code: len(left) for code, left in untranslated.items()} == {code: 0 for code in catalogs}
    assert len({frozenset(v) for v in ids.values()}) == 1 and len(ids["vi"]) > 200
    for code, po in catalogs.items():
        if code != "ko":
            assert not [s for _, s, _ in _entries(po) if HANGUL.search(re.sub(r"%\(\w+\)[sd]", "", s))], code
        assert po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime - 1, f"{code}: compilemessages"


class _Text(HTMLParser):
    """The page's visible text outside elements marked lang="ko"."""

    VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open element: is it (or an ancestor) Korean
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        korean = (self.stack[-1] if self.stack else False) or dict(attrs).get("lang") == "ko"
        if tag in ("script", "style"):
            korean = True
        if tag not in self.VOID:
            self.stack.append(korean)
        if not korean:
            self.text += [v for k, v in attrs if k in ("placeholder", "aria-label", "title", "alt") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def _korean_left(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return HANGUL.findall(" ".join(parser.text))


@pytest.mark.parametrize("language", ["vi", "uz", "en"])
def test_no_page_shows_untranslated_korean(
    language,
    db,
    matching,
    make_seeker,
    make_vacancy,
    sms_outbox,
    sign_in,
    forklift,  # noqa: F811
    senior_jobs,  # noqa: F811
):
    welding = Occupation.objects.get(title="이산화탄소가스아크용접원")
    vacancy = make_vacancy(
        title="CO2 용접공", occupation=welding, duties="CO2 용접", dong=Dong.objects.get(name="원곡동")
    )
    make_seeker(phone="010-2345-6789", desired_job_text="hàn")
    anonymous, seeker, company = Client(), Client(), Client()
    pages = {
        "home": anonymous.get(f"/{language}/"),
        "search": anonymous.get(f"/{language}/jobs/", {"q": "용접"}),
        "vacancy": anonymous.get(f"/{language}/jobs/{vacancy.pk}/"),
        "signin": anonymous.get(f"/{language}/signin/"),
        "signin-errors": anonymous.post(f"/{language}/signin/", {"phone": "12"}),
        "company-signin": anonymous.get(f"/{language}/company/signin/"),
        "company-join": anonymous.get(f"/{language}/company/join/"),
    }
    anonymous.post(f"/{language}/signin/", {"phone": "010-9999-0000"})
    pages["code"] = anonymous.post(f"/{language}/signin/", {"phone": "010-9999-0000", "step": "code", "otp": "1"})
    anonymous.post(f"/{language}/signin/", {"phone": "010-9999-0000", "step": "code", "otp": sent_code(sms_outbox)})
    pages["welcome"] = anonymous.get(f"/{language}/welcome/")
    pages["welcome-errors"] = anonymous.post(f"/{language}/welcome/", {"name": "An", "birth_date": "2030-01-01"})
    sign_in(seeker, "010-2345-6789", language)
    pages["me"] = seeker.get(f"/{language}/me/")
    pages["profile"] = seeker.get(f"/{language}/me/profile/")
    pages["profile-errors"] = seeker.post(f"/{language}/me/profile/", {"guessed_for": "hàn", "desired_job_text": "hàn"})
    pages["consents"] = seeker.get(f"/{language}/me/consents/")
    pages["notifications"] = seeker.get(f"/{language}/me/notifications/")
    pages["events"] = seeker.get(f"/{language}/me/events/")
    pages["delete"] = seeker.post(f"/{language}/me/delete/", {})
    pages["apply"] = seeker.get(f"/{language}/jobs/{vacancy.pk}/apply/")
    seeker.post(f"/{language}/jobs/{vacancy.pk}/apply/", {"message": ""})
    pages["me-applied"] = seeker.get(f"/{language}/me/")
    pages["programs"] = seeker.get(f"/{language}/me/programs/")
    pages["program-apply"] = seeker.get(f"/{language}/me/programs/{senior_jobs.pk}/")
    pages["program-refused"] = seeker.post(
        f"/{language}/me/programs/{senior_jobs.pk}/", {"consent": "on", "income_percent": "40"}
    )
    seeker.post(f"/{language}/me/programs/{forklift.pk}/", {"consent": "on"})
    pages["me-programs"] = seeker.get(f"/{language}/me/")
    employers_create(
        inputs=[EmployerInput(name="한빛정밀", business_number="2208162517", contact_phone="010-3456-7890")], actor="t"
    )
    company.post(f"/{language}/company/signin/", {"business_number": "2208162517"})
    company.post(
        f"/{language}/company/signin/", {"business_number": "2208162517", "step": "code", "otp": sent_code(sms_outbox)}
    )
    pages["company"] = company.get(f"/{language}/company/")
    pages["company-vacancy"] = company.get(f"/{language}/company/vacancies/new/")
    pages["company-vacancy-errors"] = company.post(
        f"/{language}/company/vacancies/new/", {"title": "여성 우대", "wage_amount": "100"}
    )
    for name, page in pages.items():
        assert page.status_code in (200, 400), name
        body = page.content.decode()
        assert f'<html lang="{language}">' in body, name
        assert _korean_left(body) == [], name

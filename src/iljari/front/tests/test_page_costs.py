"""What every page does is kept small: the session is refreshed, not rewritten, on each page; the
demo banner and the menu still show what they showed."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iljari.core.middleware import REFRESHED_KEY
from iljari.front import context_processors


def _stored(key: str) -> dict:
    return Session.objects.get(pk=key).get_decoded()


def test_an_active_session_is_kept_alive_without_a_write_on_every_page(client, counselor):
    client.force_login(counselor)
    key = client.session.session_key
    client.get("/")  # the first page after logging in stamps the refresh
    stamped = _stored(key)[REFRESHED_KEY]

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]
    assert _stored(key)[REFRESHED_KEY] == stamped

    # A refresh interval later the page saves the session again, which moves its expiry.
    session = client.session
    session[REFRESHED_KEY] = stamped - settings.SESSION_REFRESH_SECONDS
    session.save()
    before = Session.objects.get(pk=key).expire_date
    assert client.get("/").status_code == 200
    assert _stored(key)[REFRESHED_KEY] >= stamped
    assert Session.objects.get(pk=key).expire_date > before


def test_pages_say_when_the_site_holds_demo_data(client, counselor, make_seeker, monkeypatch):
    client.force_login(counselor)
    monkeypatch.setattr(context_processors, "_demo", None)
    assert "시연용 가상 데이터" not in client.get("/").content.decode()

    make_seeker(is_demo=True)
    monkeypatch.setattr(context_processors, "_demo", None)  # the check runs once a minute
    page = client.get("/").content.decode()
    assert "시연용 가상 데이터" in page
    assert 'href="/seekers/"' in page and 'href="/privacy/audit/"' not in page  # a counselor's menu

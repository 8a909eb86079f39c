"""Issue 14's "done means", in Chromium: Bantul's editor asks Sleman a question mentioning
@Pemerintah Kabupaten Sleman; Sleman's coordinator sees the unread badge, opens the
notification and answers; the response time appears in the collaboration-health tab; a
third person (a Sleman editor) on the daily digest receives exactly one digest with the
thread through SMTP (simpul/testing/smtp.py), and its unsubscribe link turns the kind off.
The digest and the outbox run in the test's process (the worker's own jobs, called directly):
the worker itself is tested in simpul/core."""

import re
from email import message_from_bytes, policy

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from config.tests.test_browser_sweep import _window
from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.core import outbox
from simpul.discussions.models import Question
from simpul.notifications import digest
from simpul.notifications.models import Channel, Preference
from simpul.notifications.services import digest_hour_set, preference_set
from simpul.organizations.models import Membership
from simpul.testing.smtp import SmtpSink

pytestmark = pytest.mark.browser

TITLE = "Armada pengangkutan saat libur Lebaran"


def _person(cast, email: str, name: str, organization, role: str):
    from simpul.accounts.models import User

    user = User.objects.create_user(email=email, password=None, full_name=name)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def _as(chromium, base: str, user):
    """One browser context per person, signed in through a session made for them."""
    client = Client()
    client.force_login(user)
    context, page = _window(chromium, base, "en")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": key, "url": base}])
    return context, page


def test_a_question_to_sleman_is_answered_measured_and_digested_once(
    live_server, cast, chromium, settings
):
    base = live_server.url
    sleman, bantul = government_of(cast.sleman), government_of(cast.bantul)
    agreement = make_agreement(cast, state="active", parties=[bantul, sleman])
    asker = _person(cast, "editor@bantulkab.go.id", "Editor Bantul", bantul, "editor")
    reader = _person(cast, "editor@slemankab.go.id", "Editor Sleman", sleman, "editor")
    preference_set(user=reader, kind="mention", channel=Channel.DIGEST)
    digest_hour_set(user=reader, hour=0)

    context, page = _as(chromium, base, asker)
    page.goto(f"{base}/diskusi/kerja-sama/{agreement.pk}/baru/")
    page.fill("#id_title", TITLE)
    page.fill("#id_text", f"@[{sleman.name}] apakah armada tetap jalan pada H+1?")
    page.click("#thread-form button[type=submit]")
    page.wait_for_selector("#thread-title")
    context.close()
    question = Question.objects.get(organization=sleman)

    context, page = _as(chromium, base, cast.yanto)
    page.goto(base + "/")
    assert page.locator("#notification-badge").inner_text().startswith("1")
    page.click("#nav-notifications")
    page.locator(".notification-unread button[name=open]", has_text=TITLE).click()
    page.wait_for_selector("#thread-title")
    page.fill("#id_text", "Tetap jalan: dua rit pada H+1.")
    page.click("#post-form button[type=submit]")
    page.wait_for_selector("#posts")
    question.refresh_from_db()
    assert question.answered_at is not None
    page.goto(f"{base}/kerja-sama/{agreement.pk}/kesehatan/?year={timezone.localdate().year}")
    row = page.locator('tr[data-measure="questions_answered"]')
    assert "median response" in row.inner_text()
    assert page.errors == [], f"JavaScript errors on the pages: {page.errors}"
    context.close()

    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        for _run in range(2):  # the job runs every 15 minutes: the second finds nothing new
            digest.send_due_digests()
            outbox.deliver_due()
        mails = [raw for to, raw in sink.messages if to == reader.email]
    assert len(mails) == 1
    text = message_from_bytes(mails[0], policy=policy.default).get_body(("plain",)).get_content()
    assert TITLE in text
    # The reader reads Indonesian, the site's language: "… dengan satu klik:" ("with one click").
    link = re.search(r"https?://\S+/notifikasi/\S+", text.split("satu klik", 1)[1]).group(0)

    context, page = _as(chromium, base, reader)
    page.goto(base + link[link.index("/notifikasi/") :])
    page.click("#unsubscribe-form button")
    page.wait_for_load_state()
    context.close()
    assert Preference.objects.get(user=reader, kind="mention").channel == Channel.OFF

"""End to end in a real browser, the "done means" of the public side (issue 5).

An anonymous visitor opens the public portal, finds the Kartamantul cooperation from the
national map (a partner line's popup links to it), reads its progress and its budget
planned against realised, comments on its open consultation (confirming the e-mail from the
link in the message), sends a complaint, confirms it and follows it by tracking code and
access key. Fajar, a coordinator at Kota Yogyakarta (the registering party, so the
complaint is routed to him), verifies it and publishes the official answer from the inbox;
the visitor then sees the answer on the tracking page and on the public list of answered
complaints. Beside the browser: the OpenAPI document is valid and the open-data files parse.

The interface is read in English (django_language cookie); selectors are ids, classes and
data. No page may raise a JavaScript error or ask any host other than this site.
"""

import csv
import io
import json
import re
import urllib.request
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from simpul.consultations.models import Comment
from simpul.consultations.services import comment_moderate
from simpul.consultations.tests.factories import make_consultation
from simpul.monitoring.models import Indicator
from simpul.monitoring.services.analysis import indicator_refresh
from simpul.organizations.models import Membership
from simpul.publication.tests.factories import approve_plan
from simpul.reports.tests.factories import make_monitored_agreement
from simpul.testing.cast import PASSWORD, make_member, make_user

pytestmark = pytest.mark.browser

TITLE = "Kartamantul: pengelolaan sampah regional di TPST Piyungan"
COMMENT = "Mohon jadwal pengangkutan sampah di Kotagede diumumkan lewat RT."
SUBJECT = "Truk sampah Kartamantul berceceran di Jalan Wonosari"
ANSWER = "Truk rekanan wajib memakai jaring penutup mulai pekan depan."
LINK = re.compile(r"https?://\S+")


# --- Small steps ------------------------------------------------------------------------------


def _submit(page, button) -> None:
    with page.expect_navigation():
        button.click()


def _english(page, base) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])


def _link_in_last_mail(base: str, to: str, contains: str) -> str:
    """The link of the newest e-mail to `to`, on this live server (SITE_URL differs)."""
    message = [m for m in mail.outbox if to in m.to][-1]
    url = next(u for u in LINK.findall(message.body) if contains in u)
    return base + urlsplit(url).path


def _sign_in(page, base, person) -> None:
    page.context.clear_cookies()
    page.goto(base + reverse("accounts:login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(person.email)
    form.locator("input[name=password]").fill(PASSWORD)
    _submit(page, form.locator("button[type=submit], input[type=submit]").first)
    assert "/akun/masuk" not in page.url, f"{person.email} could not sign in"
    _english(page, base)


def _world(cast):
    """An active Kartamantul agreement of Kota Yogyakarta, Sleman and Bantul with an approved
    plan and budget, an indicator with last year's verified quarterly data, and an open
    consultation on its plan."""
    year = timezone.localdate().year - 1
    agreement = make_monitored_agreement(
        cast,
        indicators=1,
        years=(year,),
        title=TITLE,
        start_date=date(year, 1, 1),
        end_date=date(year + 4, 12, 31),
    )
    indicator_refresh(
        list(Indicator.objects.filter(agreement=agreement).values_list("pk", flat=True))
    )
    approve_plan(agreement)
    consultation = make_consultation(
        agreement, title="Rancangan revisi rencana persampahan Kartamantul"
    )
    fajar = make_user("fajar@jogjakota.go.id", "Fajar Ramadhan")
    make_member(fajar, cast.pemkot_yogyakarta, Membership.Role.COORDINATOR)
    return agreement, consultation, fajar


# --- The visitor ------------------------------------------------------------------------------


def _find_from_the_map(page, base, agreement) -> None:
    page.goto(base + "/publik/")
    lines = page.locator(".leaflet-overlay-pane path.portal-link")
    lines.first.wait_for(state="visible")
    # A partner line, opened from the keyboard, lists the agreements between the two regions.
    lines.first.focus()
    page.keyboard.press("Enter")
    link = page.locator(f".leaflet-popup-content a[href$='/{agreement.reference_code}/']")
    link.wait_for(state="visible")
    _submit(page, link)
    assert page.url == f"{base}/publik/kerja-sama/{agreement.reference_code}/"
    assert page.locator("h1").inner_text() == TITLE


def _read_progress_and_budget(page) -> None:
    indicators = page.locator("table.portal-indicators tbody tr")
    assert indicators.count() == 1
    assert "IK-1" in indicators.first.inner_text()
    bar = indicators.first.locator("progress")
    assert int(bar.get_attribute("value")) > 0, "the indicator's progress is not shown"
    budget = page.locator("table.portal-budget")
    assert budget.locator("tbody tr").count() == 3  # one line per party
    planned, realised = (
        budget.locator("tfoot tr").last.locator("td").nth(i).inner_text() for i in (0, 1)
    )
    assert planned == "Rp\xa0300,000,000" and realised == "Rp\xa0225,000,000", (planned, realised)


def _comment(page, base, consultation) -> Comment:
    _submit(page, page.locator(f"a[href='{consultation.get_public_url()}']"))
    section = page.locator(".consultation-section").first
    section.locator("details.comment-form summary").click()
    form = section.locator("details.comment-form form")
    form.locator("input[name=author_name]").fill("Siti Rahayu")
    form.locator("input[name=email]").fill("siti@example.org")
    form.locator("textarea[name=body]").fill(COMMENT)
    _submit(page, form.locator("button[type=submit]"))
    comment = Comment.objects.get(email="siti@example.org")
    assert comment.status == Comment.Status.UNCONFIRMED
    page.goto(_link_in_last_mail(base, "siti@example.org", "/konsultasi/konfirmasi/"))
    assert page.locator("#confirm-result").get_attribute("data-result") == "confirmed"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    return comment


def _file_complaint(page, base, agreement) -> tuple[str, str]:
    page.goto(f"{base}/publik/kerja-sama/{agreement.reference_code}/")
    participation = page.locator("section[aria-labelledby=participation-heading]")
    _submit(page, participation.locator("a[href^='/pengaduan/?']"))
    start = page.locator("#complaint-start")
    start.locator("input[name=kind][value=complaint]").check()
    start.locator("select[name=category]").select_option(label="Environment and waste")
    # The portal's link fills in the cooperation.
    assert start.locator("input[name=agreement_code]").input_value() == agreement.reference_code
    start.locator("input[name=title]").fill(SUBJECT)
    _submit(page, start.locator("#complaint-next"))
    form = page.locator("#complaint-form")
    form.locator("textarea[name=body]").fill(
        "Setiap pagi truk pengangkut ke Piyungan lewat tanpa jaring penutup; plastik jatuh "
        "di jalan."
    )
    form.locator("input[name=name]").fill("Yohanes Pramono")
    form.locator("input[name=email]").fill("yohanes@example.org")
    _submit(page, form.locator("#complaint-submit"))
    code = page.locator("#tracking-code").inner_text().strip()
    key = page.locator("#access-key").inner_text().strip()
    assert re.fullmatch(r"ADU-\d{4}-\d{6}", code) and key

    page.goto(_link_in_last_mail(base, "yohanes@example.org", "/pengaduan/konfirmasi/"))
    _submit(page, page.locator("main form button[type=submit]"))
    assert code in page.locator("main").inner_text()
    return code, key


def _track(page, base, code: str, key: str) -> str:
    page.goto(base + "/pengaduan/lacak/")
    form = page.locator("main form")
    form.locator("input[name=tracking_code]").fill(code)
    form.locator("input[name=access_key]").fill(key)
    _submit(page, form.locator("button[type=submit]"))
    assert code in page.locator("main").inner_text()
    return page.locator(".complaint-status").get_attribute("data-status")


# --- The coordinator --------------------------------------------------------------------------


def _answer_in_inbox(page, base, code: str) -> None:
    page.goto(base + "/kelola-pengaduan/")
    _submit(page, page.locator("#inbox-table a", has_text=code))
    _submit(page, page.locator("#action-verify"))
    page.locator("#action-form textarea[name=answer]").fill(ANSWER)
    _submit(page, page.locator("#action-answer"))
    assert "Answered" in page.locator("#complaint-facts").inner_text()


# --- Open data beside the browser -------------------------------------------------------------


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the live server
        assert response.status == 200, url
        return response.read()


def _open_data(base: str) -> None:
    validate(json.loads(_get(base + "/api/v1/openapi.json")))
    rows = list(
        csv.DictReader(io.StringIO(_get(base + "/data/agreements.csv").decode("utf-8-sig")))
    )
    assert any(TITLE in row.values() for row in rows), "Kartamantul is not in agreements.csv"
    assert TITLE in json.dumps(json.loads(_get(base + "/data/agreements.json")), ensure_ascii=False)


# --- The test ---------------------------------------------------------------------------------


def test_a_visitor_finds_kartamantul_on_the_map_comments_complains_and_reads_the_answer(
    live_server, cast, browser_page
):
    page, base = browser_page, live_server.url
    agreement, consultation, fajar = _world(cast)
    _english(page, base)

    _find_from_the_map(page, base, agreement)
    _read_progress_and_budget(page)
    comment = _comment(page, base, consultation)
    comment_moderate(comment=comment, user=fajar, approve=True)
    page.goto(base + consultation.get_public_url())
    assert COMMENT in page.locator(f"#comment-{comment.pk}").inner_text()

    code, key = _file_complaint(page, base, agreement)
    assert _track(page, base, code, key) == "received"

    _sign_in(page, base, fajar)
    _answer_in_inbox(page, base, code)

    page.context.clear_cookies()
    _english(page, base)
    assert _track(page, base, code, key) == "answered"
    assert ANSWER in page.locator("#official-answer").inner_text()
    page.goto(base + "/pengaduan/dijawab/")
    _submit(page, page.locator("main a", has_text=SUBJECT))
    assert ANSWER in page.locator("#official-answer").inner_text()

    _open_data(base)
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"
    strangers = [url for url in page.requests if not url.startswith(base)]
    assert strangers == [], f"requests to other hosts: {strangers}"

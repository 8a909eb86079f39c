"""End to end in a real browser, the "done means" of issue 12 (meetings).

Lina, who runs Sekber Kartamantul's secretariat, schedules a coordination meeting of the
Kartamantul forum with three agenda items and invites the three member governments and an
expert from a university, who has no account; the expert accepts through the link in her
e-mail. On the day, Lina records the attendance and writes the minutes with a decision and
two action items, and circulates them; the delegate of each party (Sari for Kota
Yogyakarta, Yanto for Sleman, Bantul's named delegate) approves. The final berita acara PDF
downloads, one action item is on its owner's dashboard ("Tindak lanjut saya"), and Sari's
personal calendar feed parses and holds the meeting with a link back to its page.

The forms that are the point (scheduling, agenda, invitations, the guest's answer,
attendance, minutes, decision, action items, sign-off) are filled in the browser; the rest
is reached with page.goto. People sign in with the sessions built with the cast (Bantul's
delegate, not in the cast, gets one the same way), so no sign-in form is filled. The live
server's clock is not moved (the sessions would expire): "the day comes" moves the meeting
to have started two hours ago, as the minutes tests' `held_meeting` does.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from simpul.agreements.tests.factories import government_of
from simpul.core.zones import WIB, today_in
from simpul.meetings.minutes_pdf import berita_acara_context, berita_acara_html
from simpul.meetings.models import ForumMember, Invitation, Meeting, MinutesVersion
from simpul.meetings.tests.factories import make_forum
from simpul.meetings.tests.minutes_factories import bantul_delegate
from simpul.testing.browser import DESKTOP, open_page
from simpul.testing.cast import session_cast

pytestmark = pytest.mark.browser

TITLE = "Rapat koordinasi Sekber Kartamantul: tarif TPST Piyungan"
AGENDA = [
    ("Tarif tipping fee TPST Piyungan", "Kepala DLH Kota Yogyakarta", "45"),
    ("Jadwal angkutan sampah antarwilayah", "Kabid Persampahan Sleman", "30"),
    ("Lain-lain", "", ""),
]
EXPERT = ("Dr. Ratih Kusumastuti", "ratih@ugm.example.ac.id", "Universitas Gadjah Mada")
DECISION = "Tarif tipping fee naik lima persen mulai 1 Maret"
ACTIONS = [
    "Menyusun rancangan perjanjian tarif baru",
    "Menyesuaikan jadwal truk Sleman ke TPST",
]
LINK = re.compile(r"https?://\S+")


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _as(page, base: str, session_key: str) -> None:
    """Act as the person whose session this is (no sign-in form: the cast's sessions)."""
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": base}]
    )


def _session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _schedule(page, base: str, day) -> Meeting:
    page.goto(base + reverse("meetings:meeting-create") + "?forum=kartamantul")
    page.select_option("#id_kind", "coordination")
    page.fill("#id_title", TITLE)
    page.fill("#id_starts_at", f"{day:%Y-%m-%d}T09:00")
    page.fill("#id_ends_at", f"{day:%Y-%m-%d}T12:00")
    page.fill("#id_venue", "Ruang rapat Sekber Kartamantul, Jalan Kenari 56")
    _submit(page, "#meeting-save")
    meeting = Meeting.objects.get(title=TITLE)
    assert page.url == base + meeting.get_absolute_url()
    assert "WIB" in page.locator("#meeting-when").inner_text()
    return meeting


def _add_agenda(page, base: str, meeting: Meeting) -> None:
    for title, presenter, minutes in AGENDA:
        page.goto(base + reverse("meetings:agenda-add", kwargs={"pk": meeting.pk}))
        page.fill("#id_title", title)
        page.fill("#id_presenter", presenter)
        page.fill("#id_minutes_allotted", minutes)
        _submit(page, "#agenda-save")
    shown = page.locator("ol.agenda > li strong").all_inner_texts()
    assert shown == [title for title, *_ in AGENDA]


def _invite(page, base: str, meeting: Meeting, parties) -> None:
    page.goto(base + reverse("meetings:meeting-invite", kwargs={"pk": meeting.pk}))
    for party in parties:
        page.check(f"input[name=organizations][value='{party.pk}']")
    name, email, affiliation = EXPERT
    page.fill("#id_guest_name", name)
    page.fill("#id_guest_email", email)
    page.fill("#id_guest_affiliation", affiliation)
    page.fill("#id_guest_expertise", "Pengelolaan sampah perkotaan")
    _submit(page, "#invite-send")
    assert page.locator("#invitation-table tbody tr").count() == len(parties) + 1


def _expert_accepts(page, base: str) -> None:
    message = [m for m in mail.outbox if EXPERT[1] in m.to][-1]
    assert [name for name, *_ in message.attachments] == ["undangan.ics"]
    link = next(u for u in LINK.findall(str(message.body)) if "/rapat/undangan/" in u)
    page.context.clear_cookies()  # the expert has no account
    page.goto(base + urlsplit(link).path)
    page.check("input[name=answer][value=accepted]")
    _submit(page, "#guest-send")
    with translation.override("id"):
        accepted = str(Invitation.Rsvp.ACCEPTED.label)
    assert page.locator("#guest-answer").inner_text() == accepted


def _record_attendance(page, base: str, meeting: Meeting, names: dict[int, str]) -> None:
    page.goto(base + meeting.get_absolute_url())
    # The organiser sees the expert's answer beside the invitations.
    answers = page.locator("#invitation-table .status-pill[data-status=accepted]")
    assert answers.count() == 1
    _submit(page, "#meeting-hold")
    page.goto(base + reverse("meetings:attendance", kwargs={"pk": meeting.pk}))
    for row in range(len(names) + 1):  # the parties and the expert, one row each
        organization = page.input_value(f"#id_rows-{row}-organization")
        if organization:
            page.fill(f"#id_rows-{row}-name", names[int(organization)])
        page.select_option(f"#id_rows-{row}-status", "present")
    _submit(page, "#attendance-save")
    assert page.locator("#attendance-table tbody tr").count() == len(names) + 1
    # Every member was represented: the quorum shows as reached (the "held" tone).
    assert page.locator("#quorum .status-pill").get_attribute("data-status") == "held"


def _write_minutes(page, base: str, meeting: Meeting, owners) -> None:
    page.goto(base + reverse("meetings:minutes", kwargs={"pk": meeting.pk}))
    _submit(page, "#minutes-start")
    first, second, _ = meeting.agenda_items.order_by("position")
    page.fill("#id_summary", "Rapat dibuka oleh Sekretaris Sekber Kartamantul pukul 09.00 WIB.")
    page.fill(f"#id_item_{first.pk}", "Para pihak membahas kenaikan tarif tipping fee.")
    page.fill(f"#id_item_{second.pk}", "Jadwal angkutan disesuaikan dengan jam buka TPST.")
    _submit(page, "#minutes-form-save")

    page.goto(
        base + reverse("meetings:decision-add", kwargs={"pk": meeting.pk, "item_pk": first.pk})
    )
    page.fill("#id_text", DECISION)
    page.check("input[name=method][value=consensus]")
    _submit(page, "#decision-form-save")
    due = today_in(WIB) + timedelta(days=30)
    for title, item, (organization, person) in zip(ACTIONS, (first, second), owners, strict=True):
        page.goto(
            base + reverse("meetings:action-add", kwargs={"pk": meeting.pk, "item_pk": item.pk})
        )
        page.fill("#id_title", title)
        page.select_option("#id_owner_organization", str(organization.pk))
        page.select_option("#id_owner", str(person.pk))
        page.fill("#id_due_date", f"{due:%Y-%m-%d}")
        _submit(page, "#action-form-save")
    assert page.locator(".decisions li").first.inner_text().startswith(DECISION)
    assert page.locator(".minutes-item tbody tr").count() == 2
    _submit(page, "#minutes-circulate")


def _approve(page, base: str, meeting: Meeting, party) -> None:
    page.goto(base + reverse("meetings:minutes", kwargs={"pk": meeting.pk}))
    page.select_option("#id_organization", str(party.pk))
    page.check("input[name=answer][value=approved]")
    _submit(page, "#signoff-submit")


def test_a_secretariat_schedules_a_forum_meeting_and_every_party_signs_its_minutes(
    live_server, cast, chromium
):
    base, keys = live_server.url, session_cast.session_keys
    sleman, bantul = government_of(cast.sleman), government_of(cast.bantul)
    parties = [cast.pemkot_yogyakarta, sleman, bantul]
    forum = make_forum(cast)
    # Bantul's seat names a delegate; Kota Yogyakarta and Sleman sign through their staff.
    delegate = bantul_delegate(cast)
    ForumMember.objects.filter(forum=forum, organization=bantul).update(delegate=delegate)
    context = chromium.new_context(viewport=DESKTOP, locale="id-ID")
    page = open_page(context)

    _as(page, base, keys[cast.lina.pk])
    meeting = _schedule(page, base, today_in(WIB) + timedelta(days=7))
    _add_agenda(page, base, meeting)
    _invite(page, base, meeting, parties)
    invited = {address for message in mail.outbox for address in message.to}
    assert {cast.sari.email, cast.yanto.email, delegate.email, EXPERT[1]} <= invited
    _expert_accepts(page, base)

    # The day comes (see the module's docstring).
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=1)
    )
    _as(page, base, keys[cast.lina.pk])
    names = {cast.pemkot_yogyakarta.pk: "Sari Wulandari", sleman.pk: "Yanto Susilo",
             bantul.pk: "Wakil Bantul"}  # fmt: skip
    _record_attendance(page, base, meeting, names)
    _write_minutes(page, base, meeting, [(cast.pemkot_yogyakarta, cast.wati), (sleman, cast.yanto)])

    for party, session_key in (
        (cast.pemkot_yogyakarta, keys[cast.sari.pk]),
        (sleman, keys[cast.yanto.pk]),
        (bantul, _session_of(delegate)),
    ):
        _as(page, base, session_key)
        _approve(page, base, meeting, party)
    version = MinutesVersion.objects.get(minutes__meeting=meeting)
    assert version.status == MinutesVersion.Status.FINAL
    assert page.locator("#minutes-sha256 code").inner_text() == version.sha256

    # The berita acara: a PDF, drawn from the HTML that holds the decision.
    with page.expect_download() as download:
        page.click("#minutes-pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert DECISION in berita_acara_html(berita_acara_context(meeting, version))

    # Wati owns the first action: it is on her dashboard.
    _as(page, base, keys[cast.wati.pk])
    page.goto(base + "/")
    panel = page.locator("#my-actions")
    assert panel.locator("h2").inner_text() == "Tindak lanjut saya"
    assert ACTIONS[0] in panel.inner_text() and ACTIONS[1] not in panel.inner_text()

    # Sari's personal feed: a calendar program reads it without a session.
    _as(page, base, keys[cast.sari.pk])
    page.goto(base + reverse("meetings:feed-settings"))
    _submit(page, "#feed-start")
    feed_url = page.input_value("#feed-url")
    page.context.clear_cookies()
    response = page.context.request.get(base + urlsplit(feed_url).path)
    assert response.status == 200
    events = [
        event
        for event in icalendar.Calendar.from_ical(response.body()).walk("VEVENT")
        if str(event["SUMMARY"]) == TITLE
    ]
    assert len(events) == 1
    assert urlsplit(str(events[0]["URL"])).path == meeting.get_absolute_url()

    assert page.errors == [], f"JavaScript errors on the pages: {page.errors}"
    context.close()

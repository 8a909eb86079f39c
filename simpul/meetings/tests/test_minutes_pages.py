"""The minutes pages: the editor (two people merge), sign-off refusals, action completion,
the berita acara PDF, "My actions" on the dashboard and the agreement's meetings tab, with a
fixed number of queries for the minutes page and the dashboard panel."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.meetings.minutes_pdf import berita_acara_context, berita_acara_html
from simpul.meetings.models import ActionItem, AgendaItem, MinutesVersion
from simpul.meetings.services import minutes as services
from simpul.meetings.tests.factories import make_meeting
from simpul.meetings.tests.minutes_factories import circulated, final, held_meeting
from simpul.testing.merge import choices_asked, opened

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def version_signoffs(meeting_pk: int) -> list:
    return list(MinutesVersion.objects.get(minutes__meeting_id=meeting_pk).signoffs.all())


def minutes_url(meeting_pk: int, name: str = "minutes") -> str:
    return reverse(f"meetings:{name}", kwargs={"pk": meeting_pk})


def test_two_editors_of_different_agenda_items_both_keep_their_text(cast):
    meeting = held_meeting(cast)
    services.minutes_start(meeting=meeting, user=cast.lina)
    first, second = meeting.agenda_items.all()
    url = minutes_url(meeting.pk, "minutes-edit")
    lina, rina = signed_in(cast.lina), signed_in(cast.rina)
    base_lina, base_rina = opened(lina, url), opened(rina, url)
    assert (
        lina.post(url, {"base": base_lina, f"item_{first.pk}": "Tarif disepakati."}).status_code
        == 302
    )
    response = rina.post(url, {"base": base_rina, f"item_{second.pk}": "Jadwal tetap."})
    assert response.status_code == 302
    version = MinutesVersion.objects.get()
    assert version.item_texts == {
        str(first.pk): "Tarif disepakati.",
        str(second.pk): "Jadwal tetap.",
    }


def test_two_editors_of_the_same_agenda_item_are_asked_which_text_to_keep(cast):
    meeting = held_meeting(cast)
    services.minutes_start(meeting=meeting, user=cast.lina)
    first = meeting.agenda_items.first()
    url = minutes_url(meeting.pk, "minutes-edit")
    lina, rina = signed_in(cast.lina), signed_in(cast.rina)
    base_lina, base_rina = opened(lina, url), opened(rina, url)
    lina.post(url, {"base": base_lina, f"item_{first.pk}": "Versi Lina."})
    response = rina.post(url, {"base": base_rina, f"item_{first.pk}": "Versi Rina."})
    assert response.status_code == 409
    assert choices_asked(response) == {f"item_{first.pk}"}
    assert MinutesVersion.objects.get().item_texts == {str(first.pk): "Versi Lina."}


def test_a_reader_who_is_not_the_party_delegate_reads_why_the_sign_off_was_refused(cast):
    meeting_pk = circulated(cast).minutes.meeting_id
    response = signed_in(cast.wati).post(
        minutes_url(meeting_pk, "minutes-sign"),
        {"organization": cast.pemkot_yogyakarta.pk, "answer": "approved"},
    )
    assert response.status_code == 400
    [refusal] = response.context["sign_form"].non_field_errors().as_data()
    assert cast.pemkot_yogyakarta.name in str(refusal.message)
    assert str(refusal.message) in response.content.decode()
    assert not version_signoffs(meeting_pk)


def test_the_delegate_approves_from_the_minutes_page(cast):
    version = circulated(cast)
    client = signed_in(cast.sari)
    page = client.get(minutes_url(version.minutes.meeting_id)).content.decode()
    assert 'id="signoff-form"' in page
    response = client.post(
        minutes_url(version.minutes.meeting_id, "minutes-sign"),
        {"organization": cast.pemkot_yogyakarta.pk, "answer": "approved"},
    )
    assert response.status_code == 302
    assert version.signoffs.get().signed_by == cast.sari


def test_the_action_owner_marks_it_done_with_a_note(cast):
    meeting_pk = circulated(cast).minutes.meeting_id
    action = ActionItem.objects.get()
    url = reverse("meetings:action-complete", kwargs={"pk": meeting_pk, "action_pk": action.pk})
    client = signed_in(cast.wati)
    assert client.post(url, {"version": action.version}).status_code == 400
    response = client.post(url, {"version": action.version, "note": "Rancangan dikirim ke Biro."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_by) == (ActionItem.Status.DONE, cast.wati)


def test_the_berita_acara_is_a_pdf_with_decisions_sign_offs_and_the_sha256(cast):
    version = final(cast)
    meeting = version.minutes.meeting
    response = signed_in(cast.vina).get(minutes_url(meeting.pk, "minutes-pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    html = berita_acara_html(berita_acara_context(meeting, version))
    assert "Tarif tipping fee naik 5 persen" in html
    assert version.sha256 in html
    assert "Sari" in html and cast.pemkot_yogyakarta.name in html  # who signed, for whom
    assert "WIB" in html


def test_the_minutes_page_takes_the_same_number_of_queries_however_many_items(cast):
    version = final(cast)
    meeting = version.minutes.meeting
    client = signed_in(cast.sari)
    url = minutes_url(meeting.pk)
    one = queries(client, url)
    for number in range(3):
        item = AgendaItem.objects.create(meeting=meeting, title=f"Lain-lain {number}")
        ActionItem.objects.create(
            agenda_item=item, title=f"Tugas {number}", owner_organization=cast.pemkot_yogyakarta,
            owner=cast.wati, due_date=timezone.localdate(),
        )  # fmt: skip
    assert queries(client, url) == one


def test_my_actions_shows_the_owner_open_actions_with_constant_queries(cast):
    circulated(cast)
    client = signed_in(cast.wati)
    home = client.get("/").content.decode()
    assert "Menyusun rancangan perjanjian tarif" in home
    one = queries(client, "/")
    meeting = held_meeting(cast, title="Rapat kedua")
    for number in range(3):
        ActionItem.objects.create(
            agenda_item=meeting.agenda_items.first(), title=f"Tugas {number}",
            owner_organization=cast.pemkot_yogyakarta, owner=cast.wati,
            due_date=timezone.localdate() - timedelta(days=1),
        )  # fmt: skip
    assert queries(client, "/") == one
    assert "Menyusun rancangan" not in signed_in(cast.sari).get("/").content.decode()


def test_the_agreement_meetings_tab_lists_decisions_and_actions(cast):
    agreement = make_agreement(cast, state="active")
    meeting = make_meeting(cast, agreement=agreement, starts_at=timezone.now() - timedelta(hours=3))
    item = AgendaItem.objects.create(meeting=meeting, title="Evaluasi SPAM")
    item.meeting = meeting
    services.minutes_start(meeting=meeting, user=cast.sari)
    services.decision_add(item=item, user=cast.sari, text="Debit air dinaikkan bertahap")
    services.action_add(
        item=item, user=cast.sari, title="Survei pelanggan",
        owner_organization=government_of(cast.sleman), due_date=timezone.localdate(),
    )  # fmt: skip
    page = signed_in(cast.yanto).get(
        reverse("meetings:agreement-meetings", kwargs={"agreement_pk": agreement.pk})
    )
    assert "Debit air dinaikkan bertahap" in page.content.decode()
    assert "Survei pelanggan" in page.content.decode()


def test_the_change_asked_for_in_an_earlier_round_stays_on_the_minutes_page(cast):
    version = circulated(cast)
    services.minutes_sign(
        version=version, user=cast.yanto, organization=government_of(cast.sleman),
        answer="change_requested", comment="Tambahkan jadwal sosialisasi.",
    )  # fmt: skip
    services.minutes_circulate(version=version, user=cast.lina)
    page = signed_in(cast.vina).get(minutes_url(version.minutes.meeting_id)).content.decode()
    earlier = page[page.index('id="earlier-rounds"') :]
    assert "Tambahkan jadwal sosialisasi." in earlier


def test_an_open_action_past_its_due_date_reads_as_overdue(cast):
    meeting_pk = circulated(cast).minutes.meeting_id
    action = ActionItem.objects.get()
    url = minutes_url(meeting_pk)
    row = f'id="action-{action.pk}"'
    page = signed_in(cast.vina).get(url).content.decode()
    assert 'data-status="overdue"' not in page[page.index(row) :].split("</tr>")[0]
    ActionItem.objects.filter(pk=action.pk).update(
        due_date=timezone.localdate() - timedelta(days=2)
    )
    page = signed_in(cast.vina).get(url).content.decode()
    assert 'data-status="overdue"' in page[page.index(row) :].split("</tr>")[0]

"""The daftar hadir: a list to sign before the meeting (one line per invited person or guest
and per invited organisation's delegate, with an empty signature column) and, once recorded,
who came, who was represented and who was absent, per party and against the quorum."""

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from simpul.agreements.tests.factories import government_of
from simpul.meetings import services
from simpul.meetings.attendance_pdf import attendance_list_context, attendance_list_html
from simpul.meetings.models import ForumMember, Invitation
from simpul.meetings.tests.factories import make_forum, make_meeting
from simpul.meetings.tests.minutes_factories import bantul_delegate

EXPERT = services.Guest(
    "Dr. Ani Lestari", "ani@ugm.ac.id", "Universitas Gadjah Mada", "Pengelolaan sampah"
)


def invited_meeting(cast, **fields):
    forum = make_forum(cast)
    ForumMember.objects.filter(forum=forum, organization=government_of(cast.bantul)).update(
        delegate=bantul_delegate(cast)
    )
    meeting = make_meeting(cast, forum=forum, venue="Ruang Kenari", **fields)
    services.invitations_add(
        meeting=meeting,
        user=cast.lina,
        organizations=[cast.pemkot_yogyakarta, government_of(cast.bantul)],
        guests=[EXPERT],
    )
    Invitation.objects.filter(meeting=meeting, organization=cast.pemkot_yogyakarta).update(
        rsvp="delegated", delegate_name="Dimas Saputra"
    )
    return meeting


def test_the_list_to_sign_has_a_line_per_guest_and_per_invited_organisations_delegate(cast):
    meeting = invited_meeting(cast)
    html = attendance_list_html(attendance_list_context(meeting))

    assert "Ruang Kenari" in html and "WIB" in html
    assert "<td>Dimas Saputra</td><td>Pemerintah Kota Yogyakarta</td>" in html
    assert "<td>Wakil Bantul</td><td>Pemerintah Kabupaten Bantul</td>" in html
    expert = "<td>Dr. Ani Lestari</td><td>Universitas Gadjah Mada</td><td>Pengelolaan sampah</td>"
    assert expert in html
    assert html.count('<td class="signature"></td>') == 3 + 3  # three invitees, three blank
    assert 'id="recorded"' not in html


def test_after_the_meeting_the_list_shows_the_recorded_attendance_parties_and_quorum(cast):
    meeting = invited_meeting(cast, starts_at=timezone.now() - timedelta(hours=3))
    expert = meeting.invitations.get(kind="external")
    services.attendance_save(
        meeting=meeting,
        user=cast.lina,
        entries=[
            services.AttendanceEntry(
                "Dimas Saputra", "represented", cast.pemkot_yogyakarta, represented_by="Rudi"
            ),
            services.AttendanceEntry(
                "Wakil Bantul", "absent", government_of(cast.bantul), absence_reason="Sakit"
            ),
            services.AttendanceEntry("Dr. Ani Lestari", "present", invitation=expert),
        ],
    )
    with override("en"):
        html = attendance_list_html(attendance_list_context(meeting))

    assert '<html lang="en">' in html
    assert "Represented: Rudi" in html and "Absent: Sakit" in html
    assert "Pengelolaan sampah — Universitas Gadjah Mada" in html
    assert "<td>Pemerintah Kota Yogyakarta</td><td>Yes</td>" in html
    assert "<td>Pemerintah Kabupaten Bantul</td><td>No</td>" in html
    assert "More than half of the member organisations represented: not reached" in html


def test_the_organiser_downloads_the_attendance_list_as_a_pdf(cast):
    meeting = invited_meeting(cast)
    client = Client()
    client.force_login(cast.lina)

    response = client.get(reverse("meetings:attendance-pdf", kwargs={"pk": meeting.pk}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"daftar-hadir-{meeting.pk}.pdf" in response["Content-Disposition"]


def test_the_meeting_page_shows_an_invited_experts_field_and_organisation(cast):
    meeting = invited_meeting(cast)
    client = Client()
    client.force_login(cast.sari)

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Pengelolaan sampah — Universitas Gadjah Mada" in page
    assert 'id="attendance-pdf"' not in page  # the list is for those who record attendance

"""The public side: the list, a consultation's page, commenting with an e-mail confirmation,
and the abuse cases (escaped HTML, long input, closed consultations, floods, honeypot, wrong
or expired links)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.consultations.models import Answer, Comment
from simpul.consultations.selectors import public_consultations
from simpul.core import outbox

from .factories import make_comment, make_consultation

pytestmark = pytest.mark.django_db

LIST = reverse("consultations_public:list")


def _comment_url(consultation):
    return reverse("consultations_public:comment", kwargs={"pk": consultation.pk})


def _data(section, **overrides):
    return {
        "section": section.pk,
        "author_name": "Ani",
        "email": "ani@example.org",
        "body": "Mohon tambahkan jadwal pengangkutan malam.",
        "website": "",
        **overrides,
    }


@pytest.fixture
def open_consultation(cast):
    return make_consultation(make_agreement(cast, state="active"))


def test_only_published_consultations_of_public_agreements_are_public(client, cast):
    public = make_agreement(cast, state="active", title="Kerja sama publik")
    internal = make_agreement(cast, state="draft", title="Kerja sama internal")
    shown = make_consultation(public, title="Konsultasi terbuka")
    concluded = make_consultation(public, status="concluded", title="Konsultasi selesai")
    draft = make_consultation(public, status="draft", title="Konsultasi draf")
    hidden = make_consultation(internal, title="Konsultasi internal")

    assert set(public_consultations()) == {shown, concluded}
    assert set(public_consultations(agreement=internal)) == set()
    page = client.get(LIST).content.decode()
    assert "Konsultasi terbuka" in page and "Konsultasi selesai" in page
    assert "Konsultasi draf" not in page and "Konsultasi internal" not in page
    assert client.get(shown.get_public_url()).status_code == 200
    assert client.get(draft.get_public_url()).status_code == 404
    assert client.get(hidden.get_public_url()).status_code == 404
    assert client.post(_comment_url(hidden), _data(hidden.sections.first())).status_code == 404


def test_a_comment_appears_only_after_confirmation_and_moderation(
    client, cast, open_consultation, django_capture_on_commit_callbacks
):
    section = open_consultation.sections.first()
    client.cookies["django_language"] = "en"
    response = client.post(_comment_url(open_consultation), _data(section), follow=True)
    assert "Check your e-mail" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.UNCONFIRMED
    assert "Mohon tambahkan jadwal" not in response.content.decode()

    outbox.deliver_due()
    (message,) = mail.outbox
    assert message.to == ["ani@example.org"]
    assert message.subject == "Confirm your comment on Simpul"  # the page's language
    link = re.search(r"/konsultasi/konfirmasi/[^/\s]+/", message.body).group(0)
    assert link.split("/")[-2] not in comment.confirm_token_hash  # only a hash is stored

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.get(link)
    outbox.deliver_due()
    assert confirmed.status_code == 200
    assert "waiting for moderation" in confirmed.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    # The moderators (editors of the parties) are told at once; dewi, a data officer, is not.
    recipients = {m.to[0] for m in mail.outbox}
    assert cast.sari.email in recipients
    assert cast.dewi.email not in recipients
    assert (
        "Mohon tambahkan jadwal"
        not in client.get(open_consultation.get_public_url()).content.decode()
    )
    assert client.get(link).status_code == 200  # a second click: already confirmed

    comment.status = Comment.Status.APPROVED
    comment.save()
    assert (
        "Mohon tambahkan jadwal" in client.get(open_consultation.get_public_url()).content.decode()
    )


def test_html_in_names_comments_and_answers_is_shown_escaped(client, cast, open_consultation):
    section = open_consultation.sections.first()
    comment = make_comment(
        section,
        status=Comment.Status.APPROVED,
        author_name="<b>Budi</b>",
        body="<script>alert(1)</script>",
    )
    Answer.objects.create(
        comment=comment,
        party=open_consultation.agreement.parties.first(),
        body="<img src=x onerror=alert(2)>",
    )
    page = client.get(open_consultation.get_public_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Budi&lt;/b&gt;" in page
    assert "<img src=x" not in page


def test_long_or_empty_input_is_refused_with_clear_messages(client, open_consultation):
    section = open_consultation.sections.first()
    client.cookies["django_language"] = "en"
    response = client.post(
        _comment_url(open_consultation),
        _data(section, body="x" * 5001, author_name="", email="not-an-address"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "at most 5000 characters" in page
    assert "This field is required." in page
    assert "Enter a valid email address." in page
    assert f'aria-describedby="id_s{section.pk}_body_error' in page
    tampered = client.post(_comment_url(open_consultation), {**_data(section), "section": "x"})
    assert tampered.status_code == 400
    assert 'id="page-errors"' in tampered.content.decode()
    assert not Comment.objects.exists()


def test_a_closed_consultation_shows_no_form_and_refuses_comments(client, cast):
    consultation = make_consultation(make_agreement(cast, state="active"), status="closed")
    client.cookies["django_language"] = "en"
    page = client.get(consultation.get_public_url()).content.decode()
    assert "Send the comment" not in page
    response = client.post(_comment_url(consultation), _data(consultation.sections.first()))
    assert response.status_code == 400
    assert "comments are no longer accepted" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_sixth_comment_from_one_address_within_an_hour_is_refused(client, open_consultation):
    section = open_consultation.sections.first()
    client.cookies["django_language"] = "en"
    for i in range(5):
        response = client.post(_comment_url(open_consultation), _data(section, body=f"Ke-{i}"))
        assert response.status_code == 302
    response = client.post(_comment_url(open_consultation), _data(section, body="Ke-6"))
    assert response.status_code == 429
    assert "Too many comments" in response.content.decode()
    assert Comment.objects.count() == 5
    outbox.deliver_due()
    assert len(mail.outbox) == 5


def test_a_filled_honeypot_is_refused(client, open_consultation):
    section = open_consultation.sections.first()
    response = client.post(
        _comment_url(open_consultation), _data(section, website="http://spam.example")
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()
    outbox.deliver_due()
    assert mail.outbox == []


def test_a_wrong_or_expired_confirmation_link_gives_a_friendly_page(client, open_consultation):
    client.cookies["django_language"] = "en"
    wrong = client.get(reverse("consultations_public:confirm", kwargs={"token": "tebakan"}))
    assert wrong.status_code == 404
    assert "This confirmation link is not valid" in wrong.content.decode()

    with time_machine.travel(timezone.now() - timedelta(days=8)):
        comment = make_comment(
            open_consultation.sections.first(), status=Comment.Status.UNCONFIRMED, token="lama"
        )
    expired = client.get(reverse("consultations_public:confirm", kwargs={"token": "lama"}))
    assert expired.status_code == 404
    assert "has expired" in expired.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED


def test_the_public_page_runs_the_same_queries_for_few_or_many_comments(
    client, cast, open_consultation
):
    url = open_consultation.get_public_url()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    section = open_consultation.sections.first()
    party = open_consultation.agreement.parties.first()
    comment = make_comment(section, status=Comment.Status.APPROVED)
    Answer.objects.create(comment=comment, party=party, body="Jawaban")
    few = count()
    for i in range(6):
        comment = make_comment(section, status=Comment.Status.APPROVED, body=f"Komentar {i}")
        Answer.objects.create(comment=comment, party=party, body=f"Jawaban {i}")
        make_comment(open_consultation.sections.last(), status=Comment.Status.HIDDEN)
    assert count() == few


def test_the_comment_window_is_shown_with_its_time_zone(client, cast):
    from datetime import UTC, datetime

    consultation = make_consultation(
        make_agreement(cast, state="active"),
        opens_at=datetime(2026, 12, 1, 1, 0, tzinfo=UTC),
        closes_at=datetime(2026, 12, 31, 16, 59, tzinfo=UTC),
    )
    with time_machine.travel(datetime(2026, 12, 10, tzinfo=UTC), tick=False):
        page = client.get(consultation.get_public_url(), HTTP_ACCEPT_LANGUAGE="id")
        listing = client.get(LIST, HTTP_ACCEPT_LANGUAGE="id").content.decode()

    # Visitors read times in WIB, and the page says so.
    assert "1 Des 2026 08.00\xa0WIB" in page.content.decode()
    assert "31 Des 2026 23.59\xa0WIB" in page.content.decode()
    assert "31 Des 2026 23.59\xa0WIB" in listing

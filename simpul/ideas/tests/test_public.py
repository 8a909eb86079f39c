"""Citizens' ideas on the portal: sent without an account, confirmed by e-mail through the
outbox, moderated by the region's government, and only then on the portal's cached list; the
abuse cases (empty, too long, HTML, a reused or wrong link, floods, bots) get clear messages,
never a 500."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from simpul.core import outbox
from simpul.ideas import services
from simpul.ideas.models import Idea, IdeaEvent

from .factories import make_citizen_idea

pytestmark = pytest.mark.django_db

LIST = reverse("ideas_public:list")
SUBMIT = reverse("ideas_public:submit")


def _data(cast, **overrides) -> dict:
    return {
        "region": cast.yogyakarta.code,
        "title": "Taman baca di terminal",
        "problem": "Penumpang menunggu lama tanpa kegiatan.",
        "proposal": "Taman baca bersama perpustakaan daerah.",
        "author_name": "Ani",
        "email": "ani@example.org",
        "website": "",
        **overrides,
    }


def _confirm_link(message) -> str:
    found = re.search(r"https?://\S+/publik/ide/konfirmasi/\S+/", message.body)
    assert found, "the e-mail carries the confirmation link"
    return found.group(0)


def test_a_citizen_idea_reaches_the_portal_after_confirmation_and_moderation(
    client, cast, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "en"
    response = client.post(SUBMIT, _data(cast), follow=True)
    assert "Check your e-mail" in response.content.decode()
    idea = Idea.objects.get()
    assert (idea.owner, idea.moderation) == (cast.pemkot_yogyakarta, "unconfirmed")
    assert "Taman baca" not in client.get(LIST).content.decode()

    outbox.deliver_due()
    (confirmation,) = mail.outbox
    assert confirmation.to == ["ani@example.org"]
    assert client.get(urlparse(_confirm_link(confirmation)).path).status_code == 200
    idea.refresh_from_db()
    assert idea.moderation == "pending"

    outbox.deliver_due()
    told = {address for message in mail.outbox[1:] for address in message.to}
    assert told == {cast.sari.email, cast.wati.email}  # the owner's admin and editor
    assert "Taman baca" not in client.get(LIST).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.citizen_idea_moderate(
            idea=idea, user=cast.sari, version=idea.version, publish=True
        )
    page = client.get(LIST).content.decode()
    assert "Taman baca" in page and "ani@example.org" not in page
    assert client.get(idea.get_public_url()).status_code == 200
    assert list(IdeaEvent.objects.filter(idea=idea).values_list("to_status", flat=True)) == [
        "pending",
        "published",
    ]


def test_a_reused_confirmation_link_says_it_was_already_used(client, cast):
    make_citizen_idea(cast, moderation="unconfirmed", token="satu-kali")
    client.cookies["django_language"] = "en"
    url = reverse("ideas_public:confirm", kwargs={"token": "satu-kali"})
    assert client.get(url).status_code == 200
    again = client.get(url)
    assert again.status_code == 200
    assert "cannot be used again" in again.content.decode()
    wrong = client.get(reverse("ideas_public:confirm", kwargs={"token": "x" * 500}))
    assert wrong.status_code == 404 and "not valid" in wrong.content.decode()


def test_an_empty_form_says_what_is_missing(client, cast):
    client.cookies["django_language"] = "en"
    response = client.post(SUBMIT, {"website": ""})
    assert response.status_code == 400
    assert response.content.decode().count("This field is required") >= 5
    assert not Idea.objects.exists()


def test_ten_thousand_characters_are_refused_with_the_limit(client, cast):
    client.cookies["django_language"] = "en"
    response = client.post(SUBMIT, _data(cast, problem="a" * 10_000))
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert not Idea.objects.exists()


def test_html_in_an_idea_is_shown_as_text(client, cast):
    idea = make_citizen_idea(
        cast, moderation="published", title="<script>alert(1)</script>Ide", problem="<b>x</b>"
    )
    for url in (LIST, idea.get_public_url()):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;Ide" in page


def test_a_bot_filling_the_hidden_field_is_refused(client, cast):
    response = client.post(SUBMIT, _data(cast, website="http://spam.example"))
    assert response.status_code == 400
    assert not Idea.objects.exists()


@override_settings(PUBLIC_FORM_LIMIT_PER_HOUR=2)
def test_a_flood_from_one_address_is_stopped(client, cast):
    for _n in range(2):
        assert client.post(SUBMIT, _data(cast)).status_code == 302
    client.cookies["django_language"] = "en"
    response = client.post(SUBMIT, _data(cast))
    assert response.status_code == 429
    assert "Too many ideas" in response.content.decode()


def test_a_hidden_idea_leaves_the_cached_portal_list_at_once(
    client, cast, django_capture_on_commit_callbacks
):
    idea = make_citizen_idea(cast, moderation="published", title="Ide yang kemudian disembunyikan")
    assert "Ide yang kemudian" in client.get(LIST).content.decode()
    assert client.get(LIST)["X-Public-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.citizen_idea_moderate(
            idea=idea, user=cast.sari, version=idea.version, publish=False, reason="Bukan ide"
        )
    assert "Ide yang kemudian" not in client.get(LIST).content.decode()
    assert client.get(idea.get_public_url()).status_code == 404


def test_unconfirmed_and_waiting_ideas_are_not_public(client, cast):
    for moderation in ("unconfirmed", "pending", "hidden"):
        idea = make_citizen_idea(cast, moderation=moderation, title=f"RAHASIA-{moderation}")
        assert client.get(idea.get_public_url()).status_code == 404
    assert "RAHASIA" not in client.get(LIST).content.decode()


def test_the_portal_list_reads_in_the_same_number_of_queries_for_many_ideas(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from simpul.agreements.models import GovernmentAffair

    affairs = list(GovernmentAffair.objects.order_by("position")[:2])
    make_citizen_idea(cast, moderation="published").affairs.set(affairs)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST, {"page": "1"}).status_code == 200  # now cached under ?page=1
    for n in range(5):
        make_citizen_idea(cast, moderation="published", title=f"Ide {n}").affairs.set(affairs)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(LIST, {"page": "2"}).context["page"].object_list) == 6
    assert len(many) == len(few)


def test_the_form_hides_its_trap_field_from_people(client, cast):
    page = client.get(SUBMIT).content.decode()
    assert '<div class="honeypot-field" aria-hidden="true">' in page

"""Creating and editing a forum on its own pages: who may, what is refused, and two people
editing at once (merged field by field, simpul.core.merge)."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.agreements.tests.factories import government_of
from simpul.meetings.models import Forum
from simpul.meetings.tests.factories import make_forum
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user
from simpul.testing.merge import choices_asked, opened

pytestmark = pytest.mark.django_db

CREATE = reverse("meetings:forum-create")


def person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def new_forum(cast, **overrides) -> dict:
    data = {
        "name": "Jejaring Kota Layak Anak DIY",
        "slug": "",
        "kind": Forum.Kind.NETWORK,
        "description": "",
        "secretariat": cast.pemkot_yogyakarta.pk,
        "members": [cast.pemkot_yogyakarta.pk, government_of(cast.sleman).pk],
        "cadence": "quarterly",
        "quorum": "every_member",
    }
    data.update(overrides)
    return data


def edit_data(forum, base: str, **overrides) -> dict:
    data = {
        "base": base,
        "name": forum.name,
        "kind": forum.kind,
        "description": forum.description,
        "secretariat": forum.secretariat_id,
        "members": list(forum.members.values_list("pk", flat=True)),
        "cadence": forum.cadence,
        "quorum": forum.quorum,
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_a_regions_admin_creates_a_forum_it_runs_with_its_members(cast):
    response = person(cast.sari).post(CREATE, new_forum(cast))
    forum = Forum.objects.get(name="Jejaring Kota Layak Anak DIY")
    assert response.status_code == 302
    assert response["Location"] == forum.get_absolute_url()
    assert forum.slug == "jejaring-kota-layak-anak-diy"
    assert forum.secretariat == cast.pemkot_yogyakarta
    assert set(forum.members.all()) == {cast.pemkot_yogyakarta, government_of(cast.sleman)}
    assert (forum.cadence, forum.quorum, forum.created_by) == (
        "quarterly",
        "every_member",
        cast.sari,
    )


def test_an_admin_may_only_make_an_organisation_they_administer_the_secretariat(cast):
    response = person(cast.sari).post(
        CREATE, new_forum(cast, secretariat=cast.sekber_kartamantul.pk)
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Forum.objects.filter(name="Jejaring Kota Layak Anak DIY").exists()


def test_a_forum_with_one_member_is_refused_with_a_message(cast):
    response = person(cast.sari).post(CREATE, new_forum(cast, members=[cast.pemkot_yogyakarta.pk]))
    assert response.status_code == 400
    assert "A forum has at least two member organisations." in response.content.decode()


def test_a_forum_without_members_is_refused_and_the_input_kept(cast):
    response = person(cast.sari).post(CREATE, new_forum(cast, members=[]))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html
    assert 'value="Jejaring Kota Layak Anak DIY"' in html


def test_a_second_forum_of_the_same_name_is_refused(cast):
    make_forum(cast)
    response = person(cast.lina).post(
        CREATE,
        new_forum(cast, name="forum sekber  kartamantul", secretariat=cast.sekber_kartamantul.pk),
    )
    assert response.status_code == 400
    assert "Another forum is already called" in response.content.decode()
    assert Forum.objects.filter(name__iexact="forum sekber kartamantul").count() == 1


def test_a_taken_short_name_is_refused_beside_its_field(cast):
    make_forum(cast)
    response = person(cast.sari).post(CREATE, new_forum(cast, slug="kartamantul"))
    assert response.status_code == 400
    assert "This short name is taken." in response.content.decode()


def test_a_name_without_letters_needs_a_short_name(cast):
    response = person(cast.sari).post(CREATE, new_forum(cast, name="!!!"))
    assert response.status_code == 400
    assert "Give the forum a short name of letters and digits." in response.content.decode()


def test_the_secretariats_admin_edits_the_forum_and_its_members(cast):
    forum = make_forum(cast)
    client = person(cast.lina)
    url = reverse("meetings:forum-edit", kwargs={"slug": forum.slug})
    base = opened(client, url)
    members = [cast.pemkot_yogyakarta.pk, government_of(cast.sleman).pk]
    response = client.post(
        url, edit_data(forum, base, cadence="quarterly", members=members, name="Forum Kartamantul")
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    assert (forum.name, forum.cadence, forum.version) == ("Forum Kartamantul", "quarterly", 2)
    assert set(forum.members.values_list("pk", flat=True)) == set(members)


def test_the_edit_form_opens_with_the_forums_values(cast):
    forum = make_forum(cast)
    html = person(cast.lina).get(reverse("meetings:forum-edit", kwargs={"slug": forum.slug}))
    html = html.content.decode()
    assert 'value="Forum Sekber Kartamantul"' in html
    assert f'<option value="{government_of(cast.bantul).pk}" selected>' in html


def test_a_member_editor_cannot_edit_the_forum_nor_find_the_edit_link(cast):
    forum = make_forum(cast)
    client = person(cast.sari)
    assert (
        client.get(reverse("meetings:forum-edit", kwargs={"slug": forum.slug})).status_code == 404
    )
    assert 'id="forum-edit"' not in client.get(forum.get_absolute_url()).content.decode()
    assert 'id="forum-edit"' in person(cast.lina).get(forum.get_absolute_url()).content.decode()


def test_an_editor_of_the_secretariat_runs_meetings_but_does_not_edit_the_forum(cast):
    forum = make_forum(cast)
    editor = make_user("staf@kartamantul.id", "Staf Sekber")
    make_member(editor, cast.sekber_kartamantul, Membership.Role.EDITOR)
    client = person(editor)
    assert (
        client.get(reverse("meetings:forum-edit", kwargs={"slug": forum.slug})).status_code == 404
    )
    assert client.get(CREATE).status_code == 404
    assert 'id="meeting-new"' in client.get(forum.get_absolute_url()).content.decode()


def test_two_people_editing_different_fields_both_keep_their_change(cast):
    forum = make_forum(cast)
    url = reverse("meetings:forum-edit", kwargs={"slug": forum.slug})
    lina, rina = person(cast.lina), person(cast.rina)
    lina_base, rina_base = opened(lina, url), opened(rina, url)
    assert lina.post(url, edit_data(forum, lina_base, cadence="quarterly")).status_code == 302
    response = rina.post(url, edit_data(forum, rina_base, description="Kerja sama sampah"))
    assert response.status_code == 302
    forum.refresh_from_db()
    assert (forum.cadence, forum.description) == ("quarterly", "Kerja sama sampah")


def test_two_people_changing_the_members_differently_are_asked_which_to_keep(cast):
    forum = make_forum(cast)
    url = reverse("meetings:forum-edit", kwargs={"slug": forum.slug})
    lina, rina = person(cast.lina), person(cast.rina)
    lina_base, rina_base = opened(lina, url), opened(rina, url)
    yogya, sleman, bantul = (
        cast.pemkot_yogyakarta.pk,
        government_of(cast.sleman).pk,
        government_of(cast.bantul).pk,
    )
    assert lina.post(url, edit_data(forum, lina_base, members=[yogya, sleman])).status_code == 302
    response = rina.post(url, edit_data(forum, rina_base, members=[yogya, bantul]))
    assert response.status_code == 409
    assert choices_asked(response) == {"members"}
    assert set(forum.members.values_list("pk", flat=True)) == {yogya, sleman}

"""The site header (templates/includes/header.html): what each person finds in it."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGE = reverse("regions:region-list")  # a page everyone may open, signed in or not


def header(client, person=None, *, language="id") -> str:
    if person is not None:
        client.force_login(person)
    client.cookies["django_language"] = language
    html = client.get(PAGE).content.decode()
    found = re.search(r'<header class="site-header">.*?</header>', html, re.DOTALL)
    assert found is not None
    return found.group(0)


def links(html: str) -> list[tuple[str, str]]:
    return [
        (href, " ".join(re.sub(r"<[^>]+>", "", text).split()))
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html, re.DOTALL)
    ]


@pytest.mark.parametrize("who", ["sari", "dewi", "hadi", "eko", "rina"])
def test_a_signed_in_person_has_one_kerja_sama_entry_and_it_leads_to_the_agreements(
    client, cast, who
):
    found = links(header(client, getattr(cast, who)))
    kerja_sama = [href for href, text in found if text == "Kerja sama"]
    assert kerja_sama == [reverse("agreements:agreement-list")]
    assert reverse("portal:register") not in [href for href, _text in found]


@pytest.mark.parametrize("who", ["sari", "dewi", "hadi", "eko"])
def test_home_leads_a_signed_in_person_to_their_dashboard_and_monitoring_is_there(
    client, cast, who
):
    found = links(header(client, getattr(cast, who)))
    assert ("/", "Beranda") in found
    assert (reverse("monitoring_overview:overview"), "Pemantauan") in found
    assert (reverse("portal:home"), "Portal publik") in found


def test_every_signed_in_person_may_open_the_monitoring_entry_of_their_header(client, cast):
    for person in (cast.sari, cast.eko, cast.hadi):
        client.force_login(person)
        assert client.get(reverse("monitoring_overview:overview")).status_code == 200


def test_a_visitor_has_the_portal_home_and_cooperation_but_no_monitoring(client, cast):
    found = links(header(client))
    assert (reverse("portal:home"), "Beranda") in found
    assert (reverse("portal:register"), "Kerja sama") in found
    hrefs = [href for href, _text in found]
    assert reverse("monitoring_overview:overview") not in hrefs
    assert reverse("agreements:agreement-list") not in hrefs


def test_on_a_phone_the_menu_button_opens_the_portal_row_too(client, cast):
    html = header(client)
    assert 'aria-controls="site-menu public-menu"' in html
    assert 'id="public-menu"' in html


@pytest.mark.parametrize("who", ["sari", "lina", "hadi", "eko"])
def test_a_signed_in_person_finds_the_meetings_in_the_header_and_may_open_them(client, cast, who):
    found = links(header(client, getattr(cast, who)))
    assert (reverse("meetings:meeting-list"), "Rapat") in found
    assert client.get(reverse("meetings:meeting-list")).status_code == 200


def test_a_visitor_has_no_meetings_entry(client, cast):
    assert reverse("meetings:meeting-list") not in [href for href, _text in links(header(client))]


# The knowledge entries' Indonesian words come with the lead's next catalogue update: these
# tests read the English header.
@pytest.mark.parametrize("who", ["sari", "lina", "hadi", "eko"])
def test_a_signed_in_person_finds_the_knowledge_items_in_the_header_and_may_open_them(
    client, cast, who
):
    found = links(header(client, getattr(cast, who), language="en"))
    assert (reverse("knowledge:item-list"), "Knowledge") in found
    assert client.get(reverse("knowledge:item-list")).status_code == 200


def test_a_visitor_finds_the_public_knowledge_on_the_portal_menu_but_not_the_members_list(
    client, cast
):
    found = links(header(client, language="en"))
    assert (reverse("portal:knowledge-list"), "Knowledge") in found
    assert reverse("knowledge:item-list") not in [href for href, _text in found]
    assert client.get(reverse("portal:knowledge-list")).status_code == 200


def test_the_knowledge_entry_is_marked_current_on_the_knowledge_pages(client, cast):
    client.force_login(cast.sari)
    page = client.get(reverse("knowledge:item-list")).content.decode()
    public = client.get(reverse("portal:knowledge-list")).content.decode()

    assert re.search(r'id="nav-knowledge"\s+aria-current="page"', page)
    assert re.search(r'id="public-nav-knowledge"\s+aria-current="page"', public)

"""Two people edit one consultation at the same time (simpul.core.merge): changes to
different fields are both kept, the same field changed twice asks the second person which
value to keep and saves nothing before that choice, and a field the second person did not
touch is never written back with what their page still showed. A draft's sections are merged
as one value: a list only one of them changed keeps that change."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.consultations.models import Consultation
from simpul.testing.merge import choices_asked, opened, shown_base

from .factories import make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(cast):
    return make_consultation(make_agreement(cast, state="active"), status="draft")


def _person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _url(consultation) -> str:
    return reverse(
        "consultations:consultation-edit",
        kwargs={"agreement_pk": consultation.agreement_id, "pk": consultation.pk},
    )


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _fields(consultation, *, sections=None, **changes) -> dict:
    """What the edit form posts for `consultation`'s values, with `changes`; `sections` as
    (id or None, heading, body) rows, by default the current ones."""
    if sections is None:
        sections = [
            (s.pk, s.heading, s.body) for s in consultation.sections.order_by("position", "pk")
        ]
    data = {
        "subject": consultation.subject,
        "title": consultation.title,
        "summary": consultation.summary,
        "opens_at": _moment(consultation.opens_at),
        "closes_at": _moment(consultation.closes_at),
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": str(sum(1 for pk, *_rest in sections if pk)),
    }
    for index, (pk, heading, body) in enumerate(sections):
        data[f"sections-{index}-id"] = pk or ""
        data[f"sections-{index}-heading"] = heading
        data[f"sections-{index}-body"] = body
    data.update(changes)
    return data


def _fresh(consultation) -> Consultation:
    return Consultation.objects.get(pk=consultation.pk)


def _headings(consultation) -> list[str]:
    return list(
        _fresh(consultation).sections.order_by("position", "pk").values_list("heading", flat=True)
    )


def test_two_people_changing_different_fields_both_keep_their_change(cast, consultation):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(consultation)), opened(wati, _url(consultation))
    seen = _fields(consultation)  # the values both pages show
    rows = [(s.pk, s.heading, s.body) for s in consultation.sections.order_by("position")]
    with_third = [*rows, (None, "Bagian 3", "Isi bagian 3.")]
    saved = sari.post(
        _url(consultation), {"base": sari_base, **_fields(consultation, sections=with_third)}
    )
    assert saved.status_code == 302
    response = wati.post(
        _url(consultation),
        {"base": wati_base, **seen, "summary": "Ringkasan Wati"},
        follow=True,
    )
    assert response.status_code == 200 and "nothing was lost" in response.text
    assert _fresh(consultation).summary == "Ringkasan Wati"
    assert _headings(consultation) == ["Bagian 1", "Bagian 2", "Bagian 3"]


def test_the_same_field_changed_twice_waits_for_the_second_persons_choice(cast, consultation):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(consultation)), opened(wati, _url(consultation))
    sari.post(_url(consultation), {"base": sari_base, **_fields(consultation, title="Versi Sari")})
    mine = _fields(consultation, title="Versi Wati", summary="Ringkasan Wati")
    response = wati.post(_url(consultation), {"base": wati_base, **mine})
    assert response.status_code == 409
    assert 'class="merge-table"' in response.text and cast.sari.full_name in response.text
    assert "Versi Sari" in response.text and "Versi Wati" in response.text
    assert choices_asked(response) == {"title"}
    assert _fresh(consultation).summary == "Mohon masukan atas rancangan rencana."
    merged = {"base": shown_base(response), **mine}
    assert wati.post(_url(consultation), merged).status_code == 400
    assert wati.post(_url(consultation), {**merged, "merge_title": "mine"}).status_code == 302
    fresh = _fresh(consultation)
    assert (fresh.title, fresh.summary) == ("Versi Wati", "Ringkasan Wati")


def test_fields_and_sections_the_second_person_did_not_touch_are_never_overwritten(
    cast, consultation
):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(consultation)), opened(wati, _url(consultation))
    seen = _fields(consultation)  # the values both pages show
    first = consultation.sections.order_by("position").first()
    closes = consultation.closes_at + timezone.timedelta(days=7)
    sari.post(
        _url(consultation),
        {
            "base": sari_base,
            **_fields(
                consultation,
                sections=[(first.pk, "Bagian 1 baru", first.body)],
                closes_at=_moment(closes),
            ),
        },
    )
    response = wati.post(_url(consultation), {"base": wati_base, **seen})
    assert response.status_code == 302
    assert _moment(_fresh(consultation).closes_at) == _moment(closes)
    assert _headings(consultation) == ["Bagian 1 baru"]


def test_sections_changed_by_both_are_chosen_as_a_whole(cast, consultation):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(consultation)), opened(wati, _url(consultation))
    first, second = consultation.sections.order_by("position")
    sari.post(
        _url(consultation),
        {"base": sari_base, **_fields(consultation, sections=[(first.pk, "Dari Sari", "A")])},
    )
    mine = _fields(consultation, sections=[(second.pk, "Dari Wati", "B")])
    response = wati.post(_url(consultation), {"base": wati_base, **mine})
    assert response.status_code == 409
    assert choices_asked(response) == {"sections"}
    assert "Dari Sari: A" in response.text and "Dari Wati: B" in response.text
    assert _headings(consultation) == ["Dari Sari"]
    merged = dict(response.context["form"].data.items())
    chosen = wati.post(_url(consultation), {**merged, "merge_sections": "theirs"})
    assert chosen.status_code == 302
    assert _headings(consultation) == ["Dari Sari"]

"""The public thematic map (issue 16, item 2): a layer switcher that works without
JavaScript, one value per region from public data only, the same figures as a table, and a
400 naming the valid choices for anything unknown."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.models import GovernmentAffair
from simpul.agreements.tests.factories import make_agreement
from simpul.portal import thematic
from simpul.potentials.models import Kind
from simpul.potentials.tests.factories import record, term
from simpul.scorecard.models import Score

from .test_pages_support import decide, public_agreement

# The messages these tests read are the English ones (the site speaks Indonesian first).
ENGLISH = {"accept-language": "en"}

pytestmark = pytest.mark.django_db

THEMATIC = reverse("portal:thematic-map")


def _payload(response) -> dict:
    page = response.content.decode()
    start = page.index('<script id="thematic-data" type="application/json">') + 51
    return json.loads(page[start : page.index("</script>", start)])


def _table(response) -> dict[str, int]:
    return {row["name"]: row["value"] for row in response.context["layer"].rows}


def test_the_default_layer_colours_regions_by_their_public_cooperations(client, cast):
    public_agreement(cast, title="Kartamantul")
    public_agreement(cast, title="Angkutan", parties=[cast.pemkot_yogyakarta, cast.pemkot_semarang])
    make_agreement(cast, title="Draf", parties=[cast.pemkot_semarang, cast.pemkab_sleman])

    response = client.get(THEMATIC)

    assert response.status_code == 200
    assert _table(response) == {
        "Kota Yogyakarta": 2,
        "Kabupaten Sleman": 1,
        "Kabupaten Bantul": 1,
        "Kota Semarang": 1,
    }
    payload = _payload(response)
    assert payload["values"] == {"34.71": 2, "34.04": 1, "34.02": 1, "33.74": 1}
    assert payload["breaks"] == [10, 4, 2, 1]
    page = response.content.decode()
    # The map draws the shared base layer's regencies: the page sends no boundary of its own.
    assert reverse("regions:base-layer", kwargs={"level": "kabupaten-kota"}) in page
    assert '"coordinates"' not in page
    assert 'name="layer" value="scorecard"' in page  # the switcher is a plain form


def test_the_governance_layer_shows_the_latest_overall_scores(client, cast):
    year = timezone.localdate().year
    for region, overall in ((cast.yogyakarta, "71.6"), (cast.sleman, "48.0")):
        Score.objects.create(
            region=region, year=year - 1, overall=Decimal(overall), computed_at=timezone.now()
        )
    Score.objects.create(region=cast.bantul, year=year - 1, computed_at=timezone.now())

    response = client.get(THEMATIC + "?layer=scorecard")

    assert _table(response) == {"Kota Yogyakarta": 72, "Kabupaten Sleman": 48}
    assert response.context["layer"].year == year - 1
    assert _payload(response)["breaks"] == [80, 60, 40, 0]


def test_the_potentials_and_problems_layers_count_published_records_in_the_chosen_affair(
    client, cast
):
    record(cast.sleman, "landfill-capacity", Kind.POTENTIAL)
    record(cast.yogyakarta, "landfill-capacity", Kind.PROBLEM)
    record(cast.bantul, "landfill-capacity", Kind.POTENTIAL, published=False)
    affair = term("landfill-capacity").affair.code

    potentials = client.get(THEMATIC + f"?layer=potentials&affair={affair}")
    problems = client.get(THEMATIC + "?layer=problems")

    assert _table(potentials) == {"Kabupaten Sleman": 1}
    assert _payload(problems)["values"] == {"34.71": 1}
    other = next(a.code for a in GovernmentAffair.objects.exclude(code=affair))
    assert client.get(THEMATIC + f"?layer=potentials&affair={other}").context["layer"].rows == []


def test_the_network_layer_draws_lines_between_partners_of_the_chosen_type_only(client, cast):
    public_agreement(cast, title="Angkutan", parties=[cast.pemkot_yogyakarta, cast.pemkot_semarang])
    public_agreement(
        cast, title="Angkutan 2", parties=[cast.pemkot_yogyakarta, cast.pemkot_semarang]
    )
    hidden = public_agreement(
        cast, title="Tertutup", parties=[cast.pemkab_sleman, cast.pemkot_semarang]
    )
    decide(hidden, "parties", public=False)
    public_agreement(cast, title="Hutan", family="ksdpk", parties=[cast.pemkab_sleman, cast.ngo])

    response = client.get(THEMATIC + "?layer=network&family=ksdd")

    assert _table(response) == {"Kota Semarang – Kota Yogyakarta": 2}
    [line] = _payload(response)["lines"]
    assert line["count"] == 2
    assert {tuple(line["from"]), tuple(line["to"])} == {
        (round(float(r.longitude), 3), round(float(r.latitude), 3))
        for r in (cast.yogyakarta, cast.semarang)
    }
    assert client.get(THEMATIC + "?layer=network&family=ksdpk").context["layer"].rows == []


def test_an_unknown_layer_or_affair_is_a_400_that_names_the_valid_ones(client, cast):
    response = client.get(THEMATIC + "?layer=rainfall", headers=ENGLISH)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Unknown map layer" in page
        and "agreements, scorecard, potentials, problems, network" in page
    )

    response = client.get(THEMATIC + "?affair=nonsense", headers=ENGLISH)
    assert response.status_code == 400
    assert "Unknown government affair" in response.content.decode()


def test_a_national_network_layer_shows_its_heaviest_pairs_and_says_so(client, cast, monkeypatch):
    monkeypatch.setattr(thematic, "PAIRS_SHOWN", 1)
    public_agreement(cast, title="Kartamantul")
    for title in ("Angkutan", "Air"):
        public_agreement(cast, title=title, parties=[cast.pemkot_yogyakarta, cast.pemkot_semarang])

    response = client.get(THEMATIC + "?layer=network", headers=ENGLISH)

    assert _table(response) == {"Kota Semarang – Kota Yogyakarta": 2}
    assert len(_payload(response)["lines"]) == 1
    assert "pairs with the most public cooperations of 4" in response.content.decode()

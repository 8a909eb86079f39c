"""Two people edit one indicator at the same time (simpul.core.merge): changes to different
fields are both kept, the same field changed twice asks the second person which value to keep
and saves nothing before that choice, and a field the second person did not touch is never
written back with what their page still showed. The targets grid is merged as one value and
the further breakdowns as a set."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from simpul.monitoring.forms_indicators import IndicatorForm
from simpul.monitoring.models import Disaggregation, Indicator
from simpul.monitoring.tests.permissions_indicators import (
    agreement_with_objective,
    make_indicator,
)
from simpul.plans.access import plan_for
from simpul.testing.merge import choices_asked, opened, shown_base

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(cast):
    return make_indicator(agreement_with_objective(cast), targets={(2025, 4): 600})


def _person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _url(indicator) -> str:
    return reverse(
        "monitoring:indicator-edit",
        kwargs={"agreement_pk": indicator.agreement_id, "pk": indicator.pk},
    )


def _fields(indicator, **changes) -> dict:
    """What the edit form posts for the indicator's current values, with `changes`."""
    indicator = Indicator.objects.get(pk=indicator.pk)
    form = IndicatorForm(
        instance=indicator, agreement=indicator.agreement, plan=plan_for(indicator.agreement)
    )
    data: dict[str, Any] = {}
    for name in IndicatorForm.Meta.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = "" if value is None else value
    for target in indicator.targets.all():
        data[f"target-{indicator.frequency}-{target.year}-{target.number}"] = str(
            target.value.normalize()
        )
    data.update(changes)
    return data


def _fresh(indicator) -> Indicator:
    return Indicator.objects.get(pk=indicator.pk)


def _targets(indicator) -> dict:
    return {(t.year, t.number): t.value for t in _fresh(indicator).targets.all()}


def test_two_people_changing_different_fields_both_keep_their_change(cast, indicator):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(indicator)), opened(wati, _url(indicator))
    seen = _fields(indicator)  # the values both pages show
    sex = Disaggregation.objects.get(code="sex")
    saved = sari.post(
        _url(indicator),
        {"base": sari_base, **seen, "disaggregations": [sex.pk], "unit": "ton"},
    )
    assert saved.status_code == 302
    mine = {**seen, "name": "Sampah ditimbang", "target-quarterly-2026-4": "650"}
    response = wati.post(_url(indicator), {"base": wati_base, **mine}, follow=True)
    assert response.status_code == 200 and "nothing was lost" in response.text
    fresh = _fresh(indicator)
    assert (fresh.name, fresh.unit) == ("Sampah ditimbang", "ton")
    assert list(fresh.disaggregations.all()) == [sex]
    assert _targets(indicator) == {(2025, 4): Decimal(600), (2026, 4): Decimal(650)}


def test_the_same_field_changed_twice_waits_for_the_second_persons_choice(cast, indicator):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(indicator)), opened(wati, _url(indicator))
    seen = _fields(indicator)  # the values both pages show
    sari.post(_url(indicator), {"base": sari_base, **seen, "baseline_value": "480"})
    mine = {**seen, "baseline_value": "520", "unit": "ton"}
    response = wati.post(_url(indicator), {"base": wati_base, **mine})
    assert response.status_code == 409
    assert 'class="merge-table"' in response.text and cast.sari.full_name in response.text
    assert choices_asked(response) == {"baseline_value"}
    assert (_fresh(indicator).baseline_value, _fresh(indicator).unit) == (480, "ton/hari")
    merged = {"base": shown_base(response), **mine}
    assert wati.post(_url(indicator), merged).status_code == 400
    chosen = wati.post(_url(indicator), {**merged, "merge_baseline_value": "theirs"})
    assert chosen.status_code == 302
    fresh = _fresh(indicator)
    assert (fresh.baseline_value, fresh.unit) == (480, "ton")


def test_targets_changed_by_both_are_chosen_as_a_whole(cast, indicator):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(indicator)), opened(wati, _url(indicator))
    seen = _fields(indicator)  # the values both pages show
    sari.post(
        _url(indicator),
        {"base": sari_base, **seen, "target-quarterly-2025-4": "610"},
    )
    mine = {**seen, "target-quarterly-2025-4": "590"}
    response = wati.post(_url(indicator), {"base": wati_base, **mine})
    assert response.status_code == 409
    assert choices_asked(response) == {"targets"}
    assert "Quarter 4 2025: 610" in response.text and "Quarter 4 2025: 590" in response.text
    assert _targets(indicator) == {(2025, 4): Decimal(610)}
    merged = dict(response.context["form"].data.items())
    assert wati.post(_url(indicator), {**merged, "merge_targets": "mine"}).status_code == 302
    assert _targets(indicator) == {(2025, 4): Decimal(590)}


def test_fields_and_targets_the_second_person_did_not_touch_are_never_overwritten(cast, indicator):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(indicator)), opened(wati, _url(indicator))
    seen = _fields(indicator)  # the values both pages show
    sari.post(
        _url(indicator),
        {
            "base": sari_base,
            **seen,
            "weight": "2",
            "target-quarterly-2026-4": "700",
        },
    )
    assert wati.post(_url(indicator), {"base": wati_base, **seen}).status_code == 302
    assert _fresh(indicator).weight == 2
    assert _targets(indicator) == {(2025, 4): Decimal(600), (2026, 4): Decimal(700)}

"""The field-level merge of the kernel (simpul.core.merge), tried on a real edit form: a risk of a
plan. Two people open the same risk; the first saves; what happens to the second's save."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from simpul.core.merge import APPLIED, COLLISION, KEPT, SAME, canonical, save_merging
from simpul.plans import services
from simpul.plans.forms import RiskForm
from simpul.plans.models import Risk
from simpul.plans.tests.factories import fill_plan, new_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def risk(cast):
    plan = new_plan(cast)
    return fill_plan(plan, cast.sari)["risk"]


def open_form(risk) -> dict:
    """What the person's browser holds after opening the edit form: the fields and the base."""
    form = RiskForm(instance=Risk.objects.get(pk=risk.pk), plan=risk.plan)
    values = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in values.items()}


def save(risk, data, user, reload=None):
    form = RiskForm(data, instance=Risk.objects.get(pk=risk.pk), plan=risk.plan)
    assert form.is_valid(), form.errors
    return save_merging(
        form,
        lambda f: services.risk_update(
            risk=f.instance, user=user, version=f.base_version, **f.cleaned_fields()
        ),
        reload=reload or (lambda: Risk.objects.filter(pk=risk.pk).first()),
    )


def outcomes(result) -> dict:
    return {row.name: row.outcome for row in result.rows}


def test_a_field_only_i_changed_is_applied_and_one_only_they_changed_is_kept(cast, risk):
    sari, rina = open_form(risk), open_form(risk)
    assert save(risk, {**sari, "mitigation": "Kompensasi warga"}, cast.sari).ok
    result = save(risk, {**rina, "impact": "2"}, cast.rina)
    assert result.ok and result.merged
    assert outcomes(result) == {"mitigation": KEPT, "impact": APPLIED}
    assert "nothing was lost" in result.notice()
    risk.refresh_from_db()
    assert (risk.mitigation, risk.impact) == ("Kompensasi warga", 2)


def test_a_field_both_changed_differently_is_not_saved_until_the_person_chooses(cast, risk):
    sari, rina = open_form(risk), open_form(risk)
    save(risk, {**sari, "mitigation": "Versi Sari"}, cast.sari)
    result = save(risk, {**rina, "mitigation": "Versi Rina", "impact": "2"}, cast.rina)
    assert not result.ok and result.status == 409
    assert outcomes(result) == {"mitigation": COLLISION, "impact": APPLIED}
    row = next(row for row in result.rows if row.is_collision)
    assert (row.opened, row.now, row.mine) == (
        "Sosialisasi dan kompensasi",
        "Versi Sari",
        "Versi Rina",
    )
    assert cast.sari.full_name in result.form.non_field_errors()[0]
    risk.refresh_from_db()
    assert (risk.mitigation, risk.impact) == ("Versi Sari", 4)
    # Saving the shown form again without a choice is refused, field by field.
    again = dict(result.form.data.items())
    form = RiskForm(again, instance=Risk.objects.get(pk=risk.pk), plan=risk.plan)
    assert not form.is_valid() and "merge_mitigation" in form.errors
    # Choosing "keep theirs" keeps Sari's text and still applies Rina's impact.
    chosen = save(risk, {**again, "merge_mitigation": "theirs"}, cast.rina)
    assert chosen.ok
    risk.refresh_from_db()
    assert (risk.mitigation, risk.impact) == ("Versi Sari", 2)


def test_the_same_change_on_both_sides_is_not_a_collision(cast, risk):
    sari, rina = open_form(risk), open_form(risk)
    save(risk, {**sari, "mitigation": "Tanggul", "likelihood": "5"}, cast.sari)
    result = save(risk, {**rina, "mitigation": "Tanggul  "}, cast.rina)
    assert result.ok
    assert outcomes(result) == {"mitigation": SAME, "likelihood": KEPT}
    risk.refresh_from_db()
    assert (risk.mitigation, risk.likelihood) == ("Tanggul", 5)


def test_a_third_person_saving_during_the_merge_still_conflicts_and_is_merged_too(cast, risk):
    sari, rina = open_form(risk), open_form(risk)
    save(risk, {**sari, "mitigation": "Versi Sari"}, cast.sari)
    reloads = []

    def reload_then_eko_saves():
        current = Risk.objects.get(pk=risk.pk)
        if not reloads:
            # Eko saves between the moment the merge read the row and the merged save.
            services.risk_update(risk=Risk.objects.get(pk=risk.pk), user=cast.eko, likelihood=1)
        reloads.append(current.version)
        return current

    result = save(risk, {**rina, "impact": "2"}, cast.rina, reload=reload_then_eko_saves)
    assert result.ok
    assert len(reloads) == 2  # the merged save was refused once, then merged again
    risk.refresh_from_db()
    assert (risk.mitigation, risk.likelihood, risk.impact) == ("Versi Sari", 1, 2)


def test_a_row_deleted_meanwhile_is_said_so_and_not_recreated(cast, risk):
    rina = open_form(risk)
    services.risk_delete(risk=Risk.objects.get(pk=risk.pk), user=cast.sari)
    form = RiskForm({**rina, "impact": "1"}, instance=risk, plan=risk.plan)
    assert form.is_valid()
    result = save_merging(
        form,
        lambda f: services.risk_update(
            risk=f.instance, user=cast.rina, version=f.base_version, **f.cleaned_fields()
        ),
        reload=lambda: Risk.objects.filter(pk=risk.pk).first(),
    )
    assert not result.ok and result.status == 409
    assert "deleted by someone else" in result.form.non_field_errors()[0]
    assert not Risk.objects.filter(pk=risk.pk).exists()


def test_a_snapshot_of_another_row_is_refused(cast, risk):
    other = services.risk_create(
        plan=risk.plan, user=cast.sari, description="Banjir", likelihood=2, impact=2
    )
    data = {**open_form(other), "impact": "1"}
    form = RiskForm(data, instance=Risk.objects.get(pk=risk.pk), plan=risk.plan)
    assert not form.is_valid()
    assert "out of date" in form.non_field_errors()[0]


def test_values_that_mean_the_same_compare_equal():
    assert canonical(Decimal("1000000.00")) == canonical(Decimal("1000000")) == "1000000"
    assert canonical(Decimal("-7.800000")) == "-7.8"
    assert canonical(date(2026, 1, 2)) == "2026-01-02"
    assert canonical(" a\r\nb ") == "a\nb"
    assert canonical(None) == canonical("") == ""

"""The results chain, indicators and targets: services, pages, access, bad input and
simultaneous edits."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from simpul.agreements.tests.factories import make_agreement
from simpul.core.errors import Conflict
from simpul.monitoring.models import (
    DataValue,
    Disaggregation,
    Indicator,
    MonitoringSetup,
    ReportingPeriod,
    Result,
    Submission,
)
from simpul.monitoring.services import indicators as services
from simpul.monitoring.tests.permissions_indicators import (
    agreement_with_objective,
    make_indicator,
    objective_of,
)
from simpul.plans.access import plan_for
from simpul.plans.models import Activity, Program
from simpul.testing.merge import opened


@pytest.fixture
def agreement(cast):
    return agreement_with_objective(cast)


def list_url(agreement) -> str:
    return reverse("monitoring:indicator-list", kwargs={"agreement_pk": agreement.pk})


def create_url(agreement) -> str:
    return reverse("monitoring:indicator-create", kwargs={"agreement_pk": agreement.pk})


def edit_url(indicator) -> str:
    return reverse(
        "monitoring:indicator-edit",
        kwargs={"agreement_pk": indicator.agreement_id, "pk": indicator.pk},
    )


def form_data(agreement, **overrides) -> dict:
    data = {
        "code": "IKU-1",
        "name": "Sampah diterima TPA",
        "definition": "Ton sampah per hari yang ditimbang di TPA Piyungan.",
        "unit": "ton/hari",
        "kind": "number",
        "direction": "higher",
        "objective": objective_of(agreement).pk,
        "result": "",
        "baseline_value": "500",
        "baseline_date": "2024-12-31",
        "frequency": "quarterly",
        "accumulation": "per_period",
        "start_date": "",
        "end_date": "",
        "data_source": "Log jembatan timbang",
        "collection_method": "Penimbangan harian",
        "verification_means": "Rekap bulanan UPT",
        "responsible_party": agreement.parties.first().pk,
        "weight": "1",
        "min_value": "",
        "max_value": "",
        "on_track_from": "90",
        "at_risk_from": "70",
        "position": "0",
        "target-quarterly-2025-4": "550",
        "target-quarterly-2026-4": "600",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def english(client):
    client.cookies["django_language"] = "en"
    return client


def errors_of(response) -> dict:
    return response.context["form"].errors


# --- Services ----------------------------------------------------------------------------------


def test_targets_are_set_replaced_and_removed(agreement):
    indicator = make_indicator(agreement, targets={})
    services.targets_set(
        indicator=indicator, values={(2025, 1): Decimal(510), (2025, 2): Decimal(520)}
    )
    services.targets_set(indicator=indicator, values={(2025, 1): Decimal(515), (2025, 2): None})
    assert [(t.year, t.number, t.value) for t in indicator.targets.all()] == [
        (2025, 1, Decimal("515.0000"))
    ]


def test_a_target_period_outside_the_agreement_is_a_clear_error(agreement):
    indicator = make_indicator(agreement, targets={})
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        services.targets_set(indicator=indicator, values={(2030, 1): Decimal(600)})
    assert "Quarter 1 2030 is a target period outside the agreement" in str(raised.value)
    assert raised.value.target_errors.keys() == {(2030, 1)}
    assert indicator.targets.count() == 0


def test_a_target_period_outside_the_indicators_dates_is_refused(agreement):
    indicator = make_indicator(agreement, targets={}, end_date=date(2025, 12, 31))
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        services.targets_set(indicator=indicator, values={(2026, 1): Decimal(600)})
    assert "outside the period the indicator is measured" in str(raised.value)


def test_a_period_number_that_does_not_exist_for_the_frequency_is_refused(agreement):
    indicator = make_indicator(agreement, targets={})
    with pytest.raises(ValidationError):
        services.targets_set(indicator=indicator, values={(2025, 5): Decimal(1)})


def test_percentage_targets_lie_between_0_and_100_and_yes_no_targets_are_0_or_1(agreement):
    percentage = make_indicator(
        agreement, code="P", kind="percentage", unit="%", baseline_value=40, targets={}
    )
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        services.targets_set(indicator=percentage, values={(2025, 4): Decimal(250)})
    assert "between 0 and 100" in str(raised.value)
    services.targets_set(indicator=percentage, values={(2025, 4): Decimal(100)})
    boolean = make_indicator(agreement, code="B", kind="boolean", baseline_value=0, targets={})
    with pytest.raises(ValidationError):
        services.targets_set(indicator=boolean, values={(2025, 4): Decimal(2)})
    services.targets_set(indicator=boolean, values={(2025, 4): Decimal(1)})
    assert boolean.targets.get().value == 1


def test_targets_outside_the_valid_values_are_refused(agreement):
    indicator = make_indicator(agreement, targets={}, max_value=Decimal(1000))
    with pytest.raises(ValidationError):
        services.targets_set(indicator=indicator, values={(2025, 4): Decimal(1200)})


def test_indicator_codes_are_unique_per_agreement_as_an_error_not_a_crash(cast, agreement):
    make_indicator(agreement)
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        services.indicator_create(agreement=agreement, code="iku-1", name="Lain")
    assert "code" in raised.value.message_dict
    other = agreement_with_objective(cast)
    assert services.indicator_create(agreement=other, code="IKU-1", name="Sama").pk


def test_the_responsible_party_must_belong_to_the_agreement(cast, agreement):
    stranger = make_agreement(cast).parties.first()
    with pytest.raises(ValidationError) as raised:
        services.indicator_create(
            agreement=agreement, code="X", name="X", responsible_party=stranger
        )
    assert "responsible_party" in raised.value.message_dict


def test_a_negative_weight_and_min_above_max_are_refused(agreement):
    with pytest.raises(ValidationError) as raised:
        services.indicator_create(
            agreement=agreement,
            code="X",
            name="X",
            weight=Decimal(-1),
            min_value=Decimal(10),
            max_value=Decimal(5),
        )
    assert {"weight", "max_value"} <= raised.value.message_dict.keys()
    assert not Indicator.objects.filter(agreement=agreement).exists()


def test_a_stale_version_is_a_conflict_and_changes_nothing(agreement):
    indicator = make_indicator(agreement)
    services.indicator_update(indicator=indicator, expected_version=1, name="Versi kedua")
    with pytest.raises(Conflict):
        services.indicator_update(indicator=indicator, expected_version=1, name="Versi basi")
    indicator.refresh_from_db()
    assert (indicator.name, indicator.version) == ("Versi kedua", 2)


def test_an_invalid_update_rolls_back_the_version_claim(agreement):
    indicator = make_indicator(agreement)
    with pytest.raises(ValidationError):
        services.indicator_update(indicator=indicator, expected_version=1, weight=Decimal(-2))
    indicator.refresh_from_db()
    assert indicator.version == 1


def test_an_indicator_with_collected_data_cannot_be_deleted(agreement):
    indicator = make_indicator(agreement)
    period = ReportingPeriod.objects.create(
        agreement=agreement,
        frequency="quarterly",
        year=2025,
        number=1,
        start=date(2025, 1, 1),
        end=date(2025, 3, 31),
        due_date=date(2025, 4, 15),
    )
    submission = Submission.objects.create(period=period, party=agreement.parties.first())
    DataValue.objects.create(submission=submission, indicator=indicator, value=Decimal(510))
    with pytest.raises(ValidationError):
        services.indicator_delete(indicator=indicator)
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_results_form_a_chain_and_an_outcome_with_outputs_cannot_be_deleted(agreement):
    outcome = services.result_create(
        agreement=agreement,
        level="outcome",
        code="OC1",
        statement="Layanan persampahan regional",
        objective=objective_of(agreement),
    )
    output = services.result_create(
        agreement=agreement, level="output", code="OP1", statement="TPA", parent=outcome
    )
    assert output.objective_id == outcome.objective_id
    with pytest.raises(ValidationError):
        services.result_create(
            agreement=agreement, level="output", code="OP2", statement="x", parent=output
        )
    with pytest.raises(ValidationError):
        services.result_delete(result=outcome)
    services.result_delete(result=output)
    services.result_delete(result=outcome)
    assert not Result.objects.filter(agreement=agreement).exists()


def test_the_monitoring_setup_is_created_on_first_save_and_checked(agreement):
    services.monitoring_setup_update(
        agreement=agreement, reporting_frequency="semester", due_days=30, evaluations_per_year=2
    )
    setup = MonitoringSetup.objects.get(agreement=agreement)
    assert (setup.reporting_frequency, setup.due_days, setup.evaluations_per_year) == (
        "semester",
        30,
        2,
    )
    with pytest.raises(ValidationError):
        services.monitoring_setup_update(agreement=agreement, evaluations_per_year=0)


# --- Pages -------------------------------------------------------------------------------------


def test_the_list_shows_the_results_chain_with_smart_badges_and_a_summary(client, cast, agreement):
    plan = plan_for(agreement)
    program = Program.objects.create(plan=plan, name="Pengelolaan TPA")
    activity = Activity.objects.create(
        plan=plan,
        program=program,
        name="Perluasan zona aktif TPA",
        start_date=date(2025, 2, 1),
        end_date=date(2025, 9, 30),
    )
    outcome = services.result_create(
        agreement=agreement,
        level="outcome",
        code="OC1",
        statement="Layanan sampah regional andal",
        objective=objective_of(agreement),
    )
    output = services.result_create(
        agreement=agreement,
        level="output",
        code="OP1",
        statement="Kapasitas TPA bertambah",
        parent=outcome,
        activities=[activity],
    )
    good = make_indicator(agreement, code="IKU-1", objective=None, result=output)
    bad = make_indicator(agreement, code="IKU-2", unit="")
    english(client).force_login(cast.sari)
    response = client.get(list_url(agreement))
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 of 2 indicators pass the SMART check" in html
    assert 'data-passing="1" data-total="2"' in html
    objective_at = html.index(f'id="objective-{objective_of(agreement).pk}"')
    outcome_at = html.index(f'id="result-{outcome.pk}"')
    output_at = html.index(f'id="result-{output.pk}"')
    assert objective_at < outcome_at < output_at < html.index(f'id="indicator-{good.pk}"')
    assert "Perluasan zona aktif TPA" in html
    assert html.index(f'id="indicator-{bad.pk}"') < outcome_at  # directly under the objective
    assert 'data-letter="S" data-state="fail"' in html
    assert 'data-letter="S" data-state="pass"' in html
    assert "Specific: fails" in html  # the state is written out, not only coloured
    assert edit_url(good) in html


def test_readers_see_the_list_without_edit_links_and_cannot_open_the_edit_page(cast, client):
    agreement = agreement_with_objective(cast)
    indicator = make_indicator(agreement)
    for person in (cast.dewi, cast.gita, cast.hadi):
        client.force_login(person)
        response = client.get(list_url(agreement))
        assert response.status_code == 200
        assert edit_url(indicator) not in response.content.decode()
        assert client.get(edit_url(indicator)).status_code == 404
        assert client.post(edit_url(indicator), form_data(agreement)).status_code == 404
        assert client.get(create_url(agreement)).status_code == 404
    for person in (cast.budi, cast.eko):
        client.force_login(person)
        assert client.get(list_url(agreement)).status_code == 404
        assert client.get(edit_url(indicator)).status_code == 404


def test_an_indicator_is_created_with_its_targets(client, cast, agreement):
    english(client).force_login(cast.sari)
    page = client.get(create_url(agreement))
    assert page.status_code == 200
    assert 'name="target-quarterly-2025-1"' in page.content.decode()
    assert 'name="target-quarterly-2027-4"' in page.content.decode()
    response = client.post(create_url(agreement), form_data(agreement))
    assert response.status_code == 302
    indicator = Indicator.objects.get(agreement=agreement, code="IKU-1")
    assert [(t.year, t.number, t.value) for t in indicator.targets.all()] == [
        (2025, 4, Decimal(550)),
        (2026, 4, Decimal(600)),
    ]
    assert indicator.responsible_party == agreement.parties.first()
    assert response["Location"].endswith(f"#indicator-{indicator.pk}")


def test_the_edit_page_changes_fields_disaggregations_and_targets(client, cast, agreement):
    indicator = make_indicator(agreement, targets={(2025, 4): 550, (2026, 4): 600})
    english(client).force_login(cast.sari)
    page = client.get(edit_url(indicator))
    html = page.content.decode()
    assert 'name="target-quarterly-2025-4" id="id_target-quarterly-2025-4" value="550"' in html
    assert 'data-passes="true"' in html
    sex = Disaggregation.objects.get(code="sex")
    data = form_data(
        agreement,
        base=opened(client, edit_url(indicator)),
        accumulation="cumulative",
        disaggregations=[sex.pk],
        **{"target-quarterly-2025-4": "", "target-quarterly-2027-4": "700.5"},
    )
    response = client.post(edit_url(indicator), data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.accumulation == "cumulative"
    assert indicator.version == 2
    assert list(indicator.disaggregations.all()) == [sex]
    assert [(t.year, t.number, t.value) for t in indicator.targets.all()] == [
        (2026, 4, Decimal(600)),
        (2027, 4, Decimal("700.5")),
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"baseline_value": "lima ratus"}, "baseline_value", "Enter a number."),
        (
            {"kind": "percentage", "baseline_value": "250"},
            "baseline_value",
            "between 0 and 100",
        ),
        ({"weight": "-1"}, "weight", "cannot be negative"),
        ({"min_value": "100", "max_value": "10"}, "max_value", "must not be below the lowest"),
        ({"start_date": "2026-01-01", "end_date": "2025-01-01"}, "end_date", "before its start"),
        ({"objective": "999999"}, "objective", "Select a valid choice"),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(
    client, cast, agreement, overrides, field, message
):
    english(client).force_login(cast.sari)
    response = client.post(create_url(agreement), form_data(agreement, **overrides))
    assert response.status_code == 400
    assert message in " ".join(errors_of(response)[field])
    assert not Indicator.objects.filter(agreement=agreement).exists()
    # What the person typed is kept.
    assert 'value="550"' in response.content.decode()


def test_bad_targets_are_marked_in_the_grid_and_nothing_is_saved(client, cast, agreement):
    english(client).force_login(cast.sari)
    data = form_data(
        agreement,
        kind="percentage",
        unit="%",
        baseline_value="40",
        **{
            "target-quarterly-2025-4": "250",
            "target-quarterly-2026-4": "banyak",
            "target-quarterly-2030-1": "60",
        },
    )
    response = client.post(create_url(agreement), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "A percentage target lies between 0 and 100." in html
    assert "Enter a number." in html
    assert "Quarter 1 2030 is a target period outside the agreement" in html
    assert 'value="banyak"' in html
    assert html.count('aria-invalid="true"') == 3
    assert not Indicator.objects.filter(agreement=agreement).exists()


def test_a_duplicate_code_is_a_form_error(client, cast, agreement):
    make_indicator(agreement)
    english(client).force_login(cast.sari)
    response = client.post(create_url(agreement), form_data(agreement))
    assert response.status_code == 400
    assert "Another indicator of this agreement has the code IKU-1." in errors_of(response)["code"]


def test_changing_the_frequency_with_targets_entered_asks_to_enter_them_again(
    client, cast, agreement
):
    indicator = make_indicator(agreement)
    english(client).force_login(cast.sari)
    data = form_data(agreement, base=opened(client, edit_url(indicator)), frequency="yearly")
    response = client.post(edit_url(indicator), data)
    assert response.status_code == 400
    assert "targets you entered per period no longer fit" in " ".join(
        errors_of(response)["frequency"]
    )
    html = response.content.decode()
    assert 'name="target-yearly-2026-1"' in html
    assert "Quarter 4 2025: 550" in html
    indicator.refresh_from_db()
    assert (indicator.frequency, indicator.version) == ("quarterly", 1)
    # With the targets re-entered per year, it saves.
    data = form_data(
        agreement,
        base=opened(client, edit_url(indicator)),
        frequency="yearly",
        **{"target-quarterly-2025-4": None, "target-quarterly-2026-4": None},
    )
    data["target-yearly-2026-1"] = "600"
    assert client.post(edit_url(indicator), data).status_code == 302
    assert [(t.year, t.number) for t in indicator.targets.all()] == [(2026, 1)]


def test_a_simultaneous_edit_is_refused_naming_who_saved_first_and_the_input_is_kept(
    client, cast, agreement
):
    indicator = make_indicator(agreement)
    english(client).force_login(cast.sari)
    base = opened(client, edit_url(indicator))
    services.indicator_update(
        indicator=indicator, expected_version=1, user=cast.dewi, name="Diubah orang lain"
    )
    response = client.post(
        edit_url(indicator),
        form_data(agreement, base=base, name="Nama saya"),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert f"{cast.dewi.full_name} changed this at" in html
    assert 'value="Nama saya"' in html
    indicator.refresh_from_db()
    assert (indicator.name, indicator.version) == ("Diubah orang lain", 2)


def test_an_indicator_is_deleted_by_post(client, cast, agreement):
    indicator = make_indicator(agreement)
    client.force_login(cast.sari)
    url = reverse(
        "monitoring:indicator-delete", kwargs={"agreement_pk": agreement.pk, "pk": indicator.pk}
    )
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_results_are_created_and_edited_from_their_pages(client, cast, agreement):
    english(client).force_login(cast.sari)
    url = reverse("monitoring:result-create", kwargs={"agreement_pk": agreement.pk})
    assert client.get(url + "?level=output").status_code == 200
    response = client.post(
        url,
        {
            "level": "outcome",
            "code": "OC1",
            "statement": "Layanan",
            "objective": objective_of(agreement).pk,
        },
    )
    assert response.status_code == 302
    outcome = Result.objects.get(agreement=agreement, code="OC1")
    edit = reverse(
        "monitoring:result-edit", kwargs={"agreement_pk": agreement.pk, "pk": outcome.pk}
    )
    response = client.post(
        edit, {"level": "outcome", "code": "OC1", "statement": "Layanan andal", "objective": ""}
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.statement, outcome.objective_id) == ("Layanan andal", None)
    response = client.post(url, {"level": "outcome", "code": "oc1", "statement": "Dobel"})
    assert response.status_code == 400
    assert "code" in errors_of(response)


def test_the_monitoring_setup_page_saves_and_refuses_bad_numbers(client, cast, agreement):
    english(client).force_login(cast.sari)
    url = reverse("monitoring:monitoring-setup", kwargs={"agreement_pk": agreement.pk})
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"reporting_frequency": "monthly", "due_days": "dua", "evaluations_per_year": "0"}
    )
    assert bad.status_code == 400
    assert {"due_days", "evaluations_per_year"} <= errors_of(bad).keys()
    good = client.post(
        url, {"reporting_frequency": "monthly", "due_days": "10", "evaluations_per_year": "2"}
    )
    assert good.status_code == 302
    assert MonitoringSetup.objects.get(agreement=agreement).evaluations_per_year == 2
    # New indicators follow the set-up's frequency.
    assert 'name="target-monthly-2025-1"' in client.get(create_url(agreement)).content.decode()


def _chain_of(agreement, count: int) -> None:
    plan = plan_for(agreement)
    program = Program.objects.create(plan=plan, name="Program")
    for n in range(count):
        activity = Activity.objects.create(
            plan=plan,
            program=program,
            name=f"Kegiatan {n}",
            start_date=date(2025, 1, 1),
            end_date=date(2025, 1, 1) + timedelta(days=30),
        )
        outcome = Result.objects.create(
            agreement=agreement,
            level="outcome",
            code=f"OC{n}",
            statement="x",
            objective=objective_of(agreement),
        )
        output = Result.objects.create(
            agreement=agreement, level="output", code=f"OP{n}", statement="y", parent=outcome
        )
        output.activities.add(activity)
        make_indicator(
            agreement,
            code=f"I-{n}",
            objective=None,
            result=output,
            responsible_party=agreement.parties.first(),
            targets={(2025, 1): 510, (2025, 2): 520},
        )


def test_the_list_needs_the_same_number_of_queries_for_2_and_12_indicators(client, cast):
    client.force_login(cast.sari)
    counts = []
    for size in (2, 12):
        agreement = agreement_with_objective(cast)
        _chain_of(agreement, size)
        client.get(list_url(agreement))  # warm the per-request caches of the first visit
        with CaptureQueriesContext(connection) as queries:
            response = client.get(list_url(agreement))
        assert response.status_code == 200
        assert response.content.decode().count('class="indicator-item"') == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 20


def test_numbers_are_shown_and_read_as_an_indonesian_reader_types_them(client, cast, agreement):
    indicator = make_indicator(agreement, baseline_value=Decimal("12.5"), targets={(2025, 4): 13})
    client.force_login(cast.sari)  # the default language, Indonesian
    html = client.get(edit_url(indicator)).content.decode()
    assert 'name="baseline_value" value="12,5"' in html
    assert 'name="weight" value="1"' in html
    assert 'id="id_target-quarterly-2025-4" value="13"' in html
    data = form_data(
        agreement,
        base=opened(client, edit_url(indicator)),
        baseline_value="12,5",
        weight="1,5",
        **{"target-quarterly-2025-4": "13,75"},
    )
    assert client.post(edit_url(indicator), data).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.baseline_value, indicator.weight) == (Decimal("12.5"), Decimal("1.5"))
    assert indicator.targets.get(year=2025, number=4).value == Decimal("13.75")
    assert client.get(list_url(agreement)).status_code == 200


def test_a_qualitative_indicator_takes_text_targets(client, cast, agreement):
    english(client).force_login(cast.sari)
    data = form_data(
        agreement,
        kind="qualitative",
        unit="",
        baseline_value="",
        frequency="yearly",
        **{"target-quarterly-2025-4": None, "target-quarterly-2026-4": None},
    )
    data["target-yearly-2026-1"] = "Warga menilai layanan baik"
    response = client.post(create_url(agreement), data)
    assert response.status_code == 302
    indicator = Indicator.objects.get(agreement=agreement)
    assert [(t.year, t.value, t.text) for t in indicator.targets.all()] == [
        (2026, None, "Warga menilai layanan baik")
    ]


def test_the_create_page_starts_from_the_objective_or_result_it_was_opened_from(
    client, cast, agreement
):
    client.force_login(cast.sari)
    objective = objective_of(agreement)
    response = client.get(create_url(agreement) + f"?objective={objective.pk}")
    assert response.context["form"]["objective"].value() == str(objective.pk)


def test_deleting_an_outcome_with_outputs_says_why_and_keeps_it(client, cast, agreement):
    outcome = Result.objects.create(agreement=agreement, level="outcome", code="OC1", statement="x")
    Result.objects.create(
        agreement=agreement, level="output", code="OP1", statement="y", parent=outcome
    )
    english(client).force_login(cast.sari)
    url = reverse(
        "monitoring:result-delete", kwargs={"agreement_pk": agreement.pk, "pk": outcome.pk}
    )
    response = client.post(url, follow=True)
    assert "OC1 has outputs under it" in response.content.decode()
    assert Result.objects.filter(pk=outcome.pk).exists()


def test_dates_centuries_away_are_a_form_error_not_a_crash(client, cast):
    agreement = agreement_with_objective(cast, start_date=None, end_date=None)
    english(client).force_login(cast.sari)
    data = form_data(agreement, start_date="0001-01-01", end_date="9999-12-31")
    data["target-quarterly-0000-1"] = "5"
    response = client.post(create_url(agreement), data)
    assert response.status_code == 400
    assert "Enter a date between 1900 and 2200." in errors_of(response)["end_date"]
    assert not Indicator.objects.filter(agreement=agreement).exists()

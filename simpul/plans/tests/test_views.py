"""Plan pages: who sees and who edits, bad input gives form errors (never a 500), concurrent
edits of a row are merged field by field (a choice where both changed one field), the
submission lists failing SMART letters, approval by every party freezes a version whose diff
and frozen text can be read."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.core.tests.test_uploads import PDF_BYTES
from simpul.plans import checks, services
from simpul.plans.models import Activity, BudgetLine, Objective, Plan, PlanVersion
from simpul.plans.tests.factories import approve_by_all, fill_plan, new_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_plans_own_checks(monkeypatch):
    monkeypatch.setattr(checks, "_checks", [])


@pytest.fixture
def plan(cast):
    plan = new_plan(cast)
    plan.parts = fill_plan(plan, cast.sari)
    return plan


def _as(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _url(name, plan, **kwargs):
    return reverse(f"plans:{name}", kwargs={"agreement_pk": plan.agreement_id, **kwargs})


def _version(plan) -> int:
    return Plan.objects.get(pk=plan.pk).version


def _budget_data(plan, **overrides):
    data = {
        "plan_version": _version(plan),
        "activity": plan.parts["activities"][0].pk,
        "party": plan.agreement.parties.first().pk,
        "funding_source": "apbd",
        "fiscal_year": 2026,
        "planned": "2500000",
        "realised": "0",
        "note": "",
    }
    data.update(overrides)
    return data


def _activity_data(plan, **overrides):
    data = {
        "plan_version": _version(plan),
        "program": plan.parts["program"].pk,
        "name": "Sosialisasi pemilahan",
        "start_date": "2026-01-10",
        "end_date": "2026-08-31",
        "responsible": plan.agreement.parties.first().pk,
        "status": "planned",
        "progress": "0",
        "region": "",
        "latitude": "",
        "longitude": "",
    }
    data.update(overrides)
    return data


# --- Reading ----------------------------------------------------------------------------------


def test_the_plan_page_shows_every_section_with_the_timeline_and_budget(client, cast, plan):
    response = _as(client, cast.sari).get(_url("plan-detail", plan))
    assert response.status_code == 200
    html = response.content.decode()
    for section in ("approval", "assessments", "objectives", "strategies", "risks", "programs"):
        assert f'id="{section}"' in html
    assert 'id="gantt"' in html and 'id="schedule-table"' in html
    assert 'id="risk-matrix"' in html
    assert 'id="budget-by-party"' in html
    assert "Rp\xa01,000,000" in html or "Rp\xa01.000.000" in html
    assert "40.0%" in html or "40,0%" in html
    assert f'data-edit="tujuan-{plan.parts["objective"].pk}"' in html
    assert 'id="submit-form"' in html


@pytest.mark.parametrize("person", ["gita", "hadi", "dewi"])
def test_overseers_and_the_data_officer_read_the_plan_without_edit_controls(
    client, cast, plan, person
):
    response = _as(client, getattr(cast, person)).get(_url("plan-detail", plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-edit=" not in html and "data-add=" not in html
    assert 'id="submit-form"' not in html


@pytest.mark.parametrize("person", ["budi", "eko"])
def test_people_outside_the_agreement_get_404(client, cast, plan, person):
    user = getattr(cast, person)
    assert _as(client, user).get(_url("plan-detail", plan)).status_code == 404
    create = _url("part-create", plan, part="tujuan")
    assert _as(client, user).get(create).status_code == 404


@pytest.mark.parametrize("person", ["gita", "hadi", "dewi"])
def test_read_only_people_cannot_open_or_post_the_edit_forms(client, cast, plan, person):
    user = getattr(cast, person)
    url = _url("part-create", plan, part="tujuan")
    assert _as(client, user).get(url).status_code == 404
    data = {"plan_version": _version(plan), "code": "T9", "statement": "Tidak boleh"}
    assert _as(client, user).post(url, data).status_code == 404
    assert not Objective.objects.filter(code="T9").exists()


def test_an_unknown_part_is_404(client, cast, plan):
    assert _as(client, cast.sari).get(_url("part-create", plan, part="bukan")).status_code == 404


def test_the_plan_page_takes_the_same_number_of_queries_as_the_plan_grows(client, cast):
    small = new_plan(cast, title="Sedikit")
    fill_plan(small, cast.sari)
    large = new_plan(cast, title="Banyak")
    fill_plan(large, cast.sari, activities=6, budget_lines=12)
    _as(client, cast.sari)
    counts = []
    for each in (small, large):
        client.get(_url("plan-detail", each))  # warm the per-request caches alike
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("plan-detail", each)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- Editing ----------------------------------------------------------------------------------


def test_an_editor_adds_an_objective(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="tujuan"),
        {"plan_version": _version(plan), "code": "T2", "statement": "Meningkatkan cakupan"},
    )
    assert response.status_code == 302
    assert Objective.objects.filter(plan=plan, code="T2").exists()


def test_text_in_a_money_field_is_a_form_error(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="anggaran"), _budget_data(plan, planned="dua juta")
    )
    assert response.status_code == 400
    assert "Enter a number." in response.content.decode()
    assert BudgetLine.objects.filter(plan=plan).count() == 1


def test_a_negative_budget_is_a_form_error(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="anggaran"), _budget_data(plan, planned="-100")
    )
    assert response.status_code == 400
    assert BudgetLine.objects.filter(plan=plan).count() == 1


def test_a_party_of_another_agreement_is_a_form_error(client, cast, plan):
    other = new_plan(cast, title="Lain")
    stranger = other.agreement.parties.first()
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="anggaran"), _budget_data(plan, party=stranger.pk)
    )
    assert response.status_code == 400
    assert "not part of this plan or agreement" in response.content.decode()


def test_realised_above_planned_is_saved_with_a_warning(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="anggaran"),
        _budget_data(plan, planned="1000", realised="1500"),
        follow=True,
    )
    assert response.status_code == 200
    assert BudgetLine.objects.filter(plan=plan, realised=1500).exists()
    html = response.content.decode()
    assert "above planned" in html
    assert 'data-over-plan="true"' in html


def test_an_activity_ending_before_it_starts_is_a_form_error(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="kegiatan"),
        _activity_data(plan, start_date="2026-05-01", end_date="2026-02-01"),
    )
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()


def test_an_activity_outside_the_agreement_is_a_form_error(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="kegiatan"),
        _activity_data(plan, start_date="2024-05-01", end_date="2025-02-01"),
    )
    assert response.status_code == 400
    assert "The agreement runs from 1 January 2025" in response.content.decode()
    assert not Activity.objects.filter(name="Sosialisasi pemilahan").exists()


def test_an_editor_adds_an_activity_with_a_point(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="kegiatan"),
        _activity_data(plan, latitude="-7.801389", longitude="110.364444"),
    )
    assert response.status_code == 302
    activity = Activity.objects.get(name="Sosialisasi pemilahan")
    assert (activity.start_date, str(activity.latitude)) == (date(2026, 1, 10), "-7.801389")


def _opened(client, url) -> dict:
    """The hidden fields of an edit form as the person's browser got them when opening it."""
    html = client.get(url).content.decode()
    found = re.search(r'name="base" value="([^"]+)"', html)
    assert found, "the edit form carries its signed snapshot"
    return {"base": found.group(1)}


def _risk_data(risk, **changes) -> dict:
    data = {
        "description": risk.description,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "mitigation": risk.mitigation,
        "owner": risk.owner_id or "",
    }
    data.update(changes)
    return data


def test_two_edits_of_different_fields_of_one_risk_are_both_kept(client, cast, plan):
    risk = plan.parts["risk"]
    url = _url("part-edit", plan, part="risiko", pk=risk.pk)
    sari_opened = _opened(_as(client, cast.sari), url)
    rina = Client()
    rina_opened = _opened(_as(rina, cast.rina), url)
    first = client.post(url, {**sari_opened, **_risk_data(risk, mitigation="Kompensasi")})
    assert first.status_code == 302
    second = rina.post(url, {**rina_opened, **_risk_data(risk, impact=2)}, follow=True)
    assert second.status_code == 200
    assert "nothing was lost" in second.content.decode()
    risk.refresh_from_db()
    assert (risk.mitigation, risk.impact) == ("Kompensasi", 2)
    assert risk.changed_by == cast.rina


def test_two_edits_of_the_same_field_ask_the_second_person_to_choose(client, cast, plan):
    risk = plan.parts["risk"]
    url = _url("part-edit", plan, part="risiko", pk=risk.pk)
    sari_opened = _opened(_as(client, cast.sari), url)
    rina = Client()
    rina_opened = _opened(_as(rina, cast.rina), url)
    client.post(url, {**sari_opened, **_risk_data(risk, mitigation="Versi Sari")})
    second = rina.post(url, {**rina_opened, **_risk_data(risk, mitigation="Versi Rina", impact=2)})
    assert second.status_code == 409
    html = second.content.decode()
    assert cast.sari.full_name in html
    assert 'class="merge-table"' in html
    assert 'name="merge_mitigation"' in html and 'name="merge_impact"' not in html
    assert "Versi Sari" in html and "Versi Rina" in html
    # Nothing of Rina's is saved yet, and Sari's text is still there.
    risk.refresh_from_db()
    assert (risk.mitigation, risk.impact) == ("Versi Sari", 4)
    # Saving again without a choice is refused; with "use mine" Rina's text and impact land.
    merged = {"base": re.search(r'name="base" value="([^"]+)"', html).group(1)}
    fields = _risk_data(risk, mitigation="Versi Rina", impact=2)
    assert rina.post(url, {**merged, **fields}).status_code == 400
    assert rina.post(url, {**merged, **fields, "merge_mitigation": "mine"}).status_code == 302
    risk.refresh_from_db()
    assert (risk.mitigation, risk.impact) == ("Versi Rina", 2)


def test_a_form_with_a_forged_snapshot_is_out_of_date_not_a_crash(client, cast, plan):
    risk = plan.parts["risk"]
    url = _url("part-edit", plan, part="risiko", pk=risk.pk)
    response = _as(client, cast.sari).post(url, {"base": "forged", **_risk_data(risk, impact=1)})
    assert response.status_code == 400
    assert "This form is out of date or incomplete" in response.content.decode()
    risk.refresh_from_db()
    assert risk.impact == 4


def test_deleting_a_row_asks_first_then_deletes(client, cast, plan):
    strategy = plan.parts["strategy"]
    url = _url("part-delete", plan, part="strategi", pk=strategy.pk)
    assert _as(client, cast.sari).get(url).status_code == 200
    response = client.post(url, {"version": strategy.version})
    assert response.status_code == 302
    assert not type(strategy).objects.filter(pk=strategy.pk).exists()


def test_a_submitted_plan_sends_editors_back_with_the_reason(client, cast, plan):
    services.plan_submit(plan=plan, user=cast.sari, expected_version=_version(plan))
    response = _as(client, cast.sari).get(_url("part-create", plan, part="tujuan"), follow=True)
    assert response.redirect_chain[-1][0].endswith(_url("plan-detail", plan))
    assert "start a revision to change it" in response.content.decode()


def test_an_assessment_attachment_is_uploaded_and_downloaded_as_an_attachment(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="kajian"),
        {
            "plan_version": _version(plan),
            "title": "Wawancara warga",
            "method": "interviews",
            "attachment_file": SimpleUploadedFile("wawancara.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    assessment = plan.assessments.get(title="Wawancara warga")
    download = _as(client, cast.dewi).get(_url("assessment-attachment", plan, pk=assessment.pk))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_an_attachment_of_the_wrong_type_is_a_form_error(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="kajian"),
        {
            "plan_version": _version(plan),
            "title": "Wawancara warga",
            "method": "interviews",
            "attachment_file": SimpleUploadedFile("wawancara.pdf", b"#!/bin/sh\necho hi\n"),
        },
    )
    assert response.status_code == 400
    assert not plan.assessments.filter(title="Wawancara warga").exists()


# --- Submitting, approving, returning, revising ---------------------------------------------


def failing_smart_check(plan) -> list:
    return [
        checks.CheckMessage(
            text="Indicator IKU-1 has no baseline.",
            subject="IKU-1",
            letters=("M", "A"),
        )
    ]


def test_a_failing_check_blocks_the_submission_and_the_page_shows_its_letters(
    client, cast, plan, monkeypatch
):
    monkeypatch.setattr(checks, "_checks", ["simpul.plans.tests.test_views.failing_smart_check"])
    response = _as(client, cast.sari).post(
        _url("plan-submit", plan), {"plan_version": _version(plan)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="submit-blocked"' in html
    assert "Indicator IKU-1 has no baseline." in html
    assert 'data-letter="M" title="fails"' in html
    assert 'data-letter="S" title="passes"' in html
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_every_party_approves_then_the_version_is_frozen_and_readable(client, cast, plan):
    # Wati (an editor) submits; sari, who did not submit, approves for Pemkot Yogyakarta.
    _as(client, cast.wati).post(_url("plan-submit", plan), {"plan_version": _version(plan)})
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.SUBMITTED
    own = plan.agreement.parties.get(organization=cast.pemkot_yogyakarta)
    response = _as(client, cast.sari).post(
        _url("plan-approve", plan),
        {"approve-plan_version": _version(plan), "approve-party": own.pk, "approve-note": ""},
    )
    assert response.status_code == 302
    # sari cannot speak for Sleman.
    sleman = plan.agreement.parties.exclude(pk=own.pk).first()
    refused = client.post(
        _url("plan-approve", plan),
        {"approve-plan_version": _version(plan), "approve-party": sleman.pk},
    )
    assert refused.status_code == 400
    assert "cannot decide on behalf of that party" in refused.content.decode()
    _as(client, cast.rina)
    for party in plan.agreement.parties.exclude(pk=own.pk):
        client.post(
            _url("plan-approve", plan),
            {"approve-plan_version": _version(plan), "approve-party": party.pk},
        )
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.APPROVED
    version = PlanVersion.objects.get(plan=plan, number=1)
    page = _as(client, cast.hadi).get(_url("plan-version", plan, number=1))
    assert page.status_code == 200
    html = page.content.decode()
    assert version.sha256 in html
    assert "matches the stored content" in html
    assert plan.parts["objective"].statement in html


def test_returning_without_a_note_is_a_form_error(client, cast, plan):
    services.plan_submit(plan=plan, user=cast.sari, expected_version=_version(plan))
    own = plan.agreement.parties.get(organization=cast.pemkot_yogyakarta)
    response = _as(client, cast.sari).post(
        _url("plan-return", plan),
        {"return-plan_version": _version(plan), "return-party": own.pk, "return-note": ""},
    )
    assert response.status_code == 400
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.SUBMITTED
    response = client.post(
        _url("plan-return", plan),
        {
            "return-plan_version": _version(plan),
            "return-party": own.pk,
            "return-note": "Target 2026 terlalu tinggi",
        },
        follow=True,
    )
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT
    assert "Target 2026 terlalu tinggi" in response.content.decode()


def test_the_data_officer_cannot_approve(client, cast, plan):
    services.plan_submit(plan=plan, user=cast.sari, expected_version=_version(plan))
    party = plan.agreement.parties.first()
    response = _as(client, cast.dewi).post(
        _url("plan-approve", plan),
        {"approve-plan_version": _version(plan), "approve-party": party.pk},
    )
    assert response.status_code == 404


def test_a_revision_shows_its_changes_on_the_diff_page(client, cast, plan):
    approve_by_all(plan, cast.rina)
    response = _as(client, cast.sari).post(
        _url("plan-revise", plan), {"plan_version": _version(plan), "note": "Evaluasi 2026"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.number, plan.status) == (2, Plan.Status.DRAFT)
    edit = _url("part-edit", plan, part="tujuan", pk=plan.parts["objective"].pk)
    client.post(edit, {**_opened(client, edit), "code": "T1", "statement": "Target baru 40%"})
    diff = _as(client, cast.gita).get(_url("plan-diff", plan))
    assert diff.status_code == 200
    html = diff.content.decode()
    assert f'data-change="changed" data-id="{plan.parts["objective"].pk}"' in html
    assert "Target baru 40%" in html
    explicit = client.get(_url("plan-diff", plan) + "?from=1&to=draft")
    assert explicit.status_code == 200
    assert "Target baru 40%" in explicit.content.decode()


def test_a_bad_diff_query_is_a_form_error_not_a_crash(client, cast, plan):
    approve_by_all(plan, cast.rina)
    response = _as(client, cast.sari).get(_url("plan-diff", plan) + "?from=abc&to=9")
    assert response.status_code == 400
    assert "There is no such version to compare." in response.content.decode()


def test_an_unknown_version_is_404(client, cast, plan):
    assert _as(client, cast.sari).get(_url("plan-version", plan, number=7)).status_code == 404


def test_a_form_without_its_version_says_it_is_out_of_date(client, cast, plan):
    response = _as(client, cast.sari).post(
        _url("part-create", plan, part="tujuan"), {"code": "T2", "statement": "Tanpa versi"}
    )
    assert response.status_code == 400
    assert "This form is out of date or incomplete" in response.content.decode()
    assert not Objective.objects.filter(code="T2").exists()


def test_approving_a_draft_says_it_must_be_submitted_first(client, cast, plan):
    own = plan.agreement.parties.get(organization=cast.pemkot_yogyakarta)
    response = _as(client, cast.sari).post(
        _url("plan-approve", plan),
        {"approve-plan_version": _version(plan), "approve-party": own.pk},
        follow=True,
    )
    assert "it must be submitted first" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_an_editor_writes_the_summary(client, cast, plan):
    url = _url("plan-summary", plan)
    opened = _opened(_as(client, cast.sari), url)
    response = client.post(url, {**opened, "summary": "Rencana lima tahun Kartamantul"})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).summary == "Rencana lima tahun Kartamantul"

"""Two people edit the plan's summary (simpul.core.merge on the plan row's own version): a
change to the plan row that is not the summary never costs the person theirs, the same field
changed twice asks which to keep, and nothing is saved before that choice."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.plans import checks, services
from simpul.plans.models import Plan
from simpul.plans.tests.factories import fill_plan, new_plan
from simpul.testing.merge import choices_asked, opened, shown_base

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_plans_own_checks(monkeypatch):
    monkeypatch.setattr(checks, "_checks", [])


@pytest.fixture
def plan(cast):
    plan = new_plan(cast)
    fill_plan(plan, cast.sari)
    services.plan_summary_update(
        plan=plan, user=cast.sari, expected_version=None, summary="Rencana awal"
    )
    return plan


def _person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _url(plan) -> str:
    return reverse("plans:plan-summary", kwargs={"agreement_pk": plan.agreement_id})


def _summary(plan) -> str:
    return Plan.objects.get(pk=plan.pk).summary


def test_a_summary_saved_after_the_plan_went_back_and_forth_is_kept(cast, plan):
    rina = _person(cast.rina)
    base = opened(rina, _url(plan))
    # Meanwhile the plan row changes without its summary: submitted, then returned.
    services.plan_submit(plan=plan, user=cast.sari, expected_version=plan.version)
    own = plan.agreement.parties.get(organization=cast.pemkot_yogyakarta)
    services.plan_return(plan=plan, party=own, user=cast.sari, note="Lengkapi anggaran")
    response = rina.post(_url(plan), {"base": base, "summary": "Ringkasan Rina"}, follow=True)
    assert response.status_code == 200
    assert "nothing was lost" in response.content.decode()
    assert _summary(plan) == "Ringkasan Rina"


def test_two_summaries_ask_the_second_person_to_choose_and_save_the_choice(cast, plan):
    sari, rina = _person(cast.sari), _person(cast.rina)
    sari_base, rina_base = opened(sari, _url(plan)), opened(rina, _url(plan))
    assert sari.post(_url(plan), {"base": sari_base, "summary": "Versi Sari"}).status_code == 302
    response = rina.post(_url(plan), {"base": rina_base, "summary": "Versi Rina"})
    assert response.status_code == 409
    html = response.content.decode()
    assert 'class="merge-table"' in html and cast.sari.full_name in html
    assert "Versi Sari" in html and "Versi Rina" in html
    assert choices_asked(response) == {"summary"}
    assert _summary(plan) == "Versi Sari"
    merged = {"base": shown_base(response), "summary": "Versi Rina"}
    assert rina.post(_url(plan), merged).status_code == 400
    assert _summary(plan) == "Versi Sari"
    chosen = rina.post(_url(plan), {**merged, "merge_summary": "mine"})
    assert chosen.status_code == 302
    assert _summary(plan) == "Versi Rina"


def test_a_person_who_did_not_touch_the_summary_never_overwrites_it(cast, plan):
    sari, rina = _person(cast.sari), _person(cast.rina)
    sari_base, rina_base = opened(sari, _url(plan)), opened(rina, _url(plan))
    sari.post(_url(plan), {"base": sari_base, "summary": "Versi Sari"})
    # Rina presses Save on her stale page without changing anything.
    response = rina.post(_url(plan), {"base": rina_base, "summary": "Rencana awal"})
    assert response.status_code == 302
    assert _summary(plan) == "Versi Sari"

"""The "Next steps" of an agreement and its tab bar: buttons name actions, one primary button,
rare or destructive steps ask first; thirteen tabs folded into groups."""

import re

from django.urls import reverse

from simpul.agreements.models import Transition, Workflow
from simpul.agreements.tests.factories import make_agreement, set_state
from simpul.agreements.workflow import workflow_copy_for_region
from simpul.agreements.workflow_defaults import ACTIONS


def detail(client, agreement, *, language: str = "id") -> str:
    client.cookies["django_language"] = language
    return client.get(
        reverse("agreements:agreement-detail", kwargs={"pk": agreement.pk})
    ).content.decode()


def buttons(html: str) -> dict[str, tuple[str, str]]:
    """The submit button of each step, by transition code: its opening tag and its words."""
    found = {}
    for form in re.finditer(r'<form[^>]*data-transition="([^"]+)".*?</form>', html, re.DOTALL):
        button = re.search(r"<button type=\"submit\"(.*?)>(.*?)</button>", form.group(0), re.DOTALL)
        assert button is not None
        found[form.group(1)] = (button.group(1), " ".join(button.group(2).split()))
    return found


def test_an_agreement_in_force_offers_actions_not_the_states_they_lead_to(client, cast):
    agreement = make_agreement(cast)
    set_state(agreement, "active")
    client.force_login(cast.sari)
    found = buttons(detail(client, agreement))
    assert found["suspend"][1] == "Tangguhkan"
    assert found["open_dispute"][1] == "Buka perselisihan"
    assert found["take_over"][1] == "Ambil alih"
    words = {text for _tag, text in found.values()}
    assert not words & {"Perselisihan dibuka", "Diambil alih", "Ditangguhkan"}


def test_the_buttons_speak_english_to_an_english_reader(client, cast):
    agreement = make_agreement(cast)
    set_state(agreement, "active")
    client.force_login(cast.sari)
    found = buttons(detail(client, agreement, language="en"))
    assert found["open_dispute"][1] == "Open a dispute"
    assert found["take_over"][1] == "Take over"


def test_destructive_steps_are_secondary_buttons_that_ask_for_confirmation(client, cast):
    agreement = make_agreement(cast)
    set_state(agreement, "active")
    client.force_login(cast.sari)
    found = buttons(detail(client, agreement))
    for code in ("suspend", "terminate", "open_dispute", "take_over"):
        tag = found[code][0]
        assert "secondary" in tag, code
        assert "data-confirm=" in tag, code
    assert "data-confirm=" not in found["extend"][0]


def test_the_usual_next_step_is_the_one_primary_button(client, cast):
    agreement = make_agreement(cast)  # a draft: send the offer, or withdraw it
    client.force_login(cast.sari)
    found = buttons(detail(client, agreement))
    assert found["offer"][1] == "Kirim penawaran"
    primary = [code for code, (tag, _text) in found.items() if "secondary" not in tag]
    assert primary == ["offer"]
    assert "data-confirm=" in found["withdraw"][0]


def test_every_shipped_transition_has_an_action_label_in_both_languages(db):
    shipped = Transition.objects.filter(workflow__region__isnull=True)
    assert shipped.exists()
    assert not shipped.filter(action_id="").exists()
    assert not shipped.filter(action_en="").exists()
    assert set(shipped.values_list("code", flat=True)) <= set(ACTIONS)


def test_a_regional_copy_of_a_workflow_keeps_the_action_labels(cast):
    national = Workflow.objects.get(family="ksdd", region__isnull=True)
    copy = workflow_copy_for_region(family="ksdd", region=cast.yogyakarta)
    theirs = copy.transitions.get(code="take_over", source__code="active")
    ours = national.transitions.get(code="take_over", source__code="active")
    assert (
        (theirs.action_id, theirs.emphasis)
        == (ours.action_id, ours.emphasis)
        == (
            "Ambil alih",
            Transition.Emphasis.CONFIRM,
        )
    )


def test_the_tab_bar_folds_plans_and_participation_into_two_groups(client, cast):
    agreement = make_agreement(cast)
    client.force_login(cast.sari)
    html = detail(client, agreement, language="en")
    bar = re.search(r'<nav class="agreement-tabs".*?</nav>', html, re.DOTALL).group(0)
    top = re.findall(r"<li(?: class=\"tab-group[^\"]*\" data-group=\"(\w+)\")?>", bar)
    assert [g for g in top if g] == ["results", "participation"]
    results = re.search(r'data-group="results".*?</details>', bar, re.DOTALL).group(0)
    for label in ("Plan", "Results", "Indicators", "Data collection", "Evaluations", "Reports"):
        assert f">{label}</a>" in results
    assert 'aria-current="page">Overview</a>' in bar


def test_a_tab_inside_a_group_marks_its_group_as_current(client, cast):
    agreement = make_agreement(cast)
    client.force_login(cast.sari)
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("monitoring:period-list", kwargs={"agreement_pk": agreement.pk})
    ).content.decode()
    assert '<summary aria-current="true">Plans &amp; results' in html
    assert 'aria-current="page">Data collection</a>' in html

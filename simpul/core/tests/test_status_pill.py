"""The shared status scale and the wide-table wrapper (`{% load simpul_ui %}`)."""

import re

import pytest
from django.template import Context, Template

from simpul.core.status import register_status_kind


def render(source: str, **context) -> str:
    return Template("{% load simpul_ui %}" + source).render(Context(context))


def pill(kind: str, value: str, label: str = "") -> str:
    return render("{% status_pill kind value label %}", kind=kind, value=value, label=label)


def tone_of(html: str) -> str:
    found = re.search(r'data-tone="(\w+)"', html)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        ("indicator", "on_track", "off_track"),
        ("stage", "active", "in_dispute"),
        ("complaint", "answered", "rejected"),
    ],
)
def test_a_good_and_a_bad_status_of_each_kind_look_different(kind, good, bad):
    assert tone_of(pill(kind, good)) == "success"
    assert tone_of(pill(kind, bad)) == "error"
    assert "tone-success" in pill(kind, good)
    assert "tone-error" in pill(kind, bad)


@pytest.mark.parametrize(
    ("kind", "value", "tone"),
    [
        ("indicator", "at_risk", "warning"),
        ("indicator", "no_data", "neutral"),
        ("stage", "draft", "neutral"),
        ("stage", "suspended", "warning"),
        ("stage", "terminated", "neutral"),
        ("stage", "kb_drafting", "info"),
        ("complaint", "in_follow_up", "warning"),
    ],
)
def test_each_status_gets_its_tone_on_the_one_scale(kind, value, tone):
    assert tone_of(pill(kind, value)) == tone


def test_a_pill_says_its_status_in_words_and_with_a_symbol_not_by_colour_alone():
    html = pill("indicator", "off_track", "Off track")
    assert "Off track" in html
    assert '<span class="status-pill-symbol" aria-hidden="true">✕</span>' in html
    assert "✓" in pill("indicator", "on_track", "On track")


def test_every_tone_has_its_own_symbol():
    symbols = {
        re.search(r'aria-hidden="true">(.)</span>', pill("stage", value)).group(1)
        for value in ("active", "suspended", "in_dispute", "offered", "draft")
    }
    assert len(symbols) == 5


def test_a_stage_a_region_added_to_its_workflow_is_shown_as_a_step_on_the_way():
    html = pill("stage", "bupati_review", "Telaah bupati")
    assert tone_of(html) == "info"
    assert "Telaah bupati" in html


def test_a_pill_without_a_label_shows_its_value_and_an_unknown_kind_is_neutral():
    html = pill("nothing-registered", "odd")
    assert tone_of(html) == "neutral"
    assert "> odd</span>" in html


def test_a_label_is_escaped():
    assert "<script>" not in pill("indicator", "on_track", "<script>x</script>")


def test_registering_an_unknown_tone_is_refused():
    with pytest.raises(ValueError, match="unknown tones"):
        register_status_kind("broken", {"x": "pink"})


def test_a_wide_table_sits_in_a_focusable_region_labelled_by_its_caption():
    html = render(
        "{% table_wrap %}<table><caption>Periods &amp; <em>parties</em></caption>"
        "<tr><td>1</td></tr></table>{% end_table_wrap %}"
    )
    wrapper = re.search(r"<div class=\"table-wrap table-scroll\"[^>]*>", html).group(0)
    assert 'role="region"' in wrapper
    assert 'tabindex="0"' in wrapper
    assert 'aria-label="Periods &amp; parties"' in wrapper
    assert "data-table-wrap" in wrapper
    assert "<td>1</td>" in html
    # The hint that it scrolls is there for the script to show once the table overflows.
    assert re.search(r'<p class="table-scroll-hint" aria-hidden="true" hidden>', html)


def test_a_table_wrapper_takes_an_explicit_label_over_the_caption():
    html = render(
        '{% table_wrap "Timeline" %}<table><caption>Other</caption></table>{% end_table_wrap %}'
    )
    assert 'aria-label="Timeline"' in html


def test_a_table_wrapper_without_any_caption_still_has_a_label():
    html = render("{% table_wrap %}<div class='gantt'></div>{% end_table_wrap %}")
    assert re.search(r'aria-label="[^"]+"', html)

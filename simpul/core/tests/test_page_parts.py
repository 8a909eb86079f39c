"""The shared page parts of simpul_ui: breadcrumbs, pagination links, icons, form fields."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe


def _render(source: str, **context) -> str:
    with translation.override("en"):
        return Template("{% load simpul_ui %}" + source).render(Context(context))


def test_a_breadcrumb_is_a_labelled_nav_whose_last_step_is_the_current_page():
    html = _render(
        '{% breadcrumbs "Agreements" "/kerja-sama/" code "/kerja-sama/1/" "Plan" %}',
        code="KSD-2026-00001",
    )
    assert '<nav aria-label="Breadcrumb" class="breadcrumb">' in html
    assert '<a href="/kerja-sama/">Agreements</a>' in html
    assert '<a href="/kerja-sama/1/">KSD-2026-00001</a>' in html
    assert '<span aria-current="page">Plan</span>' in html
    assert html.count("aria-current") == 1


def test_a_breadcrumb_leaves_out_an_optional_level_without_a_label():
    html = _render('{% breadcrumbs "Regions" "/wilayah/" parent.name parent.url "Sleman" %}')
    assert html.count("<li>") == 2 and "Regions" in html and "Sleman" in html


def test_a_breadcrumb_escapes_names_people_typed():
    html = _render('{% breadcrumbs "Organisations" "/o/" name %}', name="<b>Dinas</b>")
    assert "&lt;b&gt;Dinas&lt;/b&gt;" in html and "<b>" not in html


def test_a_breadcrumb_without_a_current_page_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        _render('{% breadcrumbs "Agreements" "/kerja-sama/" %}')


HAND_DRAWN_TRAIL = re.compile(r"""include ["'][^"']*breadcrumb|<nav[^>]*breadcrumb""", re.I)


def test_every_breadcrumb_trail_is_drawn_by_the_shared_tag_itself():
    # Per-app wrapper includes drifted apart (levels lost, separators differed): pages call
    # {% breadcrumbs %} directly, and only its own template draws the <nav>.
    shared = Path(settings.BASE_DIR, "templates", "includes", "breadcrumbs.html")
    templates = [*Path(settings.BASE_DIR, "templates").rglob("*.html")]
    templates += Path(settings.BASE_DIR, "simpul").rglob("templates/**/*.html")
    offenders = [
        str(template.relative_to(settings.BASE_DIR))
        for template in templates
        if template != shared
        and ("breadcrumb" in template.name or HAND_DRAWN_TRAIL.search(template.read_text()))
    ]
    assert offenders == []


def test_a_chart_and_its_table_are_drawn_side_by_side_by_one_part():
    html = _render(
        "{% chart_with_table chart %}<table><caption>Data</caption></table>"
        "{% end_chart_with_table %}",
        chart=mark_safe('<svg role="img"></svg>'),  # noqa: S308
    )
    assert " ".join(html.split()) == (
        '<div class="chart-with-table"> <figure class="chart"><svg role="img"></svg></figure> '
        '<div class="chart-data"><table><caption>Data</caption></table></div> </div>'
    )


def test_a_chart_part_without_a_chart_draws_only_its_table():
    html = _render("{% chart_with_table chart %}<table></table>{% end_chart_with_table %}")
    assert html.strip() == "<table></table>"


def test_every_chart_with_a_table_beside_it_at_1024_px_uses_the_one_shared_style():
    # Pages once had three copies (monitoring, scorecard, surveys) and a "stacked" variant
    # that put the table under the chart on wide screens.
    css = Path(settings.BASE_DIR, "static", "css", "simpul.css").read_text()
    side_by_side = r"@media \(min-width: 1024px\) \{\s*\.chart-with-table \{ grid-template-columns:"
    assert re.search(side_by_side, css)
    sheets = Path(settings.BASE_DIR, "simpul").rglob("static/**/*.css")
    assert [s.name for s in sheets if "chart-with-table" in s.read_text()] == []


def _pager(query_string: str, **context) -> str:
    from django.core.paginator import Paginator

    request = RequestFactory().get("/publik/kerja-sama/?" + query_string)
    page = Paginator(list(range(50)), 10).get_page(request.GET.get("page"))
    with translation.override("en"):
        return Template('{% include "includes/pagination.html" %}').render(
            Context({"request": request, "page": page, **context})
        )


def test_the_pager_keeps_the_filters_of_the_current_address_and_says_where_you_are():
    html = _pager("q=sampah&tahun=2026&page=2")
    assert 'href="?q=sampah&amp;tahun=2026&amp;page=1" rel="prev"' in html
    assert 'href="?q=sampah&amp;tahun=2026&amp;page=3" rel="next"' in html
    assert '<span aria-current="page">Page 2 of 5</span>' in html
    assert '<nav class="pagination" aria-label="Pages">' in html


def test_the_pager_uses_the_query_a_view_gives_it():
    html = _pager("page=1&junk=1", query="status=open")
    assert 'href="?status=open&amp;page=2"' in html and "junk" not in html


def test_an_icon_is_inline_svg_hidden_from_screen_readers():
    html = _render('{% icon "lock" %} Locked')
    assert html.startswith('<svg class="icon icon-lock"') and 'aria-hidden="true"' in html
    with pytest.raises(TemplateSyntaxError):
        _render('{% icon "unicorn" %}')


# Emoji need an emoji font; without one 🔒 and ⏰ show as empty boxes.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2300-\u23ff\u2600-\u27bf]")


def test_no_stylesheet_draws_an_emoji():
    sheets = [*Path(settings.BASE_DIR, "static").rglob("*.css")]
    sheets += Path(settings.BASE_DIR, "simpul").rglob("static/**/*.css")
    offenders = [
        f"{sheet.name}: {line.strip()}"
        for sheet in sheets
        for line in sheet.read_text().splitlines()
        if "content" in line and EMOJI.search(line)
    ]
    assert offenders == []


class _Form(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your identity card.")


def test_a_field_group_links_its_widget_to_its_error_and_help_and_marks_it_invalid():
    with translation.override("en"):
        html = _Form(data={})["name"].as_field_group()
    assert '<label for="id_name">Name <span class="required" aria-hidden="true">*</span>' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_error id_name_helptext"' in html
    assert '<small id="id_name_error" class="field-error" role="alert">' in html
    assert '<small id="id_name_helptext" class="help">As on your identity card.</small>' in html


def test_a_valid_field_is_described_by_its_help_only():
    html = _Form(data={"name": "Sari"})["name"].as_field_group()
    assert 'aria-describedby="id_name_helptext"' in html and "aria-invalid" not in html

"""The knowledge pages: the list and its filters at a fixed query count, an item's results
from verified values only, two writers merged, and lessons started from a finding or a
decision that link back to it."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.models import GovernmentAffair
from simpul.agreements.tests.factories import make_agreement
from simpul.knowledge import services
from simpul.knowledge.models import KnowledgeItem
from simpul.knowledge.tests.factories import make_decision, make_finding, make_item
from simpul.meetings.services import minutes as minutes_services
from simpul.monitoring.tests.test_analysis import make_indicator, parties_of, period, report
from simpul.testing.merge import choices_asked, opened

LIST = reverse("knowledge:item-list")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_one_item_or_six(cast):
    client = signed_in(cast.sari)
    make_item(cast, regions=[cast.yogyakarta])
    one = queries(client, LIST)
    for number in range(5):
        make_item(cast, title=f"Praktik {number}", regions=[cast.sleman, cast.bantul])

    assert queries(client, LIST) == one


def test_the_list_filters_by_kind_affair_region_and_year(cast):
    waste = GovernmentAffair.objects.get(code="environment")
    make_item(cast, title="Bank sampah", affairs=[waste], regions=[cast.yogyakarta], year=2025)
    make_item(cast, title="Video webinar", kind="article", regions=[cast.sleman], year=2024)
    client = signed_in(cast.sari)

    assert "Video webinar" not in client.get(LIST, {"kind": "practice"}).text
    assert "Video webinar" not in client.get(LIST, {"affair": waste.pk}).text
    by_region = client.get(LIST, {"region": cast.sleman.pk}).text
    assert "Video webinar" in by_region and "Bank sampah" not in by_region
    assert "Bank sampah" not in client.get(LIST, {"year": 2024}).text


def test_garbled_filters_are_said_beside_their_field_never_a_server_error(cast):
    response = signed_in(cast.sari).get(LIST, {"kind": "x", "year": "abc", "region": "';--"})

    assert response.status_code == 200


def test_other_regions_see_only_published_items_in_the_list(cast):
    make_item(cast, title="Draf rahasia")
    make_item(cast, title="Praktik terbit", status="published")

    page = signed_in(cast.budi).get(LIST).text

    assert "Praktik terbit" in page and "Draf rahasia" not in page


def test_an_items_results_show_only_verified_values_of_its_indicators(cast):
    agreement = make_agreement(cast, state="active")
    indicator = make_indicator(agreement, name="Sampah terpilah", unit="ton")
    party = parties_of(agreement)[0]
    report(indicator, period(agreement, 2025, 1), party, 120)
    report(indicator, period(agreement, 2025, 2), party, 999, status="submitted")
    item = make_item(cast, agreements=[agreement], indicators=[indicator])

    page = signed_in(cast.sari).get(reverse("knowledge:item-detail", args=[item.pk])).text

    assert "Sampah terpilah" in page and "<td>120</td>" in page and ">999<" not in page
    assert "<svg" in page


def test_two_writers_editing_different_fields_both_keep_their_change(cast):
    item = make_item(cast)
    url = reverse("knowledge:item-edit", args=[item.pk])
    wati, sari = signed_in(cast.wati), signed_in(cast.sari)
    base_wati, base_sari = opened(wati, url), opened(sari, url)
    fields = {"title": item.title, "problem": item.problem, "approach": item.approach,
              "year": item.year, "licence": item.licence, "summary": item.summary}  # fmt: skip

    wati.post(url, {**fields, "base": base_wati, "pitfalls": "Jangan paksa warga"})
    response = sari.post(url, {**fields, "base": base_sari, "cost": "25000000"})

    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.pitfalls, item.cost) == ("Jangan paksa warga", 25000000)


def test_two_writers_changing_one_field_differently_are_asked_which_to_keep(cast):
    item = make_item(cast)
    url = reverse("knowledge:item-edit", args=[item.pk])
    wati, sari = signed_in(cast.wati), signed_in(cast.sari)
    base_wati, base_sari = opened(wati, url), opened(sari, url)
    fields = {"problem": item.problem, "approach": item.approach, "year": item.year,
              "licence": item.licence}  # fmt: skip

    wati.post(url, {**fields, "base": base_wati, "title": "Bank sampah RW"})
    response = sari.post(url, {**fields, "base": base_sari, "title": "Bank sampah kota"})

    assert response.status_code == 409
    assert choices_asked(response) == {"title"}
    assert KnowledgeItem.objects.get(pk=item.pk).title == "Bank sampah RW"


def test_a_lesson_started_from_a_finding_links_back_to_it(cast):
    finding = make_finding(cast)

    response = signed_in(cast.wati).post(
        reverse("knowledge:lesson-from-finding", args=[finding.pk]),
        {"owner": cast.pemkot_yogyakarta.pk},
    )

    lesson = KnowledgeItem.objects.get(source_finding=finding)
    assert response.status_code == 302
    assert (lesson.kind, lesson.status, lesson.summary) == ("lesson", "draft", finding.text)
    assert list(lesson.agreements.all()) == [finding.evaluation.agreement]
    page = signed_in(cast.wati).get(reverse("knowledge:item-detail", args=[lesson.pk])).text
    evaluation_url = reverse(
        "monitoring:evaluation-detail",
        args=[finding.evaluation.agreement_id, finding.evaluation_id],
    )
    assert evaluation_url in page


def test_a_lesson_started_from_a_meeting_decision_links_back_to_its_minutes(cast):
    decision = make_decision(cast)

    lesson = services.lesson_from_decision(
        user=cast.lina, owner=cast.sekber_kartamantul, decision=decision
    )

    page = signed_in(cast.lina).get(reverse("knowledge:item-detail", args=[lesson.pk])).text
    assert lesson.source_decision == decision
    assert reverse("meetings:minutes", args=[decision.agenda_item.meeting_id]) in page


def test_a_lesson_is_not_started_for_an_organisation_the_person_does_not_write_for(cast):
    finding = make_finding(cast)

    response = signed_in(cast.wati).post(
        reverse("knowledge:lesson-from-finding", args=[finding.pk]),
        {"owner": cast.pemkot_semarang.pk},
    )

    assert response.status_code == 400
    assert not KnowledgeItem.objects.filter(source_finding=finding).exists()


def test_the_evaluation_and_minutes_pages_offer_to_share_a_finding_or_decision_as_a_lesson(cast):
    finding = make_finding(cast)
    decision = make_decision(cast)
    evaluation_url = reverse(
        "monitoring:evaluation-detail",
        args=[finding.evaluation.agreement_id, finding.evaluation_id],
    )
    minutes_services.minutes_start(meeting=decision.agenda_item.meeting, user=cast.lina)

    evaluation_page = signed_in(cast.sari).get(evaluation_url).text
    minutes_page = (
        signed_in(cast.lina)
        .get(reverse("meetings:minutes", args=[decision.agenda_item.meeting_id]))
        .text
    )

    assert reverse("knowledge:lesson-from-finding", args=[finding.pk]) in evaluation_page
    assert reverse("knowledge:lesson-from-decision", args=[decision.pk]) in minutes_page


def test_the_agreements_knowledge_tab_lists_the_items_naming_it_that_the_reader_reads(cast):
    agreement = make_agreement(cast, state="active")
    make_item(cast, title="Praktik terbit", status="published", agreements=[agreement])
    make_item(cast, title="Draf Sekber", owner=cast.sekber_kartamantul, by=cast.lina,
              agreements=[agreement])  # fmt: skip
    make_item(cast, title="Praktik lain", status="published")

    page = (
        signed_in(cast.wati).get(reverse("knowledge:agreement-knowledge", args=[agreement.pk])).text
    )

    assert "Praktik terbit" in page
    assert "Draf Sekber" not in page and "Praktik lain" not in page

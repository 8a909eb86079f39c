"""The adoption loop: an organisation marks interest in a practice, records its exchange
visit (its submitted learning report), decides (adopt, adapt or not now, with the reason),
plans the adoption (its own agreement or plan activity) and follows it with an indicator;
the practice page shows where it was adopted and the funnel, counted in the database."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.core.errors import Conflict, InvalidInput, NotAllowed
from simpul.knowledge import services_adoption as services
from simpul.knowledge.selectors_adoption import adoption_funnel
from simpul.knowledge.tests.factories import make_item
from simpul.meetings.services import visits as visit_services
from simpul.meetings.tests.visit_factories import exchange_visit
from simpul.monitoring.tests.test_analysis import make_indicator, parties_of, period, report


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def semarang_report(cast):
    """Kota Semarang's submitted learning report of its visit to TPST Piyungan."""
    visit = exchange_visit(cast, visitors=[cast.semarang])
    learning = visit_services.learning_report_create(
        visit=visit, user=cast.budi, organization=cast.pemkot_semarang,
        seen="Bank sampah", adoptable="Tarif per ton",
    )  # fmt: skip
    return visit_services.learning_report_submit(
        report=learning, user=cast.budi, version=learning.version
    )


def interest(cast, item=None):
    item = item or make_item(cast, status="published")
    return services.adoption_express_interest(
        item=item, user=cast.budi, organization=cast.pemkot_semarang, note="TPA kami penuh"
    )


def test_a_region_goes_from_interest_to_results_and_the_funnel_counts_each_step(cast):
    item = make_item(cast, status="published")
    adoption = interest(cast, item)
    services.adoption_record_visit(
        adoption=adoption, user=cast.budi, version=adoption.version,
        learning_report=semarang_report(cast),
    )  # fmt: skip
    services.adoption_decide(
        adoption=adoption, user=cast.budi, version=adoption.version, decision="adapt",
        reason="Tanpa TPST bersama: tiap kecamatan",
    )  # fmt: skip
    own = make_agreement(cast, parties=[cast.pemkot_semarang, government_of(cast.yogyakarta)])
    indicator = make_indicator(own, name="Sampah terpilah Semarang")
    report(indicator, period(own, 2026, 1), parties_of(own)[0], 40)
    services.adoption_plan(
        adoption=adoption, user=cast.budi, version=adoption.version, agreement=own,
        activity=None, indicator=indicator, note="Mulai di dua kecamatan",
    )  # fmt: skip

    funnel = adoption_funnel(item)
    assert (funnel.interested, funnel.visited, funnel.decided) == (1, 1, 1)
    assert (funnel.implemented, funnel.results) == (1, 1)
    adoption.refresh_from_db()
    assert (adoption.status, adoption.decision) == ("implementing", "adapt")


def test_the_practice_page_shows_the_adopters_on_its_list_and_map(cast):
    item = make_item(cast, status="published")
    interest(cast, item)

    page = signed_in(cast.sari).get(reverse("knowledge:item-detail", args=[item.pk])).text
    features = signed_in(cast.sari).get(reverse("knowledge:adoption-map", args=[item.pk])).json()

    assert "Pemerintah Kota Semarang" in page and 'id="adoption-map"' in page
    roles = {f["properties"]["code"]: f["properties"]["role"] for f in features["features"]}
    assert roles == {"33.74": "child", "34.71": "self"}


def test_the_practice_page_costs_the_same_queries_for_one_adopter_or_three(cast):
    item = make_item(cast, status="published")
    client = signed_in(cast.gita)
    url = reverse("knowledge:item-detail", args=[item.pk])
    interest(cast, item)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for user, organization in ((cast.eko, cast.ngo), (cast.lina, cast.sekber_kartamantul)):
        services.adoption_express_interest(item=item, user=user, organization=organization)
    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three) == len(one)


def test_not_now_and_adapt_need_a_reason_adopt_does_not(cast):
    adoption = interest(cast)

    with pytest.raises(InvalidInput):
        services.adoption_decide(
            adoption=adoption, user=cast.budi, version=adoption.version, decision="not_now",
            reason="",
        )  # fmt: skip
    services.adoption_decide(
        adoption=adoption, user=cast.budi, version=adoption.version, decision="adopt", reason=""
    )
    assert adoption.status == "decided"


def test_a_not_now_is_never_planned(cast):
    adoption = interest(cast)
    services.adoption_decide(
        adoption=adoption, user=cast.budi, version=adoption.version, decision="not_now",
        reason="Anggaran 2027",
    )  # fmt: skip
    own = make_agreement(cast, parties=[cast.pemkot_semarang, government_of(cast.yogyakarta)])

    with pytest.raises(InvalidInput):
        services.adoption_plan(
            adoption=adoption, user=cast.budi, version=adoption.version, agreement=own,
            activity=None, indicator=None, note="",
        )  # fmt: skip


def test_the_plan_names_an_agreement_of_the_adopter_only(cast):
    adoption = interest(cast)
    services.adoption_decide(
        adoption=adoption, user=cast.budi, version=adoption.version, decision="adopt", reason=""
    )
    others = make_agreement(cast)  # Kota Yogyakarta, Sleman and Bantul

    with pytest.raises(InvalidInput) as error:
        services.adoption_plan(
            adoption=adoption, user=cast.budi, version=adoption.version, agreement=others,
            activity=None, indicator=None, note="",
        )  # fmt: skip
    assert "agreement" in error.value.message_dict


def test_the_visit_is_the_adopters_own_submitted_learning_report(cast):
    adoption = interest(cast)
    visit = exchange_visit(cast)
    yogyakarta = visit_services.learning_report_create(
        visit=visit, user=cast.sari, organization=cast.pemkot_yogyakarta, seen="a", adoptable="b"
    )
    yogyakarta = visit_services.learning_report_submit(
        report=yogyakarta, user=cast.sari, version=yogyakarta.version
    )

    with pytest.raises(InvalidInput):
        services.adoption_record_visit(
            adoption=adoption, user=cast.budi, version=adoption.version,
            learning_report=yogyakarta,
        )  # fmt: skip


def test_an_owner_does_not_mark_interest_in_its_own_practice(cast):
    item = make_item(cast, status="published")

    with pytest.raises(NotAllowed):
        services.adoption_express_interest(
            item=item, user=cast.sari, organization=cast.pemkot_yogyakarta
        )


def test_only_the_adopters_editors_decide_for_it(cast):
    adoption = interest(cast)

    with pytest.raises(NotAllowed):
        services.adoption_decide(
            adoption=adoption, user=cast.sari, version=adoption.version, decision="adopt",
            reason="",
        )  # fmt: skip


def test_two_decisions_from_the_same_page_make_one_and_a_conflict(cast):
    adoption = interest(cast)
    version = adoption.version
    services.adoption_decide(
        adoption=adoption, user=cast.budi, version=version, decision="adopt", reason=""
    )

    with pytest.raises(Conflict):
        services.adoption_decide(
            adoption=adoption, user=cast.budi, version=version, decision="not_now", reason="x"
        )


def test_an_organisation_that_marked_its_interest_is_not_offered_the_form_again(cast):
    item = make_item(cast, status="published")
    url = reverse("knowledge:item-detail", args=[item.pk])
    assert 'id="adoption-interest-form"' in signed_in(cast.budi).get(url).text

    interest(cast, item)

    assert 'id="adoption-interest-form"' not in signed_in(cast.budi).get(url).text


def test_the_sharing_organisations_editors_hear_of_an_adopters_decision(cast):
    from simpul.notifications.models import Notification

    item = make_item(cast, status="published")
    adoption = interest(cast, item)
    services.adoption_decide(
        adoption=adoption, user=cast.budi, version=adoption.version, decision="not_now",
        reason="Anggaran 2026 sudah terkunci",
    )  # fmt: skip
    told = Notification.objects.filter(kind="knowledge.adoption")
    owners = set(told.values_list("recipient", flat=True))
    assert cast.budi.pk not in owners and owners
    assert {n.body for n in told} == {"Anggaran 2026 sudah terkunci"}
    assert all(n.url == reverse("knowledge:item-detail", args=[item.pk]) for n in told)

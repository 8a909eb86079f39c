"""The agreement's collaboration-health tab and the recognition pages: what each reader sees,
public against internal, bad input, and queries that do not grow with the data."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.meetings.models import Attendance
from simpul.meetings.tests.factories import make_meeting
from simpul.scorecard import health

YEAR = timezone.localdate().year - 1


def on(month: int, day: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(date(YEAR, month, day), time(9)))


def person(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def held(cast, agreement, host, month, *, present=()):
    meeting = make_meeting(cast, agreement=agreement, starts_at=on(month), host=host, status="held")
    for org in present:
        Attendance.objects.create(meeting=meeting, organization=org, name="W", status="present")
    return meeting


@pytest.mark.django_db
def test_the_health_tab_shows_every_party_side_by_side_with_each_formula(cast):
    agreement = make_agreement(cast, state="active")
    sleman, bantul = government_of(cast.sleman), government_of(cast.bantul)
    held(cast, agreement, sleman, 2, present=(sleman, cast.pemkot_yogyakarta))
    url = reverse("health:agreement", kwargs={"agreement_pk": agreement.pk})

    response = person(cast.yanto).get(url, {"year": YEAR})

    assert response.status_code == 200
    html = response.content.decode()
    assert [name for name, _party in response.context["columns"]] == [
        "Whole agreement",
        cast.pemkot_yogyakarta.name,
        sleman.name,
        bantul.name,
    ]
    attendance = next(row for row in response.context["rows"] if row["measure"].key == "attendance")
    assert [(f.num, f.den) for f in attendance["cells"]] == [(2, 3), (1, 1), (1, 1), (0, 1)]
    for measure in health.MEASURES:
        assert escape(str(measure.formula)) in html
    assert 'id="health-score-table"' in html and "<svg" in html
    assert "no data" in html  # e.g. obligations: none recorded


@pytest.mark.django_db
def test_the_health_tab_is_404_for_an_outsider_and_a_bad_year_shows_this_year(cast):
    agreement = make_agreement(cast, state="active")
    url = reverse("health:agreement", kwargs={"agreement_pk": agreement.pk})

    assert person(cast.budi).get(url).status_code == 404
    response = person(cast.yanto).get(url, {"year": "20x6<script>"})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert person(cast.yanto).get(url, {"year": "1900"}).context["year"] == YEAR + 1


def _count(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_health_tab_runs_the_same_queries_for_one_meeting_and_for_many(cast):
    agreement = make_agreement(cast, state="active")
    sleman = government_of(cast.sleman)
    held(cast, agreement, sleman, 1, present=(sleman,))
    url = reverse("health:agreement", kwargs={"agreement_pk": agreement.pk})
    client = person(cast.yanto)
    _count(client, url, {"year": YEAR})  # warm the session and caches
    one = _count(client, url, {"year": YEAR})
    for month in range(2, 8):
        held(cast, agreement, sleman, month, present=(sleman, cast.pemkot_yogyakarta))

    assert _count(client, url, {"year": YEAR}) == one


@pytest.fixture
def two_cooperations(cast):
    """Sleman hosts a meeting of a public (active) agreement, with an attendance list; Bantul
    hosts one of a draft agreement, which nothing public may show."""
    sleman, bantul = government_of(cast.sleman), government_of(cast.bantul)
    public = make_agreement(cast, state="active")
    held(cast, public, sleman, 3, present=(sleman,))
    draft = make_agreement(cast, title="Angkutan perbatasan")
    held(cast, draft, bantul, 4)
    return sleman, bantul


def _lines(response, org) -> dict[str, str]:
    rows = {pk: lines for pk, _name, lines in response.context["rows"]}
    return {line.key: line.text for line in rows.get(org.pk, [])}


@pytest.mark.django_db
def test_recognition_is_public_only_for_public_records_and_members_see_their_agreements(
    cast, two_cooperations
):
    sleman, bantul = two_cooperations
    url = reverse("recognition:list")

    anonymous = person(None).get(url, {"year": YEAR})
    assert _lines(anonymous, sleman) == {"meetings_held": "hosted 1 of 1 scheduled meetings"}
    assert _lines(anonymous, bantul) == {}
    assert "members only" not in anonymous.content.decode()

    member = person(cast.wati).get(url, {"year": YEAR})  # Kota Yogyakarta, a party to both
    assert _lines(member, bantul) == {"meetings_held": "hosted 1 of 1 scheduled meetings"}
    assert _lines(member, sleman)["attendance"] == (
        "attended 1 of 1 meetings with an attendance list"
    )

    outsider = person(cast.budi).get(url, {"year": YEAR})
    assert _lines(outsider, bantul) == {}
    assert "attendance" not in _lines(outsider, sleman)


@pytest.mark.django_db
def test_an_organisations_recognition_page_lists_its_lines_with_their_numbers(
    cast, two_cooperations
):
    sleman, bantul = two_cooperations

    page = person(None).get(reverse("recognition:organization", kwargs={"pk": sleman.pk}))
    assert page.status_code == 200
    assert [line.key for line in page.context["lines"]] == []  # this year: nothing yet
    page = person(None).get(
        reverse("recognition:organization", kwargs={"pk": sleman.pk}), {"year": YEAR}
    )
    assert 'data-line="meetings_held" data-num="1" data-den="1"' in page.content.decode()
    hidden = person(None).get(
        reverse("recognition:organization", kwargs={"pk": bantul.pk}), {"year": YEAR}
    )
    assert hidden.context["lines"] == []
    assert person(None).get("/publik/apresiasi/999999/").status_code == 404


@pytest.mark.django_db
def test_the_recognition_list_runs_the_same_queries_for_one_organisation_and_for_several(cast):
    sleman, bantul = government_of(cast.sleman), government_of(cast.bantul)
    agreement = make_agreement(cast, state="active")
    held(cast, agreement, sleman, 2, present=(sleman,))
    client, url = person(cast.wati), reverse("recognition:list")
    _count(client, url, {"year": YEAR})
    one = _count(client, url, {"year": YEAR})
    held(cast, agreement, bantul, 3, present=(bantul, cast.pemkot_yogyakarta))
    held(cast, agreement, cast.pemkot_yogyakarta, 4, present=(sleman,))

    assert _count(client, url, {"year": YEAR}) == one


@pytest.mark.django_db
def test_recognition_counts_only_knowledge_shared_with_the_public(cast):
    from simpul.knowledge.models import KnowledgeItem
    from simpul.knowledge.tests.factories import make_item

    sleman = government_of(cast.sleman)
    for audience, title in (("public", "Bank sampah"), ("members", "Komposter")):
        make_item(
            cast, owner=sleman, by=cast.yanto, status="published", audience=audience, title=title
        )
    KnowledgeItem.objects.update(published_at=on(4))

    response = person(None).get(reverse("recognition:list"), {"year": YEAR})

    assert _lines(response, sleman) == {"knowledge_shared": "shared 1 knowledge item publicly"}


@pytest.mark.django_db
def test_the_health_tab_shows_a_partys_median_response_time_beside_its_questions_answered(cast):
    from simpul.discussions.models import Question
    from simpul.discussions.tests.factories import first_post, make_thread

    agreement = make_agreement(cast, state="active")
    sleman = government_of(cast.sleman)
    thread = make_thread(cast, agreement=agreement)
    Question.objects.create(
        thread=thread,
        post=first_post(thread),
        organization=sleman,
        asked_at=on(3),
        answered_at=on(3) + timedelta(hours=3),
    )
    url = reverse("health:agreement", kwargs={"agreement_pk": agreement.pk})

    html = person(cast.yanto).get(url, {"year": YEAR}).content.decode()

    assert 'data-measure="questions_answered"' in html
    assert "median response" in html
    assert 'data-median-hours="3.0"' in html

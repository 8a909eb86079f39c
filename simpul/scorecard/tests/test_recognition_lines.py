"""Recognition's lines from discussions and from stakeholder contributions: what the public
reads and what members read."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.core import formats
from simpul.scorecard import recognition
from simpul.stakeholders.tests.factories import make_contribution, make_stakeholder

pytestmark = pytest.mark.django_db


def _lines(user, org) -> dict[str, recognition.Line]:
    found = recognition.contributions(2026, user, {org.pk})
    return {line.key: line for line in found.get(org.pk, [])}


@pytest.fixture
def contributed(cast):
    """The NGO gave Rp 100 to an internal agreement and Rp 40 to one whose stakeholders are
    public."""
    internal = make_stakeholder(cast, name="", organization=cast.ngo)
    public = make_stakeholder(
        cast,
        name="",
        organization=cast.ngo,
        agreement=make_agreement(cast, title="Air minum", state="active"),
    )
    make_contribution(cast, stakeholder=internal, value=Decimal("100"), status="verified")
    make_contribution(cast, stakeholder=public, value=Decimal("40"), status="verified")
    make_contribution(cast, stakeholder=public, value=Decimal("999"))  # not verified
    return cast.ngo


def test_the_public_reads_only_contributions_to_agreements_whose_stakeholders_are_public(
    cast, contributed
):
    line = _lines(AnonymousUser(), contributed)["contributed_funding"]

    assert (line.amount, line.num, line.internal) == (Decimal("40"), 1, False)
    assert line.text == f"menyumbang {formats.rupiah(40)} berupa pendanaan untuk 1 kerja sama"


def test_a_member_reads_the_contributions_to_the_agreements_they_may_read_marked_members_only(
    cast, contributed
):
    line = _lines(cast.wati, contributed)["contributed_funding"]

    assert (line.amount, line.num, line.internal) == (Decimal("140"), 2, True)
    assert line.text == f"menyumbang {formats.rupiah(140)} berupa pendanaan untuk 2 kerja sama"


def test_the_recognition_page_of_a_public_contributor_opens_and_shows_only_the_public_sum(
    cast, contributed
):
    client = Client()
    client.cookies["django_language"] = "en"
    url = reverse("recognition:organization", kwargs={"pk": contributed.pk})

    html = client.get(url, {"year": 2026}).content.decode()

    assert 'data-line="contributed_funding"' in html
    assert formats.rupiah(40) in html
    assert formats.rupiah(140) not in html


def test_questions_answered_is_a_members_only_line(cast):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from simpul.discussions.models import Question
    from simpul.discussions.tests.factories import first_post, make_thread

    agreement = make_agreement(cast, state="active")
    sleman = government_of(cast.sleman)
    thread = make_thread(cast, agreement=agreement)
    asked = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Jakarta"))
    Question.objects.create(
        thread=thread,
        post=first_post(thread),
        organization=sleman,
        asked_at=asked,
        answered_at=asked + timedelta(hours=3),
    )

    line = _lines(cast.yanto, sleman)["questions_answered"]
    assert (line.num, line.den, line.internal) == (1, 1, True)
    assert "questions_answered" not in _lines(AnonymousUser(), sleman)

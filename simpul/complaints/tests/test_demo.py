import pytest

from simpul.agreements.tests.factories import make_agreement
from simpul.complaints import selectors
from simpul.complaints.demo import KARTAMANTUL_WASTE, demo_complaints_seed
from simpul.complaints.models import Complaint

pytestmark = pytest.mark.django_db


def test_the_demo_has_complaints_in_every_state_and_runs_twice_without_duplicates(cast):
    make_agreement(cast, state="active", title=KARTAMANTUL_WASTE)
    first = demo_complaints_seed()
    assert first.created == 10 and first.existing == 0
    assert demo_complaints_seed().created == 0
    assert Complaint.objects.count() == 10
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)
    answered = selectors.public_complaints()
    assert answered.count() == 3 and all(c.answer for c in answered)
    assert Complaint.objects.filter(region=cast.sleman, responsible__region=cast.sleman).exists()

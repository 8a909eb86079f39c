"""A report is found only under the agreement it belongs to."""

import pytest
from django.http import Http404

from simpul.agreements.tests.factories import make_agreement
from simpul.reports.access import report_get_for_user

from .factories import make_report


def test_a_report_is_not_found_under_another_agreement(cast):
    first = make_agreement(cast, state="active")
    second = make_agreement(cast, state="active", title="Transportasi regional")
    report = make_report(first)
    assert report_get_for_user(cast.sari, first.pk, report.pk) == report
    with pytest.raises(Http404):
        report_get_for_user(cast.sari, second.pk, report.pk)

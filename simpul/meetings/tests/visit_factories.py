"""Factories of the exchange-visit tests and the permission matrix.

exchange_visit(cast, *, visitors=None, hosts=None, over=True) -> ExchangeVisit
    a Kartamantul forum meeting of kind exchange visit to TPST Piyungan, hosted by Bantul and
    Sleman and visited by Kota Yogyakarta (or the given regions); by default it ended an hour
    ago, with over=False it is tomorrow
draft_report(cast, visit=None) -> LearningReport
    Pemerintah Kota Yogyakarta's draft learning report, written by sari
"""

from datetime import timedelta

from django.utils import timezone

from simpul.meetings.models import ExchangeVisit, LearningReport, MeetingKind
from simpul.meetings.services import visits as services
from simpul.meetings.tests.factories import make_meeting


def exchange_visit(cast, *, visitors=None, hosts=None, over=True) -> ExchangeVisit:
    starts_at = timezone.now() - timedelta(hours=4) if over else None
    meeting = make_meeting(
        cast,
        kind=MeetingKind.EXCHANGE_VISIT,
        title="Studi banding TPST Piyungan",
        starts_at=starts_at,
        hours=3,
    )
    return services.exchange_visit_save(
        meeting=meeting,
        user=cast.lina,
        version=None,
        topic="Pengolahan sampah terpadu",
        practices_observed="Pemilahan di sumber; kompos; bank sampah",
        host_regions=hosts or [cast.bantul, cast.sleman],
        visiting_regions=visitors or [cast.yogyakarta],
    )


def draft_report(cast, visit=None) -> LearningReport:
    visit = visit or exchange_visit(cast)
    return services.learning_report_create(
        visit=visit,
        user=cast.sari,
        organization=cast.pemkot_yogyakarta,
        seen="Pemilahan sampah organik di tingkat RT",
        adoptable="Bank sampah per kelurahan",
        next_steps="Uji coba di dua kelurahan",
    )

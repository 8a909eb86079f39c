"""Who may see, request and download periodic reports (see simpul/testing/matrix.py).

The agreement: a voluntary KSDD between Kota Yogyakarta, Sleman and Bantul, registered by
Biro Tapem DIY. Everyone who reads the agreement (sari and dewi of the parties, gita and
hadi overseeing, rina) sees its reports and downloads their files. Requesting a report needs
an editor role in a party or the registering bureau: sari, fitri and rina (a redirect to the
new report); dewi, a data officer, agus, an agency's editor, and the overseers get 404 like
the outsiders budi and eko. Anonymous visitors sign in first.
"""

import hashlib

from django.core.files.base import ContentFile

from simpul.agreements.tests.factories import make_agreement
from simpul.reports.models import Report, ReportFile
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect

from .factories import make_report

READ = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 200,
    "gita": 200,
    "hadi": 200,
    "eko": 404,
    "rina": 200,
    **PARTY_STAFF_READ,
}
# Requesting: editors of a party (sari, wati; yanto for Pemkab Sleman) or of the registering
# bureau (fitri), not tono, vina or joko, nor agus at an agency under a party.
REQUEST = {
    **READ,
    "sari": 302,
    "rina": 302,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "wati": 302,
    "tono": 404,
    "vina": 404,
    "yanto": 302,
    "fitri": 302,
    "joko": 404,
    "agus": 404,
}


def _agreement(cast) -> dict:
    return {"agreement_pk": make_agreement(cast, state="active").pk}


def _report(cast) -> dict:
    report = make_report(make_agreement(cast, state="active"))
    return {"agreement_pk": report.agreement_id, "pk": report.pk}


def _report_file(cast) -> dict:
    report = make_report(make_agreement(cast, state="active"), status=Report.Status.DONE)
    content = b"%PDF-1.7 matrix"
    report_file = ReportFile(
        report=report,
        format=ReportFile.Format.PDF,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        pages=1,
    )
    report_file.file.save("matrix.pdf", ContentFile(content), save=False)
    report_file.save()
    return {"agreement_pk": report.agreement_id, "pk": report.pk, "fmt": "pdf"}


EXPECTATIONS = {
    "reports:report-list": Expect(statuses=READ, kwargs=_agreement),
    "reports:report-create": Expect(
        statuses=REQUEST,
        kwargs=_agreement,
        method="post",
        data=lambda cast: {
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            "addressee": "heads",
            "language": "id",
        },
    ),
    "reports:report-detail": Expect(statuses=READ, kwargs=_report),
    "reports:report-progress": Expect(statuses=READ, kwargs=_report),
    "reports:report-download": Expect(statuses=READ, kwargs=_report_file),
}

"""Who may open the daftar hadir and the exchange-visit pages (see simpul/testing/matrix.py
and permissions.py here).

The daftar hadir carries names and positions: like the attendance page, it is for those who
run the meeting (Kartamantul's secretariat editors, lina, and rina).
"""

from simpul.meetings.tests.factories import make_meeting
from simpul.meetings.tests.visit_factories import draft_report, exchange_visit
from simpul.testing.matrix import LOGIN, Expect, signed_in

# As in permissions.py (which imports this module, so they are not imported from there).
FORUM_READ = {
    "anonymous": LOGIN,
    **dict.fromkeys(
        ("sari", "wati", "tono", "vina", "yanto", "dewi", "agus", "lina", "gita", "hadi", "rina"),
        200,
    ),
    **dict.fromkeys(("budi", "eko", "fitri", "joko"), 404),
}
RUNNERS = ("lina", "rina")
MANAGE_PAGE = {**dict.fromkeys(FORUM_READ, 404), "anonymous": LOGIN, **dict.fromkeys(RUNNERS, 200)}
MANAGE_POST = {**MANAGE_PAGE, **dict.fromkeys(RUNNERS, 302)}


def _meeting(cast) -> dict:
    return {"pk": make_meeting(cast).pk}


EXPECTATIONS = {
    "meetings:attendance-pdf": Expect(statuses=MANAGE_PAGE, kwargs=_meeting),
}


# Exchange visits: Kartamantul's visit to TPST Piyungan, hosted by Bantul and Sleman, visited
# by Kota Yogyakarta. Its readers read it (the learning reports are on the meeting page); the
# runners edit the visit; the visiting side's editors write Kota Yogyakarta's report: sari and
# wati at Pemkot Yogyakarta, agus at DLH Kota Yogyakarta and lina, whose secretariat sits in
# Kota Yogyakarta, may start one; only Pemkot Yogyakarta's editors edit and submit its own
# report. Platform admins do not write the visitors' account.
VISIT_FILERS = ("sari", "wati", "agus", "lina")
REPORT_WRITERS = ("sari", "wati")
CREATE_REPORT = {**MANAGE_PAGE, "rina": 404, **dict.fromkeys(VISIT_FILERS, 200)}
EDIT_REPORT = {**MANAGE_PAGE, "lina": 404, "rina": 404, **dict.fromkeys(REPORT_WRITERS, 200)}
SUBMIT_REPORT = {**EDIT_REPORT, **dict.fromkeys(REPORT_WRITERS, 302)}


def _visit(cast) -> dict:
    return {"pk": exchange_visit(cast).meeting_id}


def _report(cast) -> dict:
    report = draft_report(cast)
    return {"pk": report.visit.meeting_id, "report_pk": report.pk}


EXPECTATIONS.update(
    {
        "meetings:learning-report-list": Expect(statuses=signed_in(200)),
        "meetings:visit-edit": Expect(statuses=MANAGE_PAGE, kwargs=_visit),
        "meetings:learning-report-create": Expect(statuses=CREATE_REPORT, kwargs=_visit),
        "meetings:learning-report-edit": Expect(statuses=EDIT_REPORT, kwargs=_report),
        "meetings:learning-report-submit": Expect(
            statuses=SUBMIT_REPORT,
            kwargs=_report,
            method="post",
            data=lambda cast: {"version": 1},
        ),
    }
)

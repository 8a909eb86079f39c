"""The demo's exchange visit and webinar (`demo_visits.py`, run by seed_demo_meetings):
Banyumas visits TPST Piyungan and submits its learning report; the webinar's expert from a
university is recorded with her field and organisation; run twice, nothing is added. Built on
a small forum rather than the whole demo, whose own test runs the command."""

from simpul.meetings.demo_visits import VISIT_TITLE, demo_visits_seed
from simpul.meetings.models import Invitation, LearningReport, Meeting
from simpul.meetings.tests.factories import make_forum
from simpul.regions.models import Region


def test_the_demo_has_banyumas_visit_with_its_learning_report_and_a_webinar_expert(cast):
    make_forum(cast, slug="sekber-kartamantul")
    # As load_regions leaves it (loading the regions' files here would cost seconds).
    Region.objects.create(
        code="33.02", name="Kabupaten Banyumas", level="regency", parent=cast.jateng,
        timezone="Asia/Jakarta", latitude="-7.45", longitude="109.16",
    )  # fmt: skip

    seeded = demo_visits_seed("sekber-kartamantul", cast.lina.email)

    assert (seeded.meetings, seeded.reports) == (2, 1)
    visit = Meeting.objects.get(title=VISIT_TITLE)
    assert visit.status == "held" and visit.kind == "exchange_visit"
    assert [r.name for r in visit.exchange_visit.visiting_regions.all()] == ["Kabupaten Banyumas"]
    assert visit.exchange_visit.host_regions.count() == 3
    report = LearningReport.objects.get()
    assert report.status == "submitted"
    assert report.organization.name == "Pemerintah Kabupaten Banyumas"
    assert report.submitted_by.full_name == "Hendra Prasetyo"
    expert = Invitation.objects.get(meeting__kind="webinar", kind="external")
    assert expert.expert_line == "Pengelolaan persampahan perkotaan — Universitas Gadjah Mada"
    assert expert.rsvp == "accepted"

    again = demo_visits_seed("sekber-kartamantul", cast.lina.email)
    assert (again.meetings, again.reports) == (0, 0) and again.skipped
    assert Meeting.objects.count() == 2 and LearningReport.objects.count() == 1

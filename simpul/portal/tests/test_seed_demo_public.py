"""The public demo (seed_demo_public) on a small world: the demo agreements it works on are
made with the cheap factory, under their demo titles."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement, make_document_version
from simpul.complaints.models import Complaint, ComplaintEvent
from simpul.consultations.models import Comment, Consultation
from simpul.core import outbox
from simpul.portal.management.commands import seed_demo_public as seed
from simpul.publication.models import PublicationConsent, PublicationDecision, PublicationEvent
from simpul.publication.selectors import public_documents
from simpul.reports.models import Report
from simpul.scorecard.models import Score
from simpul.surveys.models import Response, Survey

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    return {
        "decisions": PublicationDecision.objects.count(),
        "events": PublicationEvent.objects.count(),
        "consents": PublicationConsent.objects.count(),
        "reports": Report.objects.count(),
        "consultations": Consultation.objects.count(),
        "comments": Comment.objects.count(),
        "surveys": Survey.objects.count(),
        "responses": Response.objects.count(),
        "complaints": Complaint.objects.count(),
        "complaint_events": ComplaintEvent.objects.count(),
        "scores": Score.objects.count(),
    }


def _run() -> str:
    out = io.StringIO()
    call_command("seed_demo_public", stdout=out)
    return out.getvalue()


def test_the_public_demo_is_built_once_with_every_complaint_state_and_a_live_consultation(
    cast, client, settings
):
    dates = {"start_date": date(2024, 1, 1), "end_date": date(2028, 12, 31)}
    kartamantul = make_agreement(cast, state="active", title=seed.KARTAMANTUL_WASTE, **dates)
    pks = make_document_version(kartamantul, "pks").document
    make_agreement(cast, state="active", title=seed.BORDER_HEALTH, **dates)
    feeder = make_agreement(cast, state="in_dispute", title=seed.FEEDER_BUS, **dates)
    draft = make_agreement(cast, state="draft", title=seed.DRAFT)

    output = _run()
    first = _counts()
    again = _run()
    assert _counts() == first  # a second run adds nothing
    assert "Complaints: 0 new" in again and "Consultations: 0 new" in again

    outbox.deliver_due()
    assert mail.outbox == []  # the demo never e-mails its invented people
    assert {c.status for c in Complaint.objects.all()} == set(Complaint.Status.values)
    assert Complaint.objects.filter(escalated_for__in=["verify", "follow_up"]).count() >= 2
    rejected = Complaint.objects.get(status=Complaint.Status.REJECTED)
    assert "lapor.go.id" in rejected.events.get(to_status="rejected").note
    # The PKS is public only because every party consented; the budget of the agreement in
    # dispute was made internal with a reason; the report waits for the worker.
    assert PublicationConsent.objects.filter(document=pks).count() == 3
    assert pks in public_documents(kartamantul)
    assert PublicationDecision.objects.get(agreement=feeder, kind="budget").is_public is False
    assert Report.objects.get(agreement=kartamantul).status == Report.Status.QUEUED
    assert client.get(f"/publik/kerja-sama/{draft.reference_code}/").status_code == 404
    assert Score.objects.filter(agreement=kartamantul).count() == 3
    assert "Open data bundle" in output
    assert (settings.MEDIA_ROOT / "opendata" / "simpul-data-terbuka.zip").exists()

    client.cookies["django_language"] = "en"
    page = client.get(f"/publik/kerja-sama/{kartamantul.reference_code}/")
    assert page.status_code == 200
    open_consultation = Consultation.objects.get(status=Consultation.Status.OPEN)
    assert open_consultation.title in page.text
    consultation_page = client.get(open_consultation.get_public_url()).text
    shown = Comment.objects.filter(section__consultation=open_consultation, status="approved")
    assert shown.exists() and all(c.body in consultation_page for c in shown)
    answered = client.get("/pengaduan/dijawab/").text
    assert all(c.tracking_code in answered for c in Complaint.objects.filter(status="answered"))
    # The demo's access key opens a complaint's own tracking page.
    followed = Complaint.objects.get(status=Complaint.Status.IN_FOLLOW_UP, escalated_for="")
    tracked = client.post(
        "/pengaduan/lacak/",
        {"tracking_code": followed.tracking_code, "access_key": seed.DEMO_ACCESS_KEY},
        follow=True,
    )
    assert followed.tracking_code in tracked.text and followed.body in tracked.text

    # The Publikasi tab reads as the agreements' history: the parties consented, then the
    # editors decided, days after the 2024 start, never on the day the demo was seeded.
    decided = PublicationDecision.objects.get(agreement=kartamantul, target_id=pks.pk)
    assert timezone.localdate(decided.decided_at) == date(2024, 1, 8)
    pks_history = PublicationEvent.objects.filter(agreement=kartamantul, target_id=pks.pk)
    assert list(pks_history.order_by("occurred_at", "pk").values_list("action", flat=True)) == [
        "consent",
        "consent",
        "consent",
        "publish",
    ]
    seeding_day = timezone.localdate()
    moments = [
        *PublicationDecision.objects.filter(agreement__in=[kartamantul, feeder]).values_list(
            "decided_at", flat=True
        ),
        *PublicationEvent.objects.filter(agreement__in=[kartamantul, feeder]).values_list(
            "occurred_at", flat=True
        ),
    ]
    assert len(moments) >= 6
    assert seeding_day not in {timezone.localdate(moment) for moment in moments}

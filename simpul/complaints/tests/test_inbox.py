import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.audit.models import AuditEvent
from simpul.complaints import services
from simpul.complaints.models import Complaint, ComplaintEvent
from simpul.core import outbox
from simpul.core.errors import Conflict
from simpul.organizations.models import Organization

from .factories import make_complaint

pytestmark = pytest.mark.django_db
S = Complaint.Status


def _act(client, complaint, action, version, **extra):
    return client.post(
        reverse("complaints:act", args=[complaint.pk]),
        {"action": action, "version": version, "note": "", "answer": "", **extra},
    )


def test_the_responsible_admin_verifies_answers_and_closes_with_a_public_timeline(
    cast, english, public_agreement
):
    complaint = make_complaint(agreement=public_agreement)
    english.force_login(cast.sari)
    inbox = english.get(reverse("complaints:inbox")).content.decode()
    assert complaint.tracking_code in inbox and "working days left" in inbox
    assert _act(english, complaint, "verify", 1, note="Sudah dicek di lapangan.").status_code == 302
    assert _act(english, complaint, "follow_up", 2).status_code == 302
    assert (
        _act(english, complaint, "answer", 3, answer="Truk tambahan mulai besok.").status_code
        == 302
    )
    complaint.refresh_from_db()
    assert complaint.status == S.ANSWERED and complaint.answered_by == cast.sari
    audit = AuditEvent.objects.filter(
        object_type="complaints.complaint", object_id=str(complaint.pk)
    )
    assert [e.changes["step"] for e in audit.order_by("seq")] == [
        "verify", "follow_up", "answer"
    ]  # fmt: skip
    assert all("warga@example.org" not in str(e.changes) for e in audit)
    assert complaint.close_due is not None
    assert _act(english, complaint, "close", 4).status_code == 302
    assert [e.to_status for e in complaint.events.order_by("pk")] == [
        S.RECEIVED, S.VERIFIED, S.IN_FOLLOW_UP, S.ANSWERED, S.CLOSED
    ]  # fmt: skip
    # The complainant heard of every step, in the language they used.
    outbox.deliver_due()
    assert len(mail.outbox) == 4 and all(m.to == ["warga@example.org"] for m in mail.outbox)
    assert "Truk tambahan mulai besok." in mail.outbox[2].body
    with pytest.raises(RuntimeError):
        event = complaint.events.first()
        event.note = "diubah"
        event.save()


def test_a_double_click_says_who_already_verified_and_keeps_the_input(
    cast, english, public_agreement
):
    complaint = make_complaint(agreement=public_agreement)
    english.force_login(cast.sari)
    assert _act(english, complaint, "verify", 1).status_code == 302
    second = _act(english, complaint, "verify", 1, note="Catatan kedua")
    page = second.content.decode()
    assert second.status_code == 409
    assert "Already changed: Verified by" in page and str(cast.sari) in page
    assert "Catatan kedua" in page
    assert ComplaintEvent.objects.filter(complaint=complaint, to_status=S.VERIFIED).count() == 1


def test_rejecting_needs_a_referral_note_and_points_to_lapor(cast, english, public_agreement):
    complaint = make_complaint(agreement=public_agreement)
    english.force_login(cast.sari)
    response = _act(english, complaint, "reject", 1)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Say why, and where the complainant can turn instead." in page
    _act(english, complaint, "reject", 1, note="Urusan PLN; silakan lapor ke LAPOR!")
    complaint.refresh_from_db()
    assert complaint.status == S.REJECTED
    outbox.deliver_due()
    assert "lapor.go.id" in mail.outbox[-1].body


def test_overseers_read_but_do_not_act_and_anonymous_names_stay_hidden(
    cast, english, public_agreement
):
    complaint = make_complaint(agreement=public_agreement, is_anonymous=True, name="")
    english.force_login(cast.gita)
    page = english.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Anonymous" in page and 'id="action-form"' not in page
    assert _act(english, complaint, "verify", 1).status_code == 404
    english.force_login(cast.budi)
    assert complaint.tracking_code not in english.get(reverse("complaints:inbox")).content.decode()


def test_forwarding_to_another_party_moves_the_complaint_to_their_inbox(
    cast, english, public_agreement
):
    complaint = make_complaint(agreement=public_agreement)
    sleman = Organization.objects.governments().get(region=cast.sleman)
    semarang = cast.pemkot_semarang
    english.force_login(cast.sari)
    url = reverse("complaints:reassign", args=[complaint.pk])
    refused = english.post(url, {"version": 1, "organization": semarang.pk})
    assert refused.status_code == 400  # not a party of this cooperation
    assert english.post(url, {"version": 1, "organization": sleman.pk}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.responsible == sleman
    assert complaint.events.last().note.startswith("Forwarded to")
    assert english.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404


def test_the_agreement_tab_lists_its_complaints_without_personal_data(
    cast, english, public_agreement
):
    complaint = make_complaint(agreement=public_agreement)
    english.force_login(cast.dewi)
    page = english.get(
        reverse("complaints:agreement-complaints", args=[public_agreement.pk])
    ).content.decode()
    assert complaint.title in page and "warga@example.org" not in page


def test_the_inbox_query_count_does_not_grow_with_complaints(cast, client, public_agreement):
    client.force_login(cast.sari)
    make_complaint(agreement=public_agreement)
    make_complaint(region=cast.yogyakarta, responsible=cast.pemkot_yogyakarta)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("complaints:inbox"))
    for n in range(6):
        make_complaint(agreement=public_agreement, title=f"Keluhan {n}")
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("complaints:inbox"))
    assert len(response.context["rows"]) == 8
    assert len(large.captured_queries) == len(small.captured_queries)


def test_concurrent_intakes_get_distinct_numbers(cast):
    first = make_complaint(region=cast.sleman, status=S.UNCONFIRMED)
    # A second intake that read the same maximum: the unique constraint makes it retry.
    clash = Complaint(
        kind="complaint", category=first.category, region=cast.sleman, title="x", body="y",
        email="a@example.org", access_key_hash="h",
    )  # fmt: skip
    original = Complaint.objects.filter
    calls = {"n": 0}

    def stale_filter(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1 and kwargs.get("year"):
            return original(pk=-1)  # pretend no complaint exists yet this year
        return original(*args, **kwargs)

    Complaint.objects.filter = stale_filter
    try:
        services._save_with_code(clash)
    finally:
        del Complaint.objects.filter
    assert calls["n"] >= 2  # the first try collided and was retried
    assert clash.number == first.number + 1 and clash.tracking_code != first.tracking_code


def test_a_colleague_forwarding_a_complaint_already_verified_gets_409_naming_who_verified(
    cast, english, public_agreement
):
    complaint = make_complaint(agreement=public_agreement)
    english.force_login(cast.sari)
    assert _act(english, complaint, "verify", 1).status_code == 302
    complaint.refresh_from_db()
    assert complaint.changed_by == cast.sari
    other = services.reassign_choices(complaint)[0]
    with pytest.raises(Conflict) as refused:
        services.complaint_reassign(
            complaint=complaint, user=cast.budi, organization=other, version=1
        )
    assert refused.value.who == str(cast.sari.full_name) and refused.value.status == 409
    complaint.refresh_from_db()
    assert complaint.responsible != other


def test_a_complaint_photo_downloads_as_an_attachment_that_no_browser_renders(
    cast, client, public_agreement
):
    complaint = make_complaint(agreement=public_agreement, photo=True)
    client.force_login(cast.sari)
    response = client.get(reverse("complaints:photo", args=[complaint.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{complaint.tracking_code}.png"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"

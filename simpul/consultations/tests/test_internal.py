"""Running consultations: creating (with sections from existing data), publishing only when
the agreement is public, concurrent edits, moderation, answers and the conclusion."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from simpul.agreements.tests.factories import make_agreement
from simpul.audit.models import AuditEvent
from simpul.consultations import services
from simpul.consultations.models import Answer, Comment, Consultation
from simpul.core import public_cache
from simpul.core.errors import Conflict, InvalidInput
from simpul.monitoring.models import Finding, Recommendation
from simpul.monitoring.tests.test_evaluations import make_evaluation
from simpul.plans.tests.factories import fill_plan, new_plan
from simpul.testing.merge import opened

from .factories import make_comment, make_consultation

pytestmark = pytest.mark.django_db


def _url(name, consultation, **kwargs):
    return reverse(
        f"consultations:{name}",
        kwargs={"agreement_pk": consultation.agreement_id, "pk": consultation.pk, **kwargs},
    )


def _english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_an_editor_creates_a_draft_with_sections_from_the_agreement_text_in_her_zone(client, cast):
    agreement = make_agreement(
        cast, state="active", vision="Kota bersih bersama", scope="Pengangkutan sampah"
    )
    _english(client, cast.sari)
    response = client.post(
        reverse("consultations:consultation-create", kwargs={"agreement_pk": agreement.pk}),
        {
            "subject": "agreement_text",
            "title": "Rancangan naskah PKS",
            "summary": "",
            "opens_at": "2030-03-01T10:00",
            "closes_at": "2030-03-15T16:00",
            "source": "agreement",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "sections-0-heading": "Pasal tambahan",
            "sections-0-body": "Teks pasal.",
        },
    )
    consultation = Consultation.objects.get(agreement=agreement)
    assert response.status_code == 302
    assert consultation.status == Consultation.Status.DRAFT
    # Entered in WIB (UTC+7), stored in UTC.
    assert consultation.opens_at == datetime(2030, 3, 1, 3, 0, tzinfo=UTC)
    assert list(consultation.sections.values_list("heading", "body")) == [
        ("Pasal tambahan", "Teks pasal."),
        ("Shared vision", "Kota bersih bersama"),
        ("Scope", "Pengangkutan sampah"),
    ]
    page = client.get(_url("consultation-edit", consultation)).content.decode()
    assert 'value="2030-03-01T10:00"' in page
    create_page = client.get(
        reverse("consultations:consultation-create", kwargs={"agreement_pk": agreement.pk})
    )
    assert "In your time zone (Asia/Jakarta)" in create_page.content.decode()


def test_sections_can_be_filled_from_the_plan_and_from_an_evaluation(cast):
    plan = new_plan(cast)
    fill_plan(plan, cast.sari)
    with translation.override("en"):
        from_plan = dict(services.sections_from_plan(plan.agreement))
    assert "T1. Mengurangi sampah" in from_plan["Objectives"]
    assert "Pembangunan TPST 1" in from_plan["Programme: Pengurangan sampah"]
    assert "Rp" in from_plan["Budget by party and year"]

    evaluation = make_evaluation(plan.agreement)
    Finding.objects.create(evaluation=evaluation, kind="weakness", text="Data terlambat")
    Recommendation.objects.create(evaluation=evaluation, text="Percepat verifikasi")
    sections = dict(services.sections_from_source(plan.agreement, f"evaluation:{evaluation.pk}"))
    assert "- Data terlambat" in sections.values()
    assert "1. Percepat verifikasi" in sections.values()
    assert services.sections_from_source(plan.agreement, "evaluation:999999") == []


def test_a_consultation_of_an_internal_agreement_cannot_be_published(client, cast):
    consultation = make_consultation(make_agreement(cast, state="draft"), status="draft")
    _english(client, cast.sari)
    response = client.post(_url("consultation-publish", consultation), {"version": 1}, follow=True)
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.DRAFT
    assert "This agreement is not public yet" in response.content.decode()
    assert client.get(consultation.get_public_url()).status_code == 404


def test_publishing_opens_the_consultation_audits_it_and_refreshes_public_pages(
    client, cast, django_capture_on_commit_callbacks
):
    consultation = make_consultation(make_agreement(cast, state="active"), status="draft")
    client.force_login(cast.sari)
    generation = public_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("consultation-publish", consultation), {"version": 1})
    consultation.refresh_from_db()
    assert response.status_code == 302
    assert consultation.status == Consultation.Status.OPEN
    assert public_cache.generation() > generation
    assert AuditEvent.objects.filter(
        object_type="consultations.consultation", object_id=str(consultation.pk)
    ).exists()


def test_the_second_of_two_edits_gets_a_conflict_naming_who_saved_first_and_keeps_its_input(
    client, cast
):
    consultation = make_consultation(make_agreement(cast, state="active"), status="draft")
    _english(client, cast.sari)
    section = consultation.sections.first()
    data = {
        "subject": "plan",
        "opens_at": "2030-03-01T10:00",
        "closes_at": "2030-03-15T16:00",
        "base": opened(client, _url("consultation-edit", consultation)),
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "1",
        "sections-0-id": str(section.pk),
        "sections-0-heading": section.heading,
        "sections-0-body": section.body,
    }
    first = client.post(_url("consultation-edit", consultation), {**data, "title": "Pertama"})
    second = client.post(_url("consultation-edit", consultation), {**data, "title": "Kedua"})
    consultation.refresh_from_db()
    assert first.status_code == 302
    assert second.status_code == 409
    assert f"{cast.sari.full_name} changed this at" in second.content.decode()
    assert 'value="Kedua"' in second.content.decode()
    assert consultation.title == "Pertama"


def test_a_window_that_closes_before_it_opens_is_refused_with_a_message(client, cast):
    agreement = make_agreement(cast, state="active")
    _english(client, cast.sari)
    response = client.post(
        reverse("consultations:consultation-create", kwargs={"agreement_pk": agreement.pk}),
        {
            "subject": "plan",
            "title": "x" * 301,
            "opens_at": "2030-03-15T10:00",
            "closes_at": "2030-03-01T10:00",
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The consultation must close after it opens." in page
    assert "at most 300 characters" in page
    assert not Consultation.objects.exists()


def test_hiding_needs_a_reason_and_the_public_sees_the_reason_instead_of_the_comment(client, cast):
    consultation = make_consultation(make_agreement(cast, state="active"))
    comment = make_comment(consultation.sections.first(), body="Iklan obat kuat")
    _english(client, cast.sari)
    url = _url("comment-moderate", consultation, comment_pk=comment.pk)
    refused = client.post(url, {"action": "hide", "reason": ""})
    assert refused.status_code == 400
    assert "Give the reason for hiding" in refused.content.decode()
    assert client.post(url, {"action": "hide", "reason": "Spam"}).status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.HIDDEN, cast.sari)

    client.logout()
    client.cookies["django_language"] = "en"
    public = client.get(consultation.get_public_url()).content.decode()
    assert "Comment hidden by the moderator: Spam" in public
    assert "Iklan obat kuat" not in public


def test_an_editor_answers_on_behalf_of_her_own_party_only(client, cast):
    consultation = make_consultation(make_agreement(cast, state="active"))
    comment = make_comment(consultation.sections.first(), status=Comment.Status.APPROVED)
    sleman = consultation.agreement.parties.exclude(organization=cast.pemkot_yogyakarta).first()
    client.force_login(cast.sari)
    url = _url("comment-answer", consultation, comment_pk=comment.pk)
    other = client.post(url, {"party": sleman.pk, "body": "Atas nama Sleman"})
    assert other.status_code == 400
    assert not Answer.objects.exists()
    own = consultation.agreement.parties.get(organization=cast.pemkot_yogyakarta)
    assert client.post(url, {"party": own.pk, "body": "Jadwal diumumkan"}).status_code == 302
    answer = Answer.objects.get(comment=comment)
    assert (answer.party, answer.answered_by) == (own, cast.sari)
    page = client.get(consultation.get_public_url()).content.decode()
    assert "Jadwal diumumkan" in page
    # Sleman's answer to another comment is Sleman's to change.
    other_comment = make_comment(consultation.sections.first(), status=Comment.Status.APPROVED)
    Answer.objects.create(comment=other_comment, party=sleman, body="Jawaban Sleman")
    url = _url("comment-answer", consultation, comment_pk=other_comment.pk)
    assert client.post(url, {"party": own.pk, "body": "Menimpa"}).status_code == 302
    assert Answer.objects.get(comment=other_comment).body == "Jawaban Sleman"


def test_concluding_publishes_the_outcome_with_the_comments_that_led_to_changes(client, cast):
    consultation = make_consultation(make_agreement(cast, state="active"), status="closed")
    section = consultation.sections.first()
    changed = make_comment(section, status=Comment.Status.APPROVED, body="Tambah armada")
    make_comment(section, status=Comment.Status.APPROVED, body="Setuju saja")
    _english(client, cast.sari)
    url = _url("comment-change", consultation, comment_pk=changed.pk)
    assert client.post(url, {"led_to_change": "on"}).status_code == 302
    empty = client.post(_url("consultation-conclude", consultation), {"version": 1})
    assert empty.status_code == 400
    response = client.post(
        _url("consultation-conclude", consultation),
        {"version": 1, "outcome": "Armada ditambah dua truk."},
    )
    consultation.refresh_from_db()
    assert response.status_code == 302
    assert consultation.status == Consultation.Status.CONCLUDED
    assert consultation.concluded_at is not None

    client.logout()
    client.cookies["django_language"] = "en"
    page = client.get(consultation.get_public_url()).content.decode()
    outcome = page[
        page.index('id="outcome"') : page.index("</section>", page.index('id="outcome"'))
    ]
    assert "Armada ditambah dua truk." in outcome
    assert "Tambah armada" in outcome
    assert "Setuju saja" not in outcome


def test_the_daily_task_closes_consultations_whose_window_ended(cast):
    from simpul.consultations.tasks import daily_consultations_housekeeping

    agreement = make_agreement(cast, state="active")
    ended = make_consultation(
        agreement,
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=1),
    )
    running = make_consultation(agreement)
    result = daily_consultations_housekeeping.enqueue().return_value
    assert result == {"closed": 1}
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.status, running.status) == ("closed", "open")


def test_the_management_page_shows_the_moderation_queue_but_not_unconfirmed_comments(client, cast):
    consultation = make_consultation(make_agreement(cast, state="active"))
    section = consultation.sections.first()
    make_comment(section, body="Menunggu moderasi")
    make_comment(section, status=Comment.Status.UNCONFIRMED, body="Belum dikonfirmasi")
    _english(client, cast.dewi)  # a reader: sees the queue, without the moderation buttons
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Menunggu moderasi" in page
    assert "Belum dikonfirmasi" not in page
    assert "1 comment waits for its author" in page
    assert not re.search(r'id="approve-\d+"', page)


def test_the_demo_seeds_an_open_and_a_concluded_consultation_once(client, cast):
    from simpul.consultations.demo import KARTAMANTUL_WASTE, demo_consultations_seed

    agreement = make_agreement(cast, state="active", title=KARTAMANTUL_WASTE)
    first = demo_consultations_seed()
    again = demo_consultations_seed()
    assert (first.consultations, again.consultations) == (2, 0)
    statuses = set(
        Consultation.objects.filter(agreement=agreement).values_list("status", flat=True)
    )
    assert statuses == {"open", "concluded"}
    assert set(Comment.objects.values_list("status", flat=True)) == set(Comment.Status.values)
    assert Answer.objects.count() >= 3
    client.cookies["django_language"] = "en"
    page = client.get(reverse("consultations_public:list")).content.decode()
    assert page.count('class="consultation-card"') == 2


def test_a_comment_still_waiting_for_its_email_confirmation_cannot_be_published(cast):
    consultation = make_consultation(make_agreement(cast, state="active"))
    comment = make_comment(consultation.sections.first(), status=Comment.Status.UNCONFIRMED)
    with pytest.raises(InvalidInput):
        services.comment_moderate(comment=comment, user=cast.sari, approve=True)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.UNCONFIRMED


def test_a_consultation_remembers_who_saved_it_so_a_stale_save_names_them(cast):
    consultation = make_consultation(make_agreement(cast, state="active"), status="draft")
    stale = Consultation.objects.get(pk=consultation.pk)
    services.consultation_update(
        consultation=consultation, user=cast.sari, expected_version=1, title="Baru"
    )
    consultation.refresh_from_db()
    assert (consultation.changed_by, consultation.version) == (cast.sari, 2)
    with pytest.raises(Conflict) as refused:
        services.consultation_update(
            consultation=stale, user=cast.budi, expected_version=1, title="Lain"
        )
    assert refused.value.who == cast.sari.full_name and refused.value.status == 409
    consultation.refresh_from_db()
    assert consultation.title == "Baru"

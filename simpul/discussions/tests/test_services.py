"""Posting: limits on length and mentions, mentions only of people who can read the thread,
announcements, replies and quotes, attachments checked by content, edits kept as versions,
deletion as a tombstone with an audit event."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from simpul.audit.models import AuditEvent
from simpul.core.errors import InvalidInput, NotAllowed
from simpul.core.models import OutboxMessage
from simpul.discussions import services
from simpul.discussions.models import Post, PostVersion, Question
from simpul.notifications.models import Notification

from .factories import first_post, make_post, make_thread, pdf

pytestmark = pytest.mark.django_db


def refusal(error: ValidationError) -> str:
    return " ".join(str(m) for messages in error.message_dict.values() for m in messages)


def test_a_post_over_20000_characters_is_refused_with_the_limit_and_its_length(cast):
    thread = make_thread(cast)
    with pytest.raises(InvalidInput) as refused:
        make_post(cast, thread, text="a" * 20_001)
    assert "20,000" in refusal(refused.value) and "20,001" in refusal(refused.value)
    assert thread.posts.count() == 1


def test_more_than_20_mentions_are_refused_with_the_limit(cast):
    thread = make_thread(cast)
    text = " ".join(f"@[Orang {n}]" for n in range(21))
    with pytest.raises(InvalidInput) as refused:
        make_post(cast, thread, text=text)
    assert "20" in refusal(refused.value) and "21" in refusal(refused.value)


def test_mentioning_someone_who_cannot_read_the_thread_is_refused_naming_them(cast):
    thread = make_thread(cast)
    with pytest.raises(InvalidInput) as refused:
        make_post(cast, thread, text="@[Budi Santoso] dan @[Eko Nugroho], mohon lihat.")
    message = refusal(refused.value)
    assert "Budi Santoso" in message and "Eko Nugroho" in message
    assert thread.posts.count() == 1
    assert not Notification.objects.filter(recipient__in=[cast.budi, cast.eko]).exists()


def test_a_name_nobody_has_is_refused_rather_than_dropped(cast):
    with pytest.raises(InvalidInput) as refused:
        make_post(cast, make_thread(cast), text="@[Siapa Saja] tolong")
    assert "Siapa Saja" in refusal(refused.value)


def test_a_mentioned_person_is_notified_once(cast):
    thread = make_thread(cast)
    post = make_post(cast, thread, user=cast.yanto, text="@[Sari Wulandari] mohon dicek")
    assert list(post.mentioned_users.all()) == [cast.sari]
    mentions = Notification.objects.filter(recipient=cast.sari, kind="mention")
    assert mentions.count() == 1
    assert mentions.get().url == post.get_absolute_url()


def test_mentioning_an_organisation_notifies_its_members_and_starts_the_clock(cast):
    thread = make_thread(cast, user=cast.wati)
    sleman = cast.pemkab_sleman
    post = make_post(cast, thread, user=cast.wati, text=f"@[{sleman.name}] kapan truk siap?")
    assert Notification.objects.filter(recipient=cast.yanto, kind="mention").exists()
    question = Question.objects.get(post=post)
    assert question.organization == sleman and question.answered_at is None


def test_the_first_reply_by_a_member_of_the_asked_organisation_stops_the_clock(cast):
    thread = make_thread(cast, user=cast.wati, question_to=cast.pemkab_sleman)
    question = Question.objects.get(thread=thread)
    make_post(cast, thread, user=cast.tono, text="Kami juga menunggu.")
    question.refresh_from_db()
    assert question.answered_at is None
    answer = make_post(cast, thread, user=cast.yanto, text="Truk siap Senin.")
    later = make_post(cast, thread, user=cast.yanto, text="Dan Selasa.")
    question.refresh_from_db()
    assert question.answer == answer != later
    assert question.answered_at == answer.created_at


def test_an_organisation_that_takes_no_part_cannot_be_asked(cast):
    with pytest.raises(InvalidInput):
        make_thread(cast, question_to=cast.pemkot_semarang)


def test_an_announcement_is_pinned_and_mailed_at_once_to_every_party_member(cast):
    thread = make_thread(cast, user=cast.sari, kind=Post.Kind.ANNOUNCEMENT, text="Rapat Senin.")
    post = first_post(thread)
    assert post.is_pinned
    told = set(
        Notification.objects.filter(kind="announcement").values_list("recipient_id", flat=True)
    )
    assert {cast.wati.pk, cast.tono.pk, cast.yanto.pk} <= told
    assert cast.sari.pk not in told and cast.budi.pk not in told
    assert OutboxMessage.objects.filter(recipient=cast.yanto.email).exists()


def test_only_admins_coordinators_and_editors_post_announcements(cast):
    thread = make_thread(cast)
    with pytest.raises(InvalidInput):
        make_post(cast, thread, user=cast.tono, kind=Post.Kind.ANNOUNCEMENT)


def test_oversight_reads_but_does_not_post(cast):
    thread = make_thread(cast)
    with pytest.raises(NotAllowed):
        make_post(cast, thread, user=cast.gita)


def test_replying_to_a_deleted_post_is_refused_with_a_message(cast):
    thread = make_thread(cast)
    post = make_post(cast, thread)
    services.post_delete(post=post, user=cast.yanto)
    with translation.override("en"):
        with pytest.raises(InvalidInput) as refused:
            make_post(cast, thread, user=cast.wati, reply_to=post)
        assert "deleted" in refusal(refused.value)


def test_a_quote_carries_the_quoted_text_above_the_reply(cast):
    thread = make_thread(cast, text="Jadwal baru mulai Juli.")
    reply = make_post(
        cast, thread, user=cast.yanto, text="Setuju.", reply_to=first_post(thread), quote=True
    )
    assert reply.text.startswith("> **Wati Rahayu:**")
    assert "> Jadwal baru mulai Juli." in reply.text
    assert "<blockquote>" in reply.html


def test_an_edit_keeps_every_earlier_text_as_a_version(cast):
    post = first_post(make_thread(cast, text="Versi pertama"))
    services.post_edit(post=post, user=cast.wati, version=post.version, text="Versi kedua")
    post.refresh_from_db()
    assert post.text == "Versi kedua" and post.edited_at is not None
    assert list(post.versions.values_list("number", "text")) == [
        (1, "Versi pertama"),
        (2, "Versi kedua"),
    ]
    with pytest.raises(Exception):  # noqa: B017 - the kernel refuses in the model and the DB
        PostVersion.objects.filter(post=post).update(text="diubah")


def test_deleting_leaves_a_tombstone_and_an_audit_event(cast):
    post = first_post(make_thread(cast, attachment=pdf()))
    services.post_delete(post=post, user=cast.wati)
    post.refresh_from_db()
    assert post.deleted_by == cast.wati and post.deleted_at is not None
    assert post.text == "" and post.html == "" and not post.attachment
    assert AuditEvent.objects.filter(
        object_type="discussions.post", object_id=str(post.pk), action="update"
    ).exists()


def test_an_attachment_is_judged_by_its_content(cast):
    fake = SimpleUploadedFile(
        "laporan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError):
        make_thread(cast, attachment=fake)

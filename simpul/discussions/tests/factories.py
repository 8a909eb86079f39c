"""Discussion rows for tests, made through the services (so access and rendering apply)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from simpul.agreements.tests.factories import make_agreement
from simpul.core.tests.test_uploads import PDF_BYTES
from simpul.discussions import services
from simpul.discussions.models import Post, Thread
from simpul.meetings.tests.factories import make_forum


def make_thread(
    cast,
    *,
    agreement=None,
    forum=None,
    user=None,
    title="Jadwal pengangkutan sampah",
    text="Usulan jadwal baru untuk TPST Piyungan.",
    **fields,
) -> Thread:
    if agreement is None and forum is None:
        agreement = make_agreement(cast)
    return services.thread_create(
        user=user or cast.wati,
        agreement=agreement,
        forum=forum,
        title=title,
        text=text,
        **fields,
    )


def make_forum_thread(cast, **fields) -> Thread:
    return make_thread(cast, forum=make_forum(cast), **fields)


def first_post(thread: Thread) -> Post:
    return thread.posts.get(number=1)


def make_post(cast, thread: Thread, *, user=None, text="Setuju.", **fields) -> Post:
    return services.post_create(thread=thread, user=user or cast.yanto, text=text, **fields)


def pdf(name: str = "notulen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")

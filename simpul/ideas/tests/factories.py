"""Ideas for tests.

make_idea(cast, *, owner=pemkot_yogyakarta, author=wati, regions=(sleman,), status="new",
          **fields) -> Idea
make_citizen_idea(cast, *, moderation="pending", token=None, **fields) -> Idea
    (addressed to Pemkot Yogyakarta; with `token`, its hash is the confirmation token)
"""

from django.utils import timezone

from simpul.core.abuse import token_hash
from simpul.ideas.models import Idea


def make_idea(cast, *, owner=None, author=None, regions=None, status="new", **fields) -> Idea:
    values = {
        "title": "Bank sampah lintas kota",
        "problem": "Sampah plastik dari pasar menumpuk di TPA Piyungan.",
        "proposal": "Bank sampah bersama di pasar-pasar Kartamantul.",
        "status": status,
        **fields,
    }
    if status == Idea.Status.DECLINED:
        values.setdefault("decline_reason", "Anggaran tahun ini sudah terkunci.")
    if status == Idea.Status.ACCEPTED:
        values.setdefault("outcome", Idea.Outcome.KNOWLEDGE)
    idea = Idea.objects.create(
        owner=owner or cast.pemkot_yogyakarta,
        author=author if author is not None else cast.wati,
        **values,
    )
    idea.code = f"IDE-{idea.pk:06d}"
    idea.save(update_fields=["code"])
    idea.regions.set(regions if regions is not None else [cast.sleman])
    return idea


def make_citizen_idea(cast, *, moderation="pending", token=None, **fields) -> Idea:
    values = {
        "title": "Jalur sepeda antar kota",
        "problem": "Tidak ada jalur sepeda aman dari Sleman ke kota.",
        "proposal": "Jalur sepeda bersama sepanjang Jalan Kaliurang.",
        "author_name": "Warga Kotagede",
        "email": "warga@example.org",
        **fields,
    }
    if token:
        values["confirm_token_hash"] = token_hash(token)
    if moderation != Idea.Moderation.UNCONFIRMED:
        values.setdefault("confirmed_at", timezone.now())
    return make_idea(
        cast,
        author=None,
        regions=[],
        origin=Idea.Origin.CITIZEN,
        moderation=moderation,
        **values,
    )

"""Reads of complaints for the public side and the inbox.

What the public ever sees of a complaint: its tracking code, kind, category, subject, the
cooperation (only while that agreement is public) or region, status, dates and deadlines,
the public timeline notes and the official answer. Never the name, e-mail, text, photo or
location; those are for the complainant (code + access key) and the responsible staff.
"""

import re

from django.db.models import Exists, OuterRef, Q, QuerySet

from simpul.agreements.models import Party
from simpul.publication.selectors import public_agreements

from .models import Complaint

ANSWERED = (Complaint.Status.ANSWERED, Complaint.Status.CLOSED)
OPEN = (
    Complaint.Status.RECEIVED,
    Complaint.Status.VERIFIED,
    Complaint.Status.IN_FOLLOW_UP,
)
SIMILAR_CANDIDATES = 300
SIMILAR_SHOWN = 5
# Words too common in complaints to say two subjects are about the same thing.
STOPWORDS = {
    "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "tidak", "belum", "sudah", "ada",
    "pada", "ini", "itu", "atau", "karena", "jalan", "mohon", "tolong", "sangat", "lagi",
    "the", "and", "for", "with", "not", "from", "this", "that", "please",
}  # fmt: skip
WORD = re.compile(r"\w+", re.UNICODE)


def _publicly_placed() -> Q:
    """Routed complaints whose cooperation (if any) is public."""
    return Q(responsible__isnull=False) & (
        Q(agreement__isnull=True) | Q(agreement__in=public_agreements())
    )


def public_complaints(agreement=None, region=None) -> QuerySet[Complaint]:
    """Answered complaints, newest answer first, for the public list and the portal."""
    qs = (
        Complaint.objects.filter(status__in=ANSWERED)
        .exclude(answer="")
        .filter(_publicly_placed())
        .select_related("category", "agreement", "region")
        .only(
            "tracking_code",
            "kind",
            "title",
            "status",
            "answer",
            "received_at",
            "answered_at",
            "closed_at",
            "category__code",
            "category__name_id",
            "category__name_en",
            "agreement__reference_code",
            "agreement__title",
            "region__code",
            "region__name",
        )
        .order_by("-answered_at", "-pk")
    )
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    if region is not None:
        parties = Party.objects.filter(
            agreement_id=OuterRef("agreement_id"), organization__region=region
        )
        qs = qs.filter(Q(region=region) | Q(Exists(parties)))
    return qs


def public_complaint_get(tracking_code: str) -> Complaint | None:
    return (
        public_complaints()
        .filter(tracking_code=tracking_code.strip().upper())
        .select_related(None)
        .select_related("category", "agreement", "region")
        .first()
    )


def public_events(complaint: Complaint):
    return complaint.events.filter(is_public=True).order_by("occurred_at", "pk")


def words(text: str) -> set[str]:
    return {
        w
        for w in (m.lower() for m in WORD.findall(text or ""))
        if len(w) >= 4 and w not in STOPWORDS and not w.isdigit()
    }


def similar_complaints(*, subject: str, agreement=None, region=None) -> list[Complaint]:
    """Open or answered complaints about the same cooperation or region that share words
    with this subject, best match first. Looks at a bounded set of recent candidates."""
    if agreement is None and region is None:
        return []
    wanted = words(subject)
    if not wanted:
        return []
    place = Q(agreement=agreement) if agreement is not None else Q(region=region)
    candidates = (
        Complaint.objects.filter(place, status__in=OPEN + ANSWERED)
        .filter(_publicly_placed())
        .select_related("category")
        .only(
            "tracking_code",
            "title",
            "status",
            "answer",
            "received_at",
            "follow_up_due",
            "category__name_id",
            "category__name_en",
        )
        .order_by("-received_at", "-pk")[:SIMILAR_CANDIDATES]
    )
    scored = []
    for complaint in candidates:
        shared = len(wanted & words(complaint.title))
        if shared:
            scored.append((shared, complaint.received_at, complaint))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [complaint for _, _, complaint in scored[:SIMILAR_SHOWN]]


def agreement_complaints(agreement, visible: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return (
        visible.filter(agreement=agreement)
        .select_related("category", "responsible")
        .order_by("-received_at", "-pk")
    )

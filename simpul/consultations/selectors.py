"""Reads of consultations: the public gate (`public_consultations`), the public page with its
published comments and answers, and the internal management page. Each runs a fixed number
of queries whatever the number of sections and comments."""

from django.db.models import Count, Prefetch, Q, QuerySet

from simpul.publication.selectors import public_agreements

from .models import Comment, Consultation, Section

# What the public sees of the comments: published ones, and hidden ones as a moderator's note.
PUBLIC_COMMENT_STATUSES = (Comment.Status.APPROVED, Comment.Status.HIDDEN)


def public_consultations(agreement=None) -> QuerySet[Consultation]:
    """Consultations the public may see: not drafts, of agreements whose summary is public
    (all of them, or one agreement's)."""
    qs = Consultation.objects.filter(agreement__in=public_agreements()).exclude(
        status=Consultation.Status.DRAFT
    )
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return qs


def public_consultation_list() -> QuerySet[Consultation]:
    """The public list: open first, then closed and concluded, newest first, with the
    number of published comments."""
    return (
        public_consultations()
        .select_related("agreement")
        .annotate(
            published_comments=Count(
                "sections__comments",
                filter=Q(sections__comments__status=Comment.Status.APPROVED),
            )
        )
        .order_by("-opens_at", "-pk")
    )


def _public_comments() -> QuerySet[Comment]:
    return (
        Comment.objects.filter(status__in=PUBLIC_COMMENT_STATUSES)
        .select_related("answer__party__organization")
        .order_by("created_at", "pk")
    )


def public_consultation_page(pk: int) -> Consultation:
    """One public consultation with its sections, each with its public comments and their
    answers prefetched (4 queries), or Http404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        public_consultations()
        .select_related("agreement")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=Section.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("comments", queryset=_public_comments(), to_attr="public_comments")
                ),
            )
        ),
        pk=pk,
    )


def changes_from_comments(consultation: Consultation) -> QuerySet[Comment]:
    """Published comments that led to a change, for the concluded consultation's account."""
    return (
        Comment.objects.filter(
            section__consultation=consultation,
            status=Comment.Status.APPROVED,
            led_to_change=True,
        )
        .select_related("section")
        .order_by("section__position", "section_id", "created_at", "pk")
    )


def consultations_of(agreement) -> QuerySet[Consultation]:
    """An agreement's consultations for its members, with comment counts per state."""
    return (
        Consultation.objects.filter(agreement=agreement)
        .annotate(
            pending_comments=Count(
                "sections__comments",
                filter=Q(sections__comments__status=Comment.Status.PENDING),
            ),
            published_comments=Count(
                "sections__comments",
                filter=Q(sections__comments__status=Comment.Status.APPROVED),
            ),
        )
        .order_by("-opens_at", "-pk")
    )


def management_sections(consultation: Consultation) -> list[Section]:
    """The sections with every confirmed comment (and its answer) for the management page;
    unconfirmed comments are only counted (`unconfirmed_count`)."""
    confirmed = (
        Comment.objects.exclude(status=Comment.Status.UNCONFIRMED)
        .select_related("answer__party__organization", "moderated_by")
        .order_by("created_at", "pk")
    )
    return list(
        Section.objects.filter(consultation=consultation)
        .annotate(
            unconfirmed_count=Count(
                "comments", filter=Q(comments__status=Comment.Status.UNCONFIRMED)
            )
        )
        .prefetch_related(Prefetch("comments", queryset=confirmed, to_attr="confirmed_comments"))
        .order_by("position", "pk")
    )

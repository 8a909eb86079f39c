"""Consultations in the search index (simpul.search): title, summary, sections, outcome and
the published comments (never one waiting for confirmation or moderation, or hidden).

Readers are the agreement's (`consultations.access` goes through the agreement). A
consultation is public exactly when `selectors.public_consultations` lists it, and then its
document holds only what the public page shows.
"""

from collections.abc import Iterable, Sequence

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Party
from simpul.agreements.search import readers_of, region_ids_of, with_readers
from simpul.publication.models import PublicationDecision, PublicationRule
from simpul.search.registry import Entry, add_watch, register_kind

from .models import Comment, Consultation, Section
from .selectors import public_consultations


def build_entries(ids: Sequence[int]) -> Iterable[Entry]:
    consultations = Consultation.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("agreement", queryset=with_readers(Agreement.objects.prefetch_related("affairs"))),
        Prefetch(
            "sections",
            queryset=Section.objects.order_by("position", "pk").prefetch_related(
                Prefetch(
                    "comments",
                    queryset=Comment.objects.filter(status=Comment.Status.APPROVED).order_by("pk"),
                    to_attr="published_comments",
                )
            ),
        ),
    )
    public = set(public_consultations().filter(pk__in=ids).values_list("pk", flat=True))
    for consultation in consultations:
        agreement = consultation.agreement
        lines = [consultation.summary]
        for section in consultation.sections.all():
            lines += [section.heading, section.body]
            # Prefetched above (to_attr), which the stubs cannot know.
            lines += [c.body for c in section.published_comments]  # type: ignore[attr-defined]
        lines.append(consultation.outcome)
        yield Entry(
            object_id=consultation.pk,
            title=consultation.title,
            text="\n".join(line for line in lines if line),
            url=reverse(
                "consultations:consultation-detail",
                kwargs={"agreement_pk": agreement.pk, "pk": consultation.pk},
            ),
            readers=readers_of(agreement),
            year=consultation.opens_at.year,
            affair_ids=[a.pk for a in agreement.affairs.all()],
            region_ids=region_ids_of(agreement),
            public=consultation.pk in public,
            public_url=reverse("consultations_public:detail", args=[consultation.pk]),
        )


def _of_agreement(agreement_id: int) -> list[int]:
    return list(Consultation.objects.filter(agreement_id=agreement_id).values_list("pk", flat=True))


def register() -> None:
    register_kind(
        "consultation",
        _("Consultation"),
        build=build_entries,
        all_ids=lambda: Consultation.objects.order_by("pk").values_list("pk", flat=True).iterator(),
        watches={
            Consultation: lambda c: [c.pk],
            Section: lambda s: [s.consultation_id],
            Comment: lambda c: list(
                Section.objects.filter(pk=c.section_id).values_list("consultation_id", flat=True)
            ),
            Agreement: lambda a: _of_agreement(a.pk),
            Party: lambda p: _of_agreement(p.agreement_id),
            # Public with its agreement: publication decisions change that.
            PublicationDecision: lambda d: _of_agreement(d.agreement_id),
        },
    )
    add_watch(
        "consultation",
        PublicationRule,
        lambda r: list(
            Consultation.objects.filter(agreement__state=r.stage_code).values_list("pk", flat=True)
        ),
        in_worker=True,
    )

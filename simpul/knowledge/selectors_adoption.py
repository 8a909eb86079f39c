"""Reads of the adoption loop: where a practice was adopted (list and map) and its funnel,
counted in the database (one aggregate query whatever the number of adoptions)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from simpul.accounts.access import AnyUser
from simpul.agreements.access import agreements_visible_to
from simpul.agreements.models import Agreement
from simpul.meetings.models import LearningReport
from simpul.monitoring.models import DataValue, Indicator, Submission
from simpul.plans.models import Activity
from simpul.regions.models import Region

from .models import Adoption, KnowledgeItem

LIGHT_REGION = ("organization__region__boundary", "organization__region__bbox")


def _has_results() -> Exists:
    return Exists(
        DataValue.objects.filter(
            indicator_id=OuterRef("indicator_id"),
            option__isnull=True,
            value__isnull=False,
            submission__status=Submission.Status.VERIFIED,
        )
    )


def adoptions_of(item: KnowledgeItem) -> QuerySet[Adoption]:
    """The item's adoptions with what the practice page shows, in a fixed number of queries."""
    return (
        Adoption.objects.filter(item=item)
        .select_related(
            "organization__region",
            "learning_report__visit__meeting",
            "plan_agreement",
            "plan_activity",
            "indicator",
        )
        .defer(*LIGHT_REGION)
        .annotate(has_results=_has_results())
        .order_by("organization__name", "pk")
    )


@dataclass
class Funnel:
    interested: int
    visited: int
    decided: int
    implemented: int
    results: int

    def steps(self) -> list[tuple[str, Any, int]]:
        from django.utils.translation import gettext_lazy as _

        return [
            ("interested", _("Interested"), self.interested),
            ("visited", _("Visited"), self.visited),
            ("decided", _("Decided"), self.decided),
            ("implemented", _("Implemented"), self.implemented),
            ("results", _("With verified results"), self.results),
        ]


def adoption_funnel(item: KnowledgeItem) -> Funnel:
    """How far the organisations interested in the practice have come, one query."""
    counts = (
        Adoption.objects.filter(item=item)
        .annotate(has_results=_has_results())
        .aggregate(
            interested=Count("pk"),
            visited=Count("pk", filter=Q(learning_report__isnull=False)),
            decided=Count("pk", filter=~Q(decision="")),
            implemented=Count("pk", filter=Q(status=Adoption.Status.IMPLEMENTING)),
            results=Count("pk", filter=Q(status=Adoption.Status.IMPLEMENTING, has_results=True)),
        )
    )
    return Funnel(**counts)


def adoption_map_features(item: KnowledgeItem) -> list[dict[str, Any]]:
    """GeoJSON features for the practice's map: its owner's region ("self") and the
    adopting organisations' regions ("child"), each linking to its region page."""
    owner_region = item.owner.region_id
    adopting = set(
        Adoption.objects.filter(item=item)
        .exclude(organization__region__isnull=True)
        .values_list("organization__region_id", flat=True)
    )
    features = []
    regions = Region.objects.filter(pk__in=adopting | {owner_region} - {None}).only(
        "pk", "code", "name", "level", "boundary"
    )
    for region in regions:
        if not region.boundary:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": region.boundary,
                "properties": {
                    "code": region.code,
                    "name": region.name,
                    "level": region.level,
                    "role": "self" if region.pk == owner_region else "child",
                    "url": region.get_absolute_url(),
                },
            }
        )
    return features


def visit_choices(adoption: Adoption) -> QuerySet[LearningReport]:
    """Submitted learning reports the adopting organisation wrote or is named in."""
    org = adoption.organization_id
    return (
        LearningReport.objects.filter(status=LearningReport.Status.SUBMITTED)
        .filter(Q(organization_id=org) | Q(adopter_id=org))
        .select_related("visit__meeting", "organization")
        .order_by("-submitted_at")
    )


def plan_agreement_choices(user: AnyUser, adoption: Adoption) -> QuerySet[Agreement]:
    org = adoption.organization
    return (
        agreements_visible_to(user)
        .filter(Q(parties__organization=org) | Q(owner=org))
        .distinct()
        .order_by("title")
    )


def plan_activity_choices(user: AnyUser, adoption: Adoption) -> QuerySet[Activity]:
    agreements = plan_agreement_choices(user, adoption)
    return (
        Activity.objects.filter(plan__agreement__in=agreements.values("pk"))
        .select_related("plan__agreement")
        .order_by("plan__agreement__title", "name")
    )


def indicator_choices(user: AnyUser, adoption: Adoption) -> QuerySet[Indicator]:
    agreements = plan_agreement_choices(user, adoption)
    return (
        Indicator.objects.filter(agreement__in=agreements.values("pk"))
        .select_related("agreement")
        .order_by("agreement__title", "code")
    )

"""Plans in the search index (simpul.search): summary, objectives, programmes, activities.

A plan is read by whoever reads its agreement (`plans.access`), so its readers are the
agreement's. Plans are not public in the index: the public reads an approved version
through the portal, not the live draft indexed here.
"""

from collections.abc import Iterable, Sequence

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Party
from simpul.agreements.search import readers_of, region_ids_of, with_readers
from simpul.search.registry import Entry, register_kind

from .models import Activity, Objective, Plan, Program


def build_entries(ids: Sequence[int]) -> Iterable[Entry]:
    plans = Plan.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("agreement", queryset=with_readers(Agreement.objects.prefetch_related("affairs"))),
        Prefetch("objectives", queryset=Objective.objects.order_by("position", "pk")),
        Prefetch("programs", queryset=Program.objects.order_by("position", "pk")),
        Prefetch("activities", queryset=Activity.objects.order_by("position", "pk")),
    )
    for plan in plans:
        agreement = plan.agreement
        lines = [plan.summary]
        lines += [o.statement for o in plan.objectives.all()]
        lines += [f"{p.name}. {p.description}" for p in plan.programs.all()]
        lines += [a.name for a in plan.activities.all()]
        yield Entry(
            object_id=plan.pk,
            title=agreement.title,
            text="\n".join(line for line in lines if line),
            url=reverse("plans:plan-detail", kwargs={"agreement_pk": agreement.pk}),
            readers=readers_of(agreement),
            year=agreement.start_date.year if agreement.start_date else None,
            affair_ids=[a.pk for a in agreement.affairs.all()],
            region_ids=region_ids_of(agreement),
        )


def _plan_of_agreement(agreement_id: int) -> list[int]:
    return list(Plan.objects.filter(agreement_id=agreement_id).values_list("pk", flat=True))


def register() -> None:
    register_kind(
        "plan",
        _("Plan"),
        build=build_entries,
        all_ids=lambda: Plan.objects.order_by("pk").values_list("pk", flat=True).iterator(),
        watches={
            Plan: lambda p: [p.pk],
            Objective: lambda o: [o.plan_id],
            Program: lambda p: [p.plan_id],
            Activity: lambda a: [a.plan_id],
            Agreement: lambda a: _plan_of_agreement(a.pk),
            Party: lambda p: _plan_of_agreement(p.agreement_id),
        },
    )

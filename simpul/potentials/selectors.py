"""Reads of potentials and problems that other apps and pages reuse.

`region_potential_counts` is the interface the thematic maps read (a stable signature: the
maps layer depends on it); `region_records` and `public_region_records` feed the region
profile and the portal's region page.
"""

from django.db.models import Count, Q

from simpul.agreements.models import GovernmentAffair

from .models import Kind, Record, RecordQuerySet


def _affair_filter(affair: GovernmentAffair | int | str | None) -> Q:
    if affair is None:
        return Q()
    if isinstance(affair, GovernmentAffair):
        return Q(term__affair_id=affair.pk)
    if isinstance(affair, int):
        return Q(term__affair_id=affair)
    return Q(term__affair__code=affair)


def region_potential_counts(
    *,
    affair: GovernmentAffair | int | str | None = None,
    kind: str | None = None,
    public_only: bool = True,
) -> dict[int, dict[str, int]]:
    """{region_id: {"potentials": n, "problems": n}} for every region with a record.

    `affair` is an affair, its id or its code; `kind` limits to "potential" or "problem" (the
    other count is then 0); `public_only` counts only what regions have published. One query.
    """
    qs = Record.objects.filter(_affair_filter(affair))
    if kind is not None:
        qs = qs.filter(kind=kind)
    if public_only:
        qs = qs.published()
    counts: dict[int, dict[str, int]] = {}
    for row in qs.order_by().values("region_id", "kind").annotate(n=Count("id")):
        entry = counts.setdefault(row["region_id"], {"potentials": 0, "problems": 0})
        entry["potentials" if row["kind"] == Kind.POTENTIAL else "problems"] = row["n"]
    return counts


def region_records(region_id: int, *, public_only: bool) -> RecordQuerySet:
    qs = Record.objects.filter(region_id=region_id).select_related("term__affair")
    return qs.published() if public_only else qs


def public_region_records(region_id: int) -> RecordQuerySet:
    """What the portal's region page shows: the region's published potentials and problems."""
    return region_records(region_id, public_only=True)

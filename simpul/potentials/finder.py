"""The partner finder: for a region (and optionally an affair), candidate partners ranked by a
score whose every part is shown.

Each reason is `weight × factor = points`; the score is the sum of the points. The weights are
configuration (`settings.SIMPUL_PARTNER_FINDER`, documented there and in docs/architecture.md);
the factors are the inputs the page shows, rounded as shown, so anyone can recompute a score by
hand:

    border        1 when the two regions share a land border (its length is shown)
    match         the number of terms where one's problem is the other's potential
    same_problem  the number of problems both have (a joint solution, economies of scale)
    ties          1 when they are already parties to an agreement together
    distance      max(0, 1 − km / distance_max_km), km between label points rounded to 0.1
    size          smaller population / larger population, rounded to 0.01
    practice      1 when the candidate published or adopted a good practice in the affair

Only what regions have published counts, so the finder never reveals a draft. A candidate needs
at least one reason beyond distance and size; the query count does not depend on how many
regions, records or agreements there are.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from simpul.agreements.models import GovernmentAffair, Party
from simpul.core.formats import grouped
from simpul.knowledge.models import Adoption, KnowledgeItem
from simpul.regions.models import Border, Region

from .models import Kind, Record, Term

HUNDREDTH = Decimal("0.01")
TENTH = Decimal("0.1")
SUBSTANTIVE = {"border", "match", "same_problem", "ties", "practice"}


def weights() -> dict[str, Decimal]:
    configured = settings.SIMPUL_PARTNER_FINDER["weights"]
    return {name: Decimal(str(value)) for name, value in configured.items()}


def distance_max_km() -> Decimal:
    return Decimal(str(settings.SIMPUL_PARTNER_FINDER["distance_max_km"]))


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    weight: Decimal
    factor: Decimal

    @property
    def points(self) -> Decimal:
        return (self.weight * self.factor).quantize(HUNDREDTH, ROUND_HALF_UP)


@dataclass
class Candidate:
    region: Region
    reasons: list[Reason] = field(default_factory=list)
    # (term, kind of the candidate's record) pairs that answer one of the region's records.
    matches: list[tuple[Term, str]] = field(default_factory=list)

    @property
    def score(self) -> Decimal:
        return sum((r.points for r in self.reasons), Decimal("0.00"))

    @property
    def is_substantive(self) -> bool:
        return any(r.code in SUBSTANTIVE and r.factor > 0 for r in self.reasons)


class FinderUnavailable(Exception):
    """The finder has nothing to say for this region; the message says why."""


@dataclass
class Result:
    region: Region
    affair: GovernmentAffair | None
    candidates: list[Candidate]
    own_records: list[Record]


def distance_km(a: Region, b: Region) -> Decimal:
    """Great-circle distance between the label points, rounded to 0.1 km as shown."""
    lat1, lon1, lat2, lon2 = map(
        math.radians, (float(a.latitude), float(a.longitude), float(b.latitude), float(b.longitude))
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    km = 2 * 6371.0088 * math.asin(math.sqrt(h))
    return Decimal(str(km)).quantize(TENTH, ROUND_HALF_UP)


def _peers(region: Region):
    qs = Region.objects.current().without_geometry()
    if region.is_province:
        return qs.provinces()
    return qs.regencies_and_cities()


def _records(region_ids: set[int] | None, affair: GovernmentAffair | None, exclude: int | None):
    qs = Record.objects.published().select_related("term")
    if region_ids is not None:
        qs = qs.filter(region_id__in=region_ids)
    if exclude is not None:
        qs = qs.exclude(region_id=exclude)
    if affair is not None:
        qs = qs.filter(term__affair_id=affair.pk)
    return qs


def _tied_region_ids(region: Region) -> dict[int, int]:
    """Regions whose organisations share an agreement with this region's: {region_id: count}."""
    own_agreements = Party.objects.filter(organization__region_id=region.pk).values("agreement_id")
    rows = (
        Party.objects.filter(agreement_id__in=own_agreements, organization__region__isnull=False)
        .exclude(organization__region_id=region.pk)
        .values_list("organization__region_id", "agreement_id")
        .distinct()
    )
    counts: dict[int, set[int]] = {}
    for region_id, agreement_id in rows:
        counts.setdefault(region_id, set()).add(agreement_id)
    return {region_id: len(ids) for region_id, ids in counts.items()}


def _practice_region_ids(affair: GovernmentAffair | None) -> set[int]:
    """Regions that published (public or to members) or adopted a good practice in the affair."""
    items = KnowledgeItem.objects.filter(
        kind="practice", status=KnowledgeItem.Status.PUBLISHED, owner__region__isnull=False
    )
    adoptions = Adoption.objects.filter(
        decision__in=[Adoption.Decision.ADOPT, Adoption.Decision.ADAPT],
        organization__region__isnull=False,
    )
    if affair is not None:
        items = items.filter(affairs=affair)
        adoptions = adoptions.filter(item__affairs=affair)
    owners = set(items.values_list("owner__region_id", flat=True))
    return owners | set(adoptions.values_list("organization__region_id", flat=True))


def find_partners(region: Region, affair: GovernmentAffair | None = None) -> Result:
    """The ranked candidates for a regency or city; FinderUnavailable says why there are none."""
    if region.is_province:
        raise FinderUnavailable(
            _(
                "The partner finder compares regencies and cities, whose potentials and problems "
                "are recorded; for a province, open one of its regencies or cities, or use the "
                "reverse search for a problem."
            )
        )
    w = weights()
    max_km = distance_max_km()
    own = list(_records({region.pk}, affair, None).order_by("kind", "term__position"))
    own_problems = {r.term_id for r in own if r.kind == Kind.PROBLEM}
    own_potentials = {r.term_id for r in own if r.kind == Kind.POTENTIAL}

    matches: dict[int, list[tuple[Term, str]]] = {}
    same: dict[int, list[Term]] = {}
    if own:
        wanted = Q(kind=Kind.POTENTIAL, term_id__in=own_problems) | Q(
            kind=Kind.PROBLEM, term_id__in=own_potentials | own_problems
        )
        for record in _records(None, affair, region.pk).filter(wanted):
            if record.kind == Kind.POTENTIAL or record.term_id in own_potentials:
                matches.setdefault(record.region_id, []).append((record.term, record.kind))
            if record.kind == Kind.PROBLEM and record.term_id in own_problems:
                same.setdefault(record.region_id, []).append(record.term)

    borders: dict[int, Decimal] = {}
    for a, b, km in Border.objects.filter(Q(region_a=region) | Q(region_b=region)).values_list(
        "region_a_id", "region_b_id", "shared_km"
    ):
        borders[b if a == region.pk else a] = km
    ties = _tied_region_ids(region)
    practices = _practice_region_ids(affair)

    ids = set(matches) | set(same) | set(borders) | set(ties) | practices
    ids.discard(region.pk)
    candidates = []
    for peer in _peers(region).filter(pk__in=ids):
        candidate = Candidate(region=peer, matches=matches.get(peer.pk, []))
        reasons = candidate.reasons
        if peer.pk in borders:
            km_text = grouped(borders[peer.pk], 1)
            label = _("shares a border (%(km)s km)") % {"km": km_text}
            reasons.append(Reason("border", label, w["border"], Decimal(1)))
        if candidate.matches:
            terms = ", ".join(term.label(kind) for term, kind in candidate.matches)
            label = _("a problem of one is a potential of the other: %(terms)s") % {"terms": terms}
            reasons.append(Reason("match", label, w["match"], Decimal(len(candidate.matches))))
        if peer.pk in same:
            terms = ", ".join(term.problem_label for term in same[peer.pk])
            label = _("the same problem (a joint solution): %(terms)s") % {"terms": terms}
            reasons.append(
                Reason("same_problem", label, w["same_problem"], Decimal(len(same[peer.pk])))
            )
        if peer.pk in ties:
            label = _("already partners in %(count)s agreement(s)") % {"count": ties[peer.pk]}
            reasons.append(Reason("ties", label, w["ties"], Decimal(1)))
        if peer.pk in practices:
            label = _("published or adopted a good practice in this field")
            reasons.append(Reason("practice", label, w["practice"], Decimal(1)))
        km = distance_km(region, peer)
        closeness = max(Decimal(0), 1 - km / max_km).quantize(HUNDREDTH, ROUND_HALF_UP)
        label = _("%(km)s km apart") % {"km": grouped(km, 1)}
        reasons.append(Reason("distance", label, w["distance"], closeness))
        if region.population and peer.population:
            small, large = sorted([region.population, peer.population])
            ratio = (Decimal(small) / Decimal(large)).quantize(HUNDREDTH, ROUND_HALF_UP)
            label = _("similar size (population %(a)s and %(b)s)") % {
                "a": grouped(Decimal(region.population), 0),
                "b": grouped(Decimal(peer.population), 0),
            }
            reasons.append(Reason("size", label, w["size"], ratio))
        if candidate.is_substantive:
            candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.region.name))
    return Result(region=region, affair=affair, candidates=candidates, own_records=own)


def regions_with_potential(term: Term, *, exclude: int | None = None) -> list[Record]:
    """The reverse search: for a problem, the regions that published the matching potential."""
    qs = (
        Record.objects.published()
        .filter(term=term, kind=Kind.POTENTIAL)
        .select_related("region")
        .defer("region__boundary", "region__bbox")
        .order_by("region__name")
    )
    if exclude is not None:
        qs = qs.exclude(region_id=exclude)
    return list(qs)

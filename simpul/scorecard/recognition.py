"""Recognition ("apresiasi"): each organisation's contributions to cooperation in a year,
computed from records, never self-nominated, each line with the numbers behind it.

The lines reuse collaboration health's measures (health.py), summed over the agreements the
organisation is a party to, plus the knowledge it shared and that others adopted:

- meetings hosted (held of scheduled) and data delivered on time (periods on time of those
  decided) count only agreements whose meeting schedule, respectively indicators, **and**
  parties are public (simpul.publication.selectors), for everybody;
- knowledge shared and adopted read only the knowledge app's public selectors
  (simpul.knowledge.public): public items, public adoptions;
- a signed-in reader also sees, over the agreements they may read (agreements.access), the
  lines that are internal by nature: attendance, action items on time, obligations
  fulfilled, minutes signed promptly and questions answered in discussions (threads are
  never public), and the two first lines over those agreements too;
- verified stakeholder contributions of the organisation, one line per kind ("contributed
  Rp … in funding to 2 cooperations"): for everybody over agreements whose stakeholders are
  public (`publication.selectors.contributions_by_organization(public_only=True)`), for a
  signed-in reader over those and the agreements they may read
  (`stakeholders.selectors.contributions_by_organization`).

A line shows when its numerator is at least one. Every line is one grouped query (or two)
over all organisations at once, so the national list and one organisation's page run a fixed
number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from simpul.accounts.access import AnyUser
from simpul.agreements.access import agreements_visible_to
from simpul.agreements.models import Agreement
from simpul.core import formats
from simpul.knowledge import public as knowledge_public
from simpul.organizations.models import Organization
from simpul.publication import selectors as publication_selectors
from simpul.publication.kinds import InfoKind
from simpul.publication.selectors import agreements_with_public
from simpul.stakeholders import selectors as stakeholder_selectors
from simpul.stakeholders.models import Contribution

from . import health


@dataclass
class Line:
    key: str
    num: int
    den: int | None
    internal: bool = False
    # A contribution line's value in Rupiah (num is then the cooperations it went to).
    amount: Decimal | None = None

    @property
    def text(self) -> str:
        n, d = self.num, self.den
        if self.key.startswith(CONTRIBUTED):
            kind = Contribution.Kind(self.key.removeprefix(CONTRIBUTED)).label
            return ngettext(
                "contributed %(amount)s in %(kind)s to %(num)s cooperation",
                "contributed %(amount)s in %(kind)s to %(num)s cooperations",
                n,
            ) % {"amount": formats.rupiah(self.amount), "kind": str(kind).lower(), "num": n}
        texts = {
            "meetings_held": lambda: _("hosted %(num)s of %(den)s scheduled meetings"),
            "data_on_time": lambda: _("delivered data on time for %(num)s of %(den)s periods"),
            "attendance": lambda: _("attended %(num)s of %(den)s meetings with an attendance list"),
            "actions_on_time": lambda: _(
                "completed %(num)s of %(den)s action items by their due date"
            ),
            "obligations_fulfilled": lambda: _("fulfilled %(num)s of %(den)s obligations due"),
            "minutes_signed": lambda: _(
                "signed %(num)s of %(den)s minutes within the sign-off period (%(days)s days)"
            ),
            "knowledge_shared": lambda: ngettext(
                "shared %(num)s knowledge item publicly",
                "shared %(num)s knowledge items publicly",
                n,
            ),
            "knowledge_adopted": lambda: ngettext(
                "its practices were adopted by %(num)s other organisation",
                "its practices were adopted by %(num)s other organisations",
                n,
            ),
            "questions_answered": lambda: _(
                "answered %(num)s of %(den)s questions other parties asked of it in discussions"
            ),
            "adoptions_made": lambda: ngettext(
                "adopted %(num)s practice of another organisation",
                "adopted %(num)s practices of other organisations",
                n,
            ),
        }
        return texts[self.key]() % {"num": n, "den": d, "days": health.sign_off_days()}


PUBLIC_MEASURES = {"meetings_held": InfoKind.MEETINGS, "data_on_time": InfoKind.INDICATORS}
INTERNAL_MEASURES = (
    "attendance",
    "actions_on_time",
    "obligations_fulfilled",
    "minutes_signed",
    "questions_answered",
)
CONTRIBUTED = "contributed_"
ORDER = (
    "meetings_held",
    "attendance",
    "data_on_time",
    "actions_on_time",
    "obligations_fulfilled",
    "minutes_signed",
    "knowledge_shared",
    "questions_answered",
    "knowledge_adopted",
    "adoptions_made",
    *(CONTRIBUTED + kind for kind in Contribution.Kind.values),
)


def _sum_per_org(counts: health.Counts, orgs: set[int] | None) -> dict[int, list[int]]:
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for (_agreement_id, org_id), (num, den) in counts.items():
        if org_id is None or (orgs is not None and org_id not in orgs):
            continue
        totals[org_id][0] += num
        totals[org_id][1] += den
    return totals


def _of(agreements: QuerySet[Agreement], orgs: set[int] | None) -> Any:
    if orgs is not None:
        agreements = agreements.filter(parties__organization_id__in=orgs)
    return agreements.values("pk")


def contributions(
    year: int, user: AnyUser, organization_ids: set[int] | None = None
) -> dict[int, list[Line]]:
    """Each organisation's lines for `year` (all organisations, or those named), in ORDER."""
    orgs = organization_ids
    found: dict[int, dict[str, Line]] = defaultdict(dict)
    public_parties = agreements_with_public(InfoKind.PARTIES)
    visible = agreements_visible_to(user) if user.is_authenticated else Agreement.objects.none()
    for key, kind in PUBLIC_MEASURES.items():
        subset = agreements_with_public(kind).filter(pk__in=public_parties.values("pk"))
        if user.is_authenticated:
            subset = Agreement.objects.filter(
                Q(pk__in=subset.values("pk")) | Q(pk__in=visible.values("pk"))
            )
        # Forum meetings are never public: only an agreement's own meetings count here.
        _parties, counts = health.collaboration_counts(
            _of(subset, orgs), year, keys={key}, forums=False
        )
        for org_id, (num, den) in _sum_per_org(counts[key], orgs).items():
            if num:
                found[org_id][key] = Line(key, num, den)
    if user.is_authenticated:
        _parties, counts = health.collaboration_counts(
            _of(visible, orgs), year, keys=set(INTERNAL_MEASURES)
        )
        for key in INTERNAL_MEASURES:
            for org_id, (num, den) in _sum_per_org(counts[key], orgs).items():
                if num:
                    found[org_id][key] = Line(key, num, den, internal=True)
    _knowledge(year, orgs, found)
    _contributions(year, user, orgs, found)
    return {
        org_id: [lines[key] for key in ORDER if key in lines] for org_id, lines in found.items()
    }


def _knowledge(year: int, orgs: set[int] | None, found: dict[int, dict[str, Line]]) -> None:
    items = knowledge_public.public_items().filter(published_at__year=year)
    adoptions = knowledge_public.public_adoptions().filter(decided_at__year=year)
    if orgs is not None:
        items = items.filter(owner_id__in=orgs)
    for owner_id, n in (
        items.values("owner_id").annotate(n=Count("pk")).values_list("owner_id", "n")
    ):
        found[owner_id]["knowledge_shared"] = Line("knowledge_shared", n, None)
    # Another organisation's adoption, counted for the practice's owner (adopters, once
    # each) and for the adopter (practices).
    others = adoptions.exclude(organization_id=F("item__owner_id"))
    theirs = others.filter(item__owner_id__in=orgs) if orgs is not None else others
    for owner_id, n in (
        theirs.values("item__owner_id")
        .annotate(n=Count("organization_id", distinct=True))
        .values_list("item__owner_id", "n")
    ):
        found[owner_id]["knowledge_adopted"] = Line("knowledge_adopted", n, None)
    mine = others.filter(organization_id__in=orgs) if orgs is not None else others
    for org_id, n in (
        mine.values("organization_id").annotate(n=Count("pk")).values_list("organization_id", "n")
    ):
        found[org_id]["adoptions_made"] = Line("adoptions_made", n, None)


def _contributions(
    year: int, user: AnyUser, orgs: set[int] | None, found: dict[int, dict[str, Line]]
) -> None:
    public = {
        (row.organization_id, row.kind): row
        for row in publication_selectors.contributions_by_organization(year=year, public_only=True)
    }
    rows = list(public.values())
    if user.is_authenticated:
        readable = Agreement.objects.filter(
            Q(pk__in=agreements_with_public(InfoKind.STAKEHOLDERS).values("pk"))
            | Q(pk__in=agreements_visible_to(user).values("pk"))
        )
        rows = stakeholder_selectors.contributions_by_organization(year=year, agreements=readable)
    for row in rows:
        if row.organization_id is None or (orgs is not None and row.organization_id not in orgs):
            continue
        key = CONTRIBUTED + row.kind
        # Members only when more is counted than the public figure.
        internal = public.get((row.organization_id, row.kind)) != row
        found[row.organization_id][key] = Line(
            key, row.cooperations, None, internal=internal, amount=row.total
        )


def recognised_organizations(user: AnyUser) -> QuerySet[Organization]:
    """The organisations whose recognition page a reader may open: regional governments
    (public bodies), parties to an agreement whose parties are public, owners of public
    knowledge, stakeholders of agreements whose stakeholders are public, and, for a signed-in
    reader, parties to and stakeholders of the agreements they may read. Any
    other organisation's name stays internal (404)."""
    shown = (
        Q(kind=Organization.Kind.REGIONAL_GOVERNMENT)
        | Q(agreement_parties__agreement__in=agreements_with_public(InfoKind.PARTIES).values("pk"))
        | Q(pk__in=knowledge_public.public_items().values("owner_id"))
        | Q(
            stakeholder_roles__agreement__in=agreements_with_public(InfoKind.STAKEHOLDERS).values(
                "pk"
            )
        )
    )
    if user.is_authenticated:
        shown |= Q(agreement_parties__agreement__in=agreements_visible_to(user).values("pk"))
        shown |= Q(stakeholder_roles__agreement__in=agreements_visible_to(user).values("pk"))
    return Organization.objects.filter(pk__in=Organization.objects.filter(shown).values("pk"))


def ranked(lines: dict[int, list[Line]]) -> list[int]:
    """Organisation ids, most lines first, then the larger numbers."""
    return sorted(
        lines,
        key=lambda org_id: (-len(lines[org_id]), -sum(line.num for line in lines[org_id]), org_id),
    )

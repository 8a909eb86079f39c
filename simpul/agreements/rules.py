"""The rules an agreement must satisfy (domain brief §1.4, §1.8, §7), as plain functions.

Each rule returns a list of `Finding`s. A finding with severity "block" stops the change
(rules marked ✅ in the brief); "warn" needs the person to accept it (❓ rules).

* `check_parties(family, category, organizations)`: the party rules, usable while a wizard
  is being filled in (no agreement needed).
* `check_agreement(agreement)`: party rules plus dates, for a saved agreement.
* `RULES`: rule code → function(agreement) → findings; Transition.rules name these codes.

Decision on the open question of §7.1 (multi-party wajib with a non-adjacent member): with
two parties, non-bordering regions block (the ✅ rule). With three or more, a pair that
does not border only warns, as long as every member borders at least one other member; a
member that borders none of the others blocks, since it fits no configuration at all.
"""

from dataclasses import dataclass
from itertools import combinations

from django.db.models import Q
from django.utils.translation import gettext as _

from simpul.core.formats import long_date
from simpul.organizations.models import Organization
from simpul.regions.models import Border, Region

BLOCK = "block"
WARN = "warn"

NON_GOVERNMENT_KINDS = {
    Organization.Kind.NGO,
    Organization.Kind.BUSINESS,
    Organization.Kind.UNIVERSITY,
    Organization.Kind.COMMUNITY_GROUP,
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "block" or "warn"
    message: str

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCK

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": str(self.message)}


def display_name(organization: Organization) -> str:
    """A region's name for its government ("Kabupaten Bantul"), else the organisation's."""
    if organization.kind == Organization.Kind.REGIONAL_GOVERNMENT and organization.region_id:
        region = organization.region
        if region.level == Region.Level.PROVINCE:
            return _("Province of %(name)s") % {"name": region.name}
        return region.name
    return organization.name


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


# --- Parties ---------------------------------------------------------------------------------


def _is_government(org: Organization) -> bool:
    return org.kind == Organization.Kind.REGIONAL_GOVERNMENT


def _border_pairs(regions: list[Region]) -> set[tuple[int, int]]:
    ids = [r.pk for r in regions]
    if len(ids) < 2:
        return set()
    rows = Border.objects.filter(Q(region_a_id__in=ids) & Q(region_b_id__in=ids)).values_list(
        "region_a_id", "region_b_id"
    )
    pairs = set()
    for a, b in rows:
        pairs.add((a, b))
        pairs.add((b, a))
    return pairs


def regions_fit_mandatory(a: Region, b: Region, borders: set[tuple[int, int]]) -> bool:
    """One of the four configurations of a kerja sama wajib (§1.4)."""
    if a.is_province != b.is_province:
        province, other = (a, b) if a.is_province else (b, a)
        return other.parent_id == province.pk  # kab/kota ↔ its own province
    return (a.pk, b.pk) in borders  # kab/kota ↔ kab/kota, province ↔ province


def _check_mandatory(governments: list[Organization]) -> list[Finding]:
    by_id = Region.objects.without_geometry().in_bulk(
        [org.region_id for org in governments if org.region_id]
    )
    regions = [by_id[org.region_id] for org in governments if org.region_id in by_id]
    borders = _border_pairs(regions)
    unfit = [
        (a, b) for a, b in combinations(regions, 2) if not regions_fit_mandatory(a, b, borders)
    ]
    if not unfit:
        return []
    findings = []
    isolated = [
        r
        for r in regions
        if all(not regions_fit_mandatory(r, other, borders) for other in regions if other != r)
    ]
    for a, b in unfit:
        severity = BLOCK if len(regions) == 2 or a in isolated or b in isolated else WARN
        if severity == BLOCK:
            message = _(
                "%(a)s and %(b)s do not share a border: a mandatory KSDD needs bordering regions"
            )
        else:
            message = _(
                "%(a)s and %(b)s do not share a border; each borders another party, but check "
                "that a mandatory KSDD fits every pair"
            )
        findings.append(
            Finding(
                "mandatory_bordering",
                severity,
                message % {"a": _region_label(a), "b": _region_label(b)},
            )
        )
    return findings


def _region_label(region: Region) -> str:
    if region.is_province:
        return _("Province of %(name)s") % {"name": region.name}
    return region.name


def check_parties(family: str, category: str, organizations) -> list[Finding]:
    """The party rules of §7.1–4 for a family and category and a list of Organizations."""
    organizations = list(organizations)
    findings: list[Finding] = []
    if len(organizations) < 2:
        findings.append(
            Finding("party_count", BLOCK, _("An agreement needs at least two parties."))
        )
    governments = [o for o in organizations if _is_government(o)]
    others = [o for o in organizations if not _is_government(o)]
    if family == "ksdd":
        if others:
            findings.append(
                Finding(
                    "ksdd_regions_only",
                    BLOCK,
                    _(
                        "%(names)s cannot be a party to a KSDD: its parties are regional "
                        "governments only"
                    )
                    % {"names": _join([display_name(o) for o in others])},
                )
            )
        if category == "wajib" and len(governments) >= 2:
            findings.extend(_check_mandatory(governments))
    elif family == "ksdpk":
        if not governments:
            findings.append(
                Finding(
                    "needs_region",
                    BLOCK,
                    _("A KSDPK needs at least one regional government as a party."),
                )
            )
        if not any(o.kind in NON_GOVERNMENT_KINDS for o in organizations):
            findings.append(
                Finding(
                    "ksdpk_third_party",
                    BLOCK,
                    _(
                        "A KSDPK needs at least one non-government party (an NGO, business, "
                        "university or community group)."
                    ),
                )
            )
    elif family in ("ksdpl", "ksdll"):
        if not governments:
            findings.append(
                Finding(
                    "needs_region",
                    BLOCK,
                    _("A KSDPL or KSDLL needs at least one regional government as a party."),
                )
            )
        if not any(o.kind == Organization.Kind.FOREIGN_PARTNER for o in organizations):
            findings.append(
                Finding(
                    "needs_foreign_partner",
                    BLOCK,
                    _("A KSDPL or KSDLL needs a foreign partner as a party."),
                )
            )
    elif family == "sinergi":
        if not governments:
            findings.append(
                Finding(
                    "needs_region",
                    BLOCK,
                    _("A Nota Kesepakatan needs at least one regional government as a party."),
                )
            )
        if not any(o.kind == Organization.Kind.CENTRAL_GOVERNMENT for o in organizations):
            findings.append(
                Finding(
                    "needs_central_government",
                    WARN,
                    _("A Nota Kesepakatan is usually made with a ministry or central agency."),
                )
            )
    return findings


def check_dates(start_date, end_date) -> list[Finding]:
    if start_date and end_date and end_date < start_date:
        return [
            Finding(
                "end_before_start",
                BLOCK,
                _("The end date (%(end)s) is before the start date (%(start)s).")
                % {"end": long_date(end_date), "start": long_date(start_date)},
            )
        ]
    return []


def _parties(agreement):
    return list(
        agreement.parties.select_related("organization__region")
        .defer("organization__region__boundary", "organization__region__bbox")
        .order_by("position", "pk")
    )


def check_agreement(agreement) -> list[Finding]:
    organizations = [p.organization for p in _parties(agreement)]
    return check_parties(agreement.family, agreement.category, organizations) + check_dates(
        agreement.start_date, agreement.end_date
    )


# --- Document chain rules (used by transitions) -------------------------------------------------


def _signatures(agreement, instrument: str) -> dict[int, object]:
    from .models import Signature

    return {
        s.party_id: s
        for s in Signature.objects.filter(party__agreement=agreement, instrument=instrument)
    }


def rule_parties_valid(agreement) -> list[Finding]:
    return check_agreement(agreement)


def rule_dates_valid(agreement) -> list[Finding]:
    findings = check_dates(agreement.start_date, agreement.end_date)
    if not agreement.end_date:
        findings.append(
            Finding(
                "no_end_date",
                WARN,
                _("The agreement has no end date: no expiry reminders will be sent."),
            )
        )
    return findings


def _signed_by_all(agreement, instrument: str, label: str) -> list[Finding]:
    signed = _signatures(agreement, instrument)
    return [
        Finding(
            f"{instrument}_signature_missing",
            BLOCK,
            _("the %(instrument)s is not signed by %(party)s")
            % {"instrument": label, "party": display_name(p.organization)},
        )
        for p in _parties(agreement)
        if p.pk not in signed
    ]


def rule_kb_signed_by_all(agreement) -> list[Finding]:
    return _signed_by_all(agreement, "kb", "KB")


def rule_pks_signed_by_all(agreement) -> list[Finding]:
    return _signed_by_all(agreement, "pks", "PKS")


def rule_pks_after_kb(agreement) -> list[Finding]:
    kb, pks = _signatures(agreement, "kb"), _signatures(agreement, "pks")
    findings = []
    for party in _parties(agreement):
        if party.pk in kb and party.pk in pks and pks[party.pk].signed_on < kb[party.pk].signed_on:
            findings.append(
                Finding(
                    "pks_before_kb",
                    BLOCK,
                    _("%(party)s signed the PKS (%(pks)s) before the KB (%(kb)s)")
                    % {
                        "party": display_name(party.organization),
                        "pks": long_date(pks[party.pk].signed_on),
                        "kb": long_date(kb[party.pk].signed_on),
                    },
                )
            )
    return findings


def rule_pks_power_of_attorney(agreement) -> list[Finding]:
    pks = _signatures(agreement, "pks")
    findings = []
    for party in _parties(agreement):
        signature = pks.get(party.pk)
        if signature and not signature.is_head_of_region and not signature.power_of_attorney_id:
            findings.append(
                Finding(
                    "power_of_attorney_missing",
                    BLOCK,
                    _(
                        "%(signatory)s signed the PKS for %(party)s without being the head of "
                        "region, and no power of attorney is attached"
                    )
                    % {
                        "signatory": signature.signatory_name,
                        "party": display_name(party.organization),
                    },
                )
            )
    return findings


def rule_pks_within_kb(agreement) -> list[Finding]:
    parent = agreement.parent
    if parent and parent.end_date and agreement.end_date and agreement.end_date > parent.end_date:
        return [
            Finding(
                "pks_outlives_kb",
                WARN,
                _("The PKS runs until %(end)s, after its KB %(kb)s ends on %(kb_end)s")
                % {
                    "end": long_date(agreement.end_date),
                    "kb": parent.reference_code,
                    "kb_end": long_date(parent.end_date),
                },
            )
        ]
    return []


def _council_parties_missing(agreement) -> tuple[list, list]:
    from .models import Document

    parties = [p for p in _parties(agreement) if p.requires_council_approval]
    approved = set(
        Document.objects.filter(
            agreement=agreement,
            kind=Document.Kind.COUNCIL_APPROVAL,
            party__isnull=False,
            versions__isnull=False,
        ).values_list("party_id", flat=True)
    )
    return parties, [p for p in parties if p.pk not in approved]


def rule_council_approval_needed(agreement) -> list[Finding]:
    needing, _missing = _council_parties_missing(agreement)
    if needing:
        return []
    return [
        Finding(
            "council_not_needed",
            BLOCK,
            _("no party needs DPRD approval: go on to drafting the PKS"),
        )
    ]


def rule_council_approvals_present(agreement) -> list[Finding]:
    _needing, missing = _council_parties_missing(agreement)
    return [
        Finding(
            "council_approval_missing",
            BLOCK,
            _("the DPRD approval of %(party)s is missing")
            % {"party": display_name(p.organization)},
        )
        for p in missing
    ]


# The DPRD rule (§1.8, §7.8): blocks KB → PKS while an approval is required and missing.
rule_council_rule_satisfied = rule_council_approvals_present


RULES = {
    "parties_valid": rule_parties_valid,
    "dates_valid": rule_dates_valid,
    "kb_signed_by_all": rule_kb_signed_by_all,
    "pks_signed_by_all": rule_pks_signed_by_all,
    "pks_after_kb": rule_pks_after_kb,
    "pks_power_of_attorney": rule_pks_power_of_attorney,
    "pks_within_kb": rule_pks_within_kb,
    "council_approval_needed": rule_council_approval_needed,
    "council_approvals_present": rule_council_approvals_present,
    "council_rule_satisfied": rule_council_rule_satisfied,
}


def rule_label(code: str) -> str:
    labels = {
        "parties_valid": _("The parties fit the family and category"),
        "dates_valid": _("The dates are valid"),
        "kb_signed_by_all": _("Every party has signed the KB"),
        "pks_signed_by_all": _("Every party has signed the PKS"),
        "pks_after_kb": _("Each party signed the PKS on or after its KB"),
        "pks_power_of_attorney": _(
            "Signatories who are not heads of region have a power of attorney"
        ),
        "pks_within_kb": _("The PKS does not outlive its KB"),
        "council_approval_needed": _("A party needs DPRD approval"),
        "council_approvals_present": _("Every party that needs it has DPRD approval"),
        "council_rule_satisfied": _("The DPRD approval rule is satisfied"),
    }
    return labels.get(code, code)

"""Writes for agreements themselves: create, update, parties, DPRD data, signatures,
obligations. Stage moves are in simpul.agreements.workflow (agreement_transition)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core import public_cache
from simpul.core.claims import claim
from simpul.core.errors import Conflict, InvalidInput
from simpul.core.formats import long_date
from simpul.organizations.models import Organization

from .. import rules as agreement_rules
from ..models import (
    Agreement,
    AgreementEvent,
    Document,
    Family,
    GovernmentAffair,
    Obligation,
    Party,
    Signature,
)
from ..workflow import _actor_label, agreement_conflict, workflow_for

EDITABLE_FIELDS = {
    "title",
    "category",
    "vision",
    "mission",
    "objectives",
    "scope",
    "legal_basis",
    "start_date",
    "end_date",
    "parent",
    "is_legacy",
}
PARTY_CHANGE_STATES = {"draft", "offered"}


class AgreementInvalid(InvalidInput):
    """The data breaks a rule; `messages` are for the person (translated), `findings` the
    rule findings behind them when there are any, `field` the form field when one is to blame."""

    def __init__(self, messages, *, findings=(), field: str | None = None):
        if isinstance(messages, str):
            messages = [messages]
        texts = [str(m) for m in messages]
        super().__init__({field: texts} if field else texts)
        self.findings = list(findings)
        self.field = field


def _raise_blocks(findings) -> None:
    blocks = [f for f in findings if f.blocks]
    if blocks:
        raise AgreementInvalid([f.message for f in blocks], findings=findings)


def reference_code_next(year: int) -> str:
    prefix = f"KSD-{year}-"
    codes = Agreement.objects.filter(reference_code__startswith=prefix).values_list(
        "reference_code", flat=True
    )
    numbers = [int(c[len(prefix) :]) for c in codes if c[len(prefix) :].isdigit()]
    return f"{prefix}{(max(numbers, default=0) + 1):05d}"


def _normalise_parties(parties) -> list[tuple[Organization, str]]:
    result = []
    for item in parties:
        if isinstance(item, Organization):
            result.append((item, Party.Role.PARTY))
        else:
            organization, role = item
            result.append((organization, role or Party.Role.PARTY))
    return result


@transaction.atomic
def agreement_create(
    *,
    user,
    owner: Organization,
    family: str,
    category: str = "",
    title: str,
    parties,
    affairs=(),
    occurred_at=None,
    **fields,
) -> Agreement:
    """Register a new agreement in draft, with its parties and the first event (dated
    `occurred_at` when it was registered before being entered, as in the demo; else now).

    `parties` is a list of (Organization, role) (a bare Organization means role "party").
    Blocking party or date rules raise AgreementInvalid; warnings are allowed here and shown
    again at the transitions that check them."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    if family not in Family.values:
        raise AgreementInvalid(_("Unknown cooperation family."), field="family")
    if family != "ksdd":
        category = ""
    elif category not in ("wajib", "sukarela"):
        raise AgreementInvalid(
            _("Choose whether the KSDD is mandatory or voluntary."), field="category"
        )
    if not (title or "").strip():
        raise AgreementInvalid(_("Give the agreement a title."), field="title")
    party_list = _normalise_parties(parties)
    organizations = [org for org, _role in party_list]
    if len({o.pk for o in organizations}) != len(organizations):
        raise AgreementInvalid(
            _("The same organisation is listed twice as a party."), field="parties"
        )
    _raise_blocks(
        agreement_rules.check_parties(family, category, organizations)
        + agreement_rules.check_dates(fields.get("start_date"), fields.get("end_date"))
    )
    year = timezone.now().year
    agreement = None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                agreement = Agreement.objects.create(
                    reference_code=reference_code_next(year),
                    title=title.strip(),
                    family=family,
                    category=category,
                    workflow=workflow_for(family, owner),
                    owner=owner,
                    created_by=user,
                    state="draft",
                    **fields,
                )
            break
        except IntegrityError:
            continue
    if agreement is None:
        # Five reference codes taken by others in a row: a retry from the form will do.
        raise Conflict(_("Someone else registered an agreement at the same moment; try again."))
    for position, (organization, role) in enumerate(party_list):
        Party.objects.create(
            agreement=agreement, organization=organization, role=role, position=position
        )
    if affairs:
        agreement.affairs.set(
            [
                a if isinstance(a, GovernmentAffair) else GovernmentAffair.objects.get(code=a)
                for a in affairs
            ]
        )
    AgreementEvent.objects.create(
        agreement=agreement,
        seq=1,
        transition_code="create",
        from_state="",
        to_state="draft",
        actor=user,
        actor_label=_actor_label(user),
        occurred_at=occurred_at or timezone.now(),
    )
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, user, expected_version: int, affairs=None, **fields
) -> Agreement:
    """Change an agreement's data. A stale `expected_version` raises Conflict; a broken rule
    raises AgreementInvalid and rolls the claim back."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown agreement fields: {sorted(unknown)}")
    claim(
        Agreement,
        agreement.pk,
        version=expected_version,
        by=user,
        describe=lambda: agreement_conflict(agreement.pk),
    )
    locked = Agreement.objects.get(pk=agreement.pk)
    if "title" in fields and not (fields["title"] or "").strip():
        raise AgreementInvalid(_("Give the agreement a title."), field="title")
    if locked.family != "ksdd":
        fields.pop("category", None)
    for name, value in fields.items():
        setattr(locked, name, value)
    findings = agreement_rules.check_dates(locked.start_date, locked.end_date)
    if "category" in fields:
        findings += agreement_rules.check_agreement(locked)
    _raise_blocks(findings)
    locked.save()
    if affairs is not None:
        locked.affairs.set(affairs)
    for name in list(fields) + ["version", "changed_by", "updated_at"]:
        setattr(agreement, name, getattr(locked, name))
    public_cache.bump()  # its title, dates or objectives may be on public pages
    return locked


# --- Parties -------------------------------------------------------------------------------------


def _ensure_parties_changeable(agreement: Agreement) -> None:
    if agreement.state not in PARTY_CHANGE_STATES:
        raise AgreementInvalid(
            _("Parties can only be changed while the agreement is a draft or being offered.")
        )


@transaction.atomic
def party_add(
    *, agreement: Agreement, organization: Organization, role: str = Party.Role.PARTY
) -> Party:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _ensure_parties_changeable(agreement)
    if agreement.parties.filter(organization=organization).exists():
        raise AgreementInvalid(
            _("%(name)s is a party already.") % {"name": organization.name}, field="organization"
        )
    position = agreement.parties.count()
    party = Party.objects.create(
        agreement=agreement, organization=organization, role=role, position=position
    )
    public_cache.bump()  # the parties may be public already (a publication decision)
    return party


@transaction.atomic
def party_remove(*, party: Party) -> None:
    agreement = Agreement.objects.select_for_update().get(pk=party.agreement_id)
    _ensure_parties_changeable(agreement)
    if party.signatures.exists() or party.documents.exists():
        raise AgreementInvalid(
            _("%(name)s has signatures or documents on this agreement and cannot be removed.")
            % {"name": party.organization.name}
        )
    party.obligations.all().delete()
    party.delete()
    public_cache.bump()


@transaction.atomic
def party_set_council(
    *, party: Party, burdens_public: bool, funded_in_current_apbd: bool, fiscal_year_checked
) -> Party:
    """Record the DPRD rule inputs for one party (§1.8)."""
    if fiscal_year_checked is not None and not (2000 <= int(fiscal_year_checked) <= 2100):
        raise AgreementInvalid(_("Enter a fiscal year such as 2026."), field="fiscal_year_checked")
    party.burdens_public = bool(burdens_public)
    party.funded_in_current_apbd = bool(funded_in_current_apbd)
    party.fiscal_year_checked = fiscal_year_checked
    party.save()
    return party


# --- Signatures ----------------------------------------------------------------------------------


@transaction.atomic
def signature_record(
    *,
    party: Party,
    instrument: str,
    document_number: str,
    signatory_name: str,
    signatory_office: str,
    is_head_of_region: bool,
    signed_on,
    power_of_attorney: Document | None = None,
) -> Signature:
    """Record (or correct) a party's signature of the KB, PKS or an addendum."""
    name = agreement_rules.display_name(party.organization)
    if instrument not in Signature.Instrument.values:
        raise AgreementInvalid(_("Unknown instrument."), field="instrument")
    if not (document_number or "").strip():
        raise AgreementInvalid(
            _("Enter the document number %(party)s gave it.") % {"party": name},
            field="document_number",
        )
    if not (signatory_name or "").strip():
        raise AgreementInvalid(_("Enter the signatory's name."), field="signatory_name")
    if power_of_attorney is not None:
        if (
            power_of_attorney.agreement_id != party.agreement_id
            or power_of_attorney.kind != Document.Kind.POWER_OF_ATTORNEY
        ):
            raise AgreementInvalid(
                _("Choose a power of attorney document of this agreement."),
                field="power_of_attorney",
            )
        if not power_of_attorney.versions.exists():
            raise AgreementInvalid(
                _("The power of attorney has no file yet: upload it first."),
                field="power_of_attorney",
            )
    if not is_head_of_region and power_of_attorney is None:
        raise AgreementInvalid(
            _(
                "%(signatory)s is not the head of region: attach the power of attorney "
                "(surat kuasa) that lets them sign for %(party)s."
            )
            % {"signatory": signatory_name, "party": name},
            field="power_of_attorney",
        )
    if instrument == Signature.Instrument.PKS:
        kb = party.signatures.filter(instrument=Signature.Instrument.KB).first()
        if kb is None:
            raise AgreementInvalid(
                _("PKS cannot be signed: the KB is not signed by %(party)s") % {"party": name},
                field="signed_on",
            )
        if signed_on < kb.signed_on:
            raise AgreementInvalid(
                _(
                    "PKS cannot be signed on %(date)s: %(party)s signed the KB on %(kb)s, and "
                    "the PKS cannot be signed before the KB"
                )
                % {"date": long_date(signed_on), "party": name, "kb": long_date(kb.signed_on)},
                field="signed_on",
            )
    values = {
        "document_number": document_number.strip(),
        "signatory_name": signatory_name.strip(),
        "signatory_office": (signatory_office or "").strip(),
        "is_head_of_region": bool(is_head_of_region),
        "signed_on": signed_on,
        "power_of_attorney": power_of_attorney,
    }
    if instrument == Signature.Instrument.ADDENDUM:
        return Signature.objects.create(party=party, instrument=instrument, **values)
    signature, _created = Signature.objects.update_or_create(
        party=party, instrument=instrument, defaults=values
    )
    return signature


# --- Obligations ---------------------------------------------------------------------------------

OBLIGATION_FIELDS = {"kind", "description", "amount", "fiscal_year", "funding_source", "due_date"}


def _validate_obligation(obligation: Obligation) -> None:
    if obligation.kind not in Obligation.Kind.values:
        raise AgreementInvalid(_("Choose a kind of contribution."), field="kind")
    if not (obligation.description or "").strip():
        raise AgreementInvalid(_("Describe the contribution."), field="description")
    if obligation.kind == Obligation.Kind.MONEY and obligation.amount is None:
        raise AgreementInvalid(_("A money contribution needs an amount in rupiah."), field="amount")
    if obligation.amount is not None and obligation.amount < 0:
        raise AgreementInvalid(_("The amount cannot be negative."), field="amount")


@transaction.atomic
def obligation_create(*, party: Party, kind: str, description: str, **fields) -> Obligation:
    unknown = set(fields) - OBLIGATION_FIELDS
    if unknown:
        raise TypeError(f"unknown obligation fields: {sorted(unknown)}")
    obligation = Obligation(party=party, kind=kind, description=description, **fields)
    _validate_obligation(obligation)
    obligation.save()
    return obligation


@transaction.atomic
def obligation_update(*, obligation: Obligation, **fields) -> Obligation:
    unknown = set(fields) - OBLIGATION_FIELDS
    if unknown:
        raise TypeError(f"unknown obligation fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obligation, name, value)
    _validate_obligation(obligation)
    obligation.save()
    return obligation


@transaction.atomic
def obligation_set_status(*, obligation: Obligation, status: str, fulfilled_on=None) -> Obligation:
    if status not in Obligation.Status.values:
        raise AgreementInvalid(_("Unknown status."), field="status")
    obligation.status = status
    if status == Obligation.Status.FULFILLED:
        obligation.fulfilled_on = fulfilled_on or timezone.localdate()
    else:
        obligation.fulfilled_on = None
    obligation.save()
    return obligation

"""Factories for agreements in tests and for the other areas' tests.

    make_agreement(cast, *, family="ksdd", category="sukarela", parties=None, state="draft",
                   owner=None, **fields) -> Agreement

`parties` is a list of Organizations (default: the governments of Kota Yogyakarta, Sleman
and Bantul); `owner` defaults to the first party (inside `registered_by(org)`: to org). The
agreement is created through services.agreements.agreement_create (so rules apply: a KSDPK
needs an NGO, and so on).
For speed, a `state` other than draft is set directly: one event "factory" from draft to
that state is written and the cached state and version are updated to match, so
state_from_events(agreement) == agreement.state. No documents or signatures are created; use
make_document_version / make_signature when a test needs them.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from simpul.agreements.models import AgreementEvent, Document, DocumentVersion, Signature
from simpul.agreements.services.agreements import agreement_create
from simpul.organizations.models import Organization


def government_of(region) -> Organization:
    return Organization.objects.governments().get(region=region)


def default_parties(cast) -> list[Organization]:
    return [cast.pemkot_yogyakarta, government_of(cast.sleman), government_of(cast.bantul)]


# Set by registered_by(): the permission matrix registers every agreement its declarations
# build at an organisation that is no party, so that the registering organisation's rights
# are told apart from a party's on every page without changing each declaration.
_default_registrar: ContextVar[Organization | None] = ContextVar("registrar", default=None)


@contextmanager
def registered_by(organization: Organization) -> Iterator[None]:
    """Agreements made inside this block without an explicit owner are registered by it."""
    token = _default_registrar.set(organization)
    try:
        yield
    finally:
        _default_registrar.reset(token)


def make_agreement(
    cast,
    *,
    family="ksdd",
    category="sukarela",
    parties=None,
    state="draft",
    owner=None,
    title="Pengelolaan sampah regional",
    user=None,
    **fields,
):
    parties = list(parties) if parties is not None else default_parties(cast)
    owner = owner or _default_registrar.get() or parties[0]
    agreement = agreement_create(
        user=user,
        owner=owner,
        family=family,
        category=category if family == "ksdd" else "",
        title=title,
        parties=[(org, "initiator" if i == 0 else "party") for i, org in enumerate(parties)],
        **fields,
    )
    if state != "draft":
        set_state(agreement, state)
    return agreement


def set_state(agreement, state: str) -> None:
    """Jump to a state with one 'factory' event (tests only; skips every rule)."""
    known = set(agreement.workflow.stages.values_list("code", flat=True))
    if state not in known:
        raise ValueError(f"{state!r} is not a stage of {agreement.workflow}; use one of {known}")
    last = agreement.events.aggregate(m=Max("seq"))["m"] or 0
    AgreementEvent.objects.create(
        agreement=agreement,
        seq=last + 1,
        transition_code="factory",
        from_state=agreement.state,
        to_state=state,
        actor=None,
        actor_label="factory",
        occurred_at=timezone.now(),
    )
    type(agreement).objects.filter(pk=agreement.pk).update(
        state=state, version=agreement.version + 1
    )
    agreement.state = state
    agreement.version += 1


def make_document_version(
    agreement, kind, *, party=None, content=b"%PDF-1.4 test", user=None, **extra
):
    """A document of `kind` with one small version (creates the Document when needed)."""
    document = Document.objects.filter(agreement=agreement, kind=kind, party=party).first()
    if document is None:
        document = Document.objects.create(
            agreement=agreement, kind=kind, party=party, title=f"{kind} {agreement.reference_code}"
        )
    number = (document.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=f"{kind}.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
        **extra,
    )
    version.file.save(f"{kind}.pdf", ContentFile(content), save=False)
    version.save()
    return version


def make_signature(party, instrument="kb", *, signed_on=None, is_head_of_region=True, **extra):
    return Signature.objects.create(
        party=party,
        instrument=instrument,
        document_number=extra.pop("document_number", f"{instrument.upper()}/{party.pk}/2026"),
        signatory_name=extra.pop("signatory_name", "Kepala Daerah"),
        signatory_office=extra.pop("signatory_office", "Kepala Daerah"),
        is_head_of_region=is_head_of_region,
        signed_on=signed_on or date(2026, 3, 1),
        **extra,
    )

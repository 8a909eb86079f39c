"""Cooperation agreements (kerja sama daerah): families, parties, stages, documents, disputes.

An agreement's current state is derived from its append-only events (AgreementEvent), the way
OCDS compiles releases into a record; `Agreement.state` is a cache of the last event's target
that the transition service keeps in step (and `state_from_events()` can recompute).
The stage machine itself is data (Workflow, Stage, Transition) with national defaults that a
region can override; see workflow.py for the rules a transition checks.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from simpul.core import zones
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.organizations.models import Organization
from simpul.regions.models import Region


class GovernmentAffair(models.Model):
    """The closed list of 32 urusan pemerintahan (UU 23/2014 Pasal 12), loaded by migration."""

    class Group(models.TextChoices):
        BASIC_SERVICE = "basic_service", _("Mandatory, basic service")
        MANDATORY = "mandatory", _("Mandatory, non-basic service")
        OPTIONAL = "optional", _("Optional")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("government affair")
        verbose_name_plural = _("government affairs")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id


class Family(models.TextChoices):
    KSDD = "ksdd", _("KSDD: between regions")
    KSDPK = "ksdpk", _("KSDPK: region and third party")
    KSDPL = "ksdpl", _("KSDPL: region and foreign local government")
    KSDLL = "ksdll", _("KSDLL: region and foreign institution")
    SINERGI = "sinergi", _("Central synergy (Nota Kesepakatan)")


class Category(models.TextChoices):
    MANDATORY = "wajib", _("Mandatory (wajib)")
    VOLUNTARY = "sukarela", _("Voluntary (sukarela)")


# --- The stage machine as data -------------------------------------------------------------


class Workflow(BaseModel):
    """A set of stages and transitions. The national default has no region; a region's own
    (its Perda/Perkada) overrides it for agreements that region initiates."""

    name = models.CharField(_("name"), max_length=200)
    family = models.CharField(_("family"), max_length=10, choices=Family.choices, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="workflows"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")
        constraints = [
            models.UniqueConstraint(
                fields=["family", "region"], name="agreements_one_workflow_per_family_region"
            ),
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(region__isnull=True),
                name="agreements_one_national_workflow_per_family",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    class Kind(models.TextChoices):
        MAIN = "main", _("Main path")
        SIDE = "side", _("Side state")
        FINAL = "final", _("Final")

    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="stages")
    code = models.SlugField(_("code"), max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MAIN)
    counts_as_active = models.BooleanField(_("agreement in force"), default=False)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["workflow", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["workflow", "code"], name="agreements_stage_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id


class Transition(models.Model):
    """An allowed move between two stages: who may make it, which documents it needs, and
    which rules (workflow.RULES) it checks. Rules marked ✅ in the domain brief block; ❓ warn.

    The name is what happened, for the history ("Dispute opened"); the action is what its
    button says ("Open a dispute"). The emphasis places the button: the usual next step is
    the page's one primary button, a rare or destructive one asks for confirmation."""

    class Emphasis(models.TextChoices):
        NEXT = "next", _("Usual next step (primary button)")
        OTHER = "other", _("Other step (secondary button)")
        CONFIRM = "confirm", _("Rare or destructive step (secondary button, asks to confirm)")

    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="transitions")
    code = models.SlugField(_("code"), max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    action_id = models.CharField(_("button label (Indonesian)"), max_length=120, blank=True)
    action_en = models.CharField(_("button label (English)"), max_length=120, blank=True)
    emphasis = models.CharField(
        _("button emphasis"), max_length=10, choices=Emphasis.choices, default=Emphasis.OTHER
    )
    source = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    allowed_roles = models.JSONField(_("roles that may make it"), default=list)
    required_documents = models.JSONField(_("required document kinds"), default=list)
    rules = models.JSONField(_("rules checked"), default=list)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["workflow", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["workflow", "code", "source"], name="agreements_transition_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id

    @property
    def action_label(self) -> str:
        """The button's words in the active language; the name while none is set."""
        english = (get_language() or "id").startswith("en")
        return (self.action_en if english else self.action_id) or str(self)


# --- The agreement ---------------------------------------------------------------------------


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def in_force(self) -> "AgreementQuerySet":
        return self.filter(state__in=ACTIVE_STATES)


ACTIVE_STATES = ("active", "suspended", "in_dispute", "extended")


class Agreement(Versioned, BaseModel):
    reference_code = models.CharField(_("reference code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    family = models.CharField(_("family"), max_length=10, choices=Family.choices, db_index=True)
    category = models.CharField(
        _("category"), max_length=10, choices=Category.choices, blank=True, db_index=True
    )
    vision = models.TextField(_("shared vision"), blank=True)
    mission = models.TextField(_("mission"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    affairs = models.ManyToManyField(
        GovernmentAffair, verbose_name=_("government affairs"), related_name="agreements"
    )
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent instrument"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    workflow = models.ForeignKey(Workflow, on_delete=models.PROTECT, related_name="agreements")
    state = models.CharField(_("state"), max_length=40, default="draft", db_index=True)
    owner = models.ForeignKey(
        Organization,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_agreements",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_legacy = models.BooleanField(
        _("imported legacy agreement"),
        default=False,
        help_text=_("Registered from an existing register; its stage history may be partial."),
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="agreements_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(family="ksdd") | Q(category=""),
                name="agreements_category_only_for_ksdd",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "end_date"]),
            # The register lists newest first, on its own or within a family.
            models.Index(fields=["-created_at"], name="agreements_newest_idx"),
            models.Index(fields=["family", "-created_at"], name="agreements_family_newest_idx"),
            # Dashboards count agreements by state and family: an index-only scan.
            models.Index(fields=["state", "family"], name="agreements_state_family_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference_code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement-detail", kwargs={"pk": self.pk})


class Party(BaseModel):
    """One party to an agreement: a region's government, or an organisation."""

    class Role(models.TextChoices):
        INITIATOR = "initiator", _("Initiator")
        PARTY = "party", _("Party")
        THIRD_PARTY = "third_party", _("Third party")
        FOREIGN_PARTY = "foreign_party", _("Foreign party")
        FACILITATOR = "facilitator", _("Facilitator")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTY)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # DPRD rule (PP 28/2018; domain brief §1.8), recorded per party with the year checked.
    burdens_public = models.BooleanField(_("burdens the public or the region"), default=False)
    funded_in_current_apbd = models.BooleanField(
        _("funded in the current fiscal year's APBD"), default=True
    )
    fiscal_year_checked = models.PositiveSmallIntegerField(
        _("fiscal year checked"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization"], name="agreements_party_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def is_region(self) -> bool:
        return self.organization.kind == Organization.Kind.REGIONAL_GOVERNMENT

    @property
    def requires_council_approval(self) -> bool:
        """DPRD approval is needed when the cooperation burdens the public or is not funded in
        the current year's APBD; only regional governments have a DPRD to ask."""
        return self.is_region and (self.burdens_public or not self.funded_in_current_apbd)


class Document(BaseModel):
    """A document of an agreement; its content lives in append-only DocumentVersions."""

    class Kind(models.TextChoices):
        OFFER_LETTER = "offer_letter", _("Offer letter")
        REPLY_LETTER = "reply_letter", _("Reply letter")
        KB = "kb", _("Joint agreement (KB)")
        PKS = "pks", _("Cooperation agreement (PKS)")
        ADDENDUM = "addendum", _("Addendum")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney (surat kuasa)")
        COUNCIL_APPROVAL = "council_approval", _("DPRD approval")
        TERMS_OF_REFERENCE = "terms_of_reference", _("Terms of reference / feasibility study")
        EVALUATION = "evaluation", _("Evaluation")
        TERMINATION_LETTER = "termination_letter", _("Termination letter")
        DISPUTE_DECISION = "dispute_decision", _("Dispute decision")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, db_index=True)
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("For a party's own document, e.g. its DPRD approval or power of attorney"),
    )
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["agreement", "kind", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def latest_version(self):
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number, default=None)
        return self.versions.order_by("-number").first()


def _document_upload_to(instance, filename: str) -> str:
    # Never the uploaded name: a random key, so no path tricks and no collisions.
    return f"agreements/{instance.document.agreement_id}/{uuid.uuid4().hex}"


class DocumentVersion(ImmutableEvent):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_document_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("note"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set at insert only (an event is never updated): now, or the day a paper document was
    # received when it is entered later (the demo's history).
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    new_end_date = models.DateField(_("extends the end date to"), null=True, blank=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="agreements_document_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class Signature(BaseModel):
    """A party's signature of one instrument: each party numbers the document itself."""

    class Instrument(models.TextChoices):
        KB = "kb", _("Joint agreement (KB)")
        PKS = "pks", _("Cooperation agreement (PKS)")
        ADDENDUM = "addendum", _("Addendum")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="signatures")
    instrument = models.CharField(_("instrument"), max_length=10, choices=Instrument.choices)
    document_number = models.CharField(_("document number"), max_length=120)
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_office = models.CharField(_("signatory's office"), max_length=200)
    is_head_of_region = models.BooleanField(_("signed by the head of region"), default=True)
    signed_on = models.DateField(_("signed on"))
    power_of_attorney = models.ForeignKey(
        Document,
        verbose_name=_("power of attorney"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["party", "instrument"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "instrument"],
                condition=~Q(instrument="addendum"),
                name="agreements_one_signature_per_instrument",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.get_instrument_display()} {self.document_number}"


class Obligation(BaseModel):
    """What one party contributes: money per fiscal year and source, assets, staff, duties."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        ASSET = "asset", _("Asset")
        STAFF = "staff", _("Staff")
        DUTY = "duty", _("Duty")

    class FundingSource(models.TextChoices):
        APBD = "apbd", _("APBD")
        APBN = "apbn", _("APBN")
        PRIVATE = "private", _("Private")
        GRANT = "grant", _("Grant")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        FULFILLED = "fulfilled", _("Fulfilled")
        LATE = "late", _("Late")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=500)
    amount = models.DecimalField(
        _("amount (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), null=True, blank=True)
    funding_source = models.CharField(
        _("funding source"), max_length=10, choices=FundingSource.choices, blank=True
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["party", "fiscal_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="money") | Q(amount__isnull=False),
                name="agreements_money_obligation_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def is_late_at(self, moment: datetime) -> bool:
        """Marked late, or still pending after the end of its due date in the zone of the
        party it binds (simpul.core.zones), whoever looks and wherever the server runs: a
        Sorong party's obligation due on the 15th is late from 00:00 WIT on the 16th, a
        Makassar party's an hour later. Needs party.organization.region (select_related)."""
        if self.status == self.Status.LATE:
            return True
        return (
            self.status == self.Status.PENDING
            and self.due_date is not None
            and zones.is_late(moment, self.due_date, zones.zone_of(self.party))
        )


class AgreementEvent(ImmutableEvent):
    """An append-only record of one transition: who moved the agreement from where to where,
    when, why, with which documents, and which warnings they accepted."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField(_("number"))
    transition_code = models.CharField(_("transition"), max_length=40)
    from_state = models.CharField(_("from"), max_length=40)
    to_state = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=200)
    occurred_at = models.DateTimeField(_("time"))
    note = models.TextField(_("note"), blank=True)
    documents = models.ManyToManyField(DocumentVersion, blank=True, related_name="events")
    warnings = models.JSONField(_("warnings accepted"), default=list, blank=True)

    class Meta:
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")
        ordering = ["agreement", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "seq"], name="agreements_event_seq_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} #{self.seq} {self.from_state}→{self.to_state}"


class DisputeLevel(models.Model):
    """Escalation levels, configurable: deliberation → governor → minister by default."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("dispute level")
        verbose_name_plural = _("dispute levels")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id


class Dispute(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="disputes")
    subject = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    parties = models.ManyToManyField(Party, verbose_name=_("parties"), related_name="disputes")
    level = models.ForeignKey(
        DisputeLevel, verbose_name=_("escalation level"), on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    suspends_agreement = models.BooleanField(_("suspends the agreement"), default=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class DisputeDecision(BaseModel):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="decisions")
    level = models.ForeignKey(DisputeLevel, on_delete=models.PROTECT)
    decided_on = models.DateField(_("decided on"))
    summary = models.TextField(_("decision"))
    resolves = models.BooleanField(_("resolves the dispute"), default=False)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dispute decision")
        verbose_name_plural = _("dispute decisions")
        ordering = ["dispute", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.dispute}: {self.decided_on}"


class ExpiryReminder(models.Model):
    """A reminder sent; unique per agreement, end date and threshold, so it goes out once."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reminders")
    end_date = models.DateField()
    days_before = models.SmallIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "end_date", "days_before"], name="agreements_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.days_before} days before {self.end_date}"


class ImportJob(BaseModel):
    """An Excel register upload: previewed, then committed all-or-nothing by the worker."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Checking")
        INVALID = "invalid", _("Has errors")
        READY = "ready", _("Ready to import")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="agreement_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=200)
    original_name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=list, blank=True)
    created_agreements = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("agreement import")
        verbose_name_plural = _("agreement imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

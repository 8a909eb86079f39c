"""The kinds of information an agreement has, and which are public by default at each stage.

The defaults are data (PublicationRule rows, editable in the admin); this module holds the
national defaults that migration 0002 installs. The brief's examples: a draft is internal;
a signed agreement's summary, parties, affairs and dates are public; the full PKS text is
public only when every party consents.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InfoKind(models.TextChoices):
    SUMMARY = "summary", _("Summary: title, code, family, stage and dates")
    PARTIES = "parties", _("Parties")
    AFFAIRS = "affairs", _("Government affairs")
    OBJECTIVES = "objectives", _("Vision, mission, objectives and scope")
    PLAN = "plan", _("Approved plan: programmes and activities")
    INDICATORS = "indicators", _("Indicators, targets and verified values")
    BUDGET = "budget", _("Budget planned and realised")
    EVALUATIONS = "evaluations", _("Final evaluations")
    # Meetings of the agreement: kind, time, place or "online" and status; never invitees,
    # attendance, links or texts (simpul.meetings.public reads only those fields).
    MEETINGS = "meetings", _("Meeting schedule")
    # Decisions of meetings whose minutes every party has signed (the frozen final text).
    DECISIONS = "decisions", _("Decisions of meetings with final minutes")
    # Knowledge items (simpul.knowledge) that name the agreement: a practice published to the
    # public shows only while this kind is public for every agreement it names.
    KNOWLEDGE = "knowledge", _("Knowledge items shared from the cooperation")
    # Progress updates posted in the agreement's discussions (simpul.discussions.public reads
    # only their text, date and author's organisation; never the thread or other posts).
    PROGRESS_UPDATE = "progress_update", _("Progress updates from the parties")
    # The stakeholder register (simpul.stakeholders): names, kinds, roles, the grid and the
    # verified contributions; never contact persons, unverified or rejected contributions.
    STAKEHOLDERS = "stakeholders", _("Stakeholders and their verified contributions")
    DOCUMENT = "document", _("A document (one per decision)")
    REPORT = "report", _("A periodic report (one per decision)")


# Kinds decided per object (target_id is the Document or Report id); the others per agreement.
PER_OBJECT_KINDS = {InfoKind.DOCUMENT, InfoKind.REPORT}

# Documents whose text binds the parties: public only with every party's consent.
CONSENT_DOCUMENT_KINDS = {"kb", "pks", "addendum"}

# Party roles that do not bind themselves by the text (a facilitator only helps): their
# consent is neither needed nor counted.
CONSENT_EXEMPT_ROLES = {"facilitator"}

SIGNED_STAGES = [
    "kb_signed",
    "council_approval_pending",
    "council_approved",
    "pks_drafting",
    "pks_signed",
    "active",
    "suspended",
    "extended",
    "in_dispute",
    "expired",
    "terminated",
    "taken_over",
]
# Once the PKS is signed the work is under way: its plan, results and money are public.
WORKING_STAGES = [
    "pks_signed",
    "active",
    "suspended",
    "extended",
    "in_dispute",
    "expired",
    "terminated",
    "taken_over",
]
# Once the cooperation runs, the public may know when its parties meet and, from the final
# minutes, what they decided together (decisions are shown per meeting only once its minutes
# are final, whatever the stage).
ACTIVE_STAGES = [stage for stage in WORKING_STAGES if stage != "pks_signed"]

DEFAULT_RULES = {
    InfoKind.SUMMARY: SIGNED_STAGES,
    InfoKind.PARTIES: SIGNED_STAGES,
    InfoKind.AFFAIRS: SIGNED_STAGES,
    InfoKind.OBJECTIVES: SIGNED_STAGES,
    InfoKind.PLAN: WORKING_STAGES,
    InfoKind.INDICATORS: WORKING_STAGES,
    InfoKind.BUDGET: WORKING_STAGES,
    InfoKind.EVALUATIONS: WORKING_STAGES,
    InfoKind.REPORT: WORKING_STAGES,
    InfoKind.MEETINGS: ACTIVE_STAGES,
    InfoKind.DECISIONS: ACTIVE_STAGES,
    InfoKind.KNOWLEDGE: SIGNED_STAGES,
    InfoKind.PROGRESS_UPDATE: ACTIVE_STAGES,
    # Who brings what to the work is public once it runs, like its budget.
    InfoKind.STAKEHOLDERS: WORKING_STAGES,
    # Documents are internal by default at every stage: each is published on its own.
    InfoKind.DOCUMENT: [],
}


def install_default_rules(PublicationRule, kinds=None) -> int:
    """Write the national defaults (of `kinds`, else all) idempotently; returns the number
    of rows created."""
    created = 0
    for kind, stages in DEFAULT_RULES.items():
        if kinds is not None and kind not in kinds:
            continue
        for stage in stages:
            _, was_created = PublicationRule.objects.get_or_create(
                kind=kind, stage_code=stage, defaults={"is_public": True}
            )
            created += was_created
    return created

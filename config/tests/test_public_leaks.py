"""Nothing internal reaches anything public (issue 5).

One world holds internal objects of every kind, each carrying a marker string (RAHASIA-…)
or a distinctive number, beside public objects carrying PUBLIK-… markers. An anonymous
client then crawls everything public: every URL pattern of the public namespaces (patterns
with arguments filled from the world's public objects), every same-site link found in the
pages, every open-data dataset in every format, the bulk ZIP (built by its task, every member
unzipped), every API list page (following `next`) and detail, and the OpenAPI and DCAT
documents. No RAHASIA marker may appear anywhere; every PUBLIK marker must appear somewhere
(so the crawl provably reaches what it claims to check). Internal objects asked for by their
identifiers answer 404 and show nothing.

Two cases from issue 10: the public agreement's plan was approved and then revised, and the
draft revision's planned amounts and parts must stay internal (the approved version's budget
is what shows); and information unpublished after its pages were cached must not come back
once the cache's own timeouts have passed (the old generation key expired after 300 s).

Meetings (issue 12): the public agreement's schedule and the decisions of its final minutes
must be reached; invitees, attendance, links, minutes texts, sign-off comments, action items,
a correction being drafted and every internal or forum meeting must not (`_meetings`).

Recognition (issue 14): the internal agreement's NGO hosts and attends a held meeting; its
name never reaches `/publik/apresiasi/` (`_recognition`).

Knowledge (issue 13): an item published to the public (with its image and file) must be
reached; drafts, items in review, items published to members only and a public item naming
an internal agreement must not (`_knowledge`); nor the public practice's adoptions that are
"not now", not yet planned or carried out by an agreement whose parties are internal, nor any
adoption's reasons and notes.

Discussions (issue 14): the public agreement's live progress update must be reached; its
threads' titles, ordinary posts, a deleted update and the updates of agreements that do not
publish them must not (`_discussions`).
Teams (issue 15): no team, decree, member (e-mail, phone, NIP) or training is public (`_teams`).
Thematic maps and the network (issue 16): an active agreement whose parties are internal must
not put its partner (RAHASIA-NETWORK-PARTNER) on the network page or the map's network layer.
Stakeholders (issue 15): the public agreement's stakeholders and verified contributions must be
reached; contact persons, reasons, notes, evidence, recorded and rejected contributions and the
stakeholders of the draft, hidden and guarded agreements must not (`_stakeholders`).
"""

import io
import itertools
import re
import zipfile
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import unquote_plus, urlencode, urljoin, urlsplit

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from simpul.agreements.models import Document, DocumentVersion, GovernmentAffair, Party
from simpul.agreements.tests.factories import make_agreement
from simpul.complaints.models import Complaint, ComplaintEvent
from simpul.complaints.tests.factories import category, make_complaint
from simpul.consultations.models import Comment, Consultation
from simpul.consultations.tests.factories import make_comment, make_consultation
from simpul.ideas.models import Idea
from simpul.ideas.tests.factories import make_citizen_idea, make_idea
from simpul.monitoring.models import (
    DataValue,
    Evaluation,
    Finding,
    Indicator,
    ReportingPeriod,
    Submission,
)
from simpul.monitoring.services.analysis import indicator_refresh
from simpul.organizations.models import Organization
from simpul.plans.models import Activity, BudgetLine, Objective, Plan, Program
from simpul.plans.services import plan_revise
from simpul.plans.tests.factories import freeze_plan
from simpul.portal.api.throttling import ClientThrottle
from simpul.publication.models import PublicationConsent, PublicationDecision
from simpul.publication.services import unpublish
from simpul.reports.models import Report, ReportFile
from simpul.reports.tests.factories import make_report
from simpul.search import index
from simpul.surveys.models import Answer as SurveyAnswer
from simpul.surveys.tests.factories import add_response, make_survey, questions_of

PUBLIC_NAMESPACES = (
    "portal",
    "opendata",
    "api",
    "scorecard",
    "recognition",
    "consultations_public",
    "surveys_public",
    "complaints_public",
    "ideas_public",
)
# Other anonymous pages that show agreements: the landing page and the region pages.
# The thematic map's network layer and the network (issue 16) are reached through a form.
EXTRA_SEEDS = (
    "/",
    "/wilayah/",
    "/wilayah/34.71/",
    "/wilayah/34.71/peta.geojson",
    "/publik/peta-tematik/?layer=network",
    "/publik/jaringan/?family=ksdpk",
)
# Links never followed: assets, sign-in, the admin, language switching, internal work pages.
SKIPPED_PREFIXES = ("/static/", "/akun/", "/admin/", "/i18n/", "/riwayat/", "/kelola-")
MAX_PAGES = 700
HOST = "testserver"

# Distinctive amounts and values of internal rows (and the public base they may be added to).
PUBLIC_BUDGET = Decimal("1000000000")
INTERNAL_BUDGETS = (Decimal("7310002"), Decimal("7320002"), Decimal("7330002"))
# Planned amounts of a revision being drafted after the public plan was approved.
DRAFT_REVISION_BUDGETS = (Decimal("7360002"), Decimal("7370002"))
VERIFIED_VALUE = Decimal("100")
UNVERIFIED_VALUES = (Decimal("7340001"), Decimal("7340002"), Decimal("7340003"))
HIDDEN_VALUES = (Decimal("7350001"), Decimal("7350002"), Decimal("7350003"))


@dataclass
class World:
    secrets: set[str] = field(default_factory=set)  # strings that must never be public
    numbers: set[Decimal] = field(default_factory=set)  # amounts that must never be public
    public: set[str] = field(default_factory=set)  # strings the crawl must find
    internal_codes: list[str] = field(default_factory=list)
    public_codes: list[str] = field(default_factory=list)
    objects: dict = field(default_factory=dict)

    def secret(self, text: str) -> str:
        self.secrets.add(text)
        return text

    def shown(self, text: str) -> str:
        self.public.add(text)
        return text


# --- The world -----------------------------------------------------------------------------


def decide(agreement, kind: str, *, public: bool, target_id: int = 0) -> PublicationDecision:
    """A publication decision written directly (the services are tested on their own)."""
    return PublicationDecision.objects.create(
        agreement=agreement,
        kind=kind,
        target_id=target_id,
        is_public=public,
        reason="uji",
        decided_at=timezone.now(),
    )


def make_done_report(agreement, *, content: bytes) -> Report:
    """A finished report with one PDF file holding `content`."""
    report = make_report(agreement, status=Report.Status.DONE)
    report_file = ReportFile(
        report=report, format=ReportFile.Format.PDF, size=len(content), sha256="0" * 64, pages=1
    )
    report_file.file.save("laporan.pdf", ContentFile(content), save=False)
    report_file.save()
    return report


def _parties(agreement) -> list[Party]:
    return list(agreement.parties.order_by("position", "pk"))


def _period(agreement, number: int) -> ReportingPeriod:
    start = date(2026, 3 * number - 2, 1)
    end = (date(2026, 3 * number, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    period, _ = ReportingPeriod.objects.get_or_create(
        agreement=agreement,
        frequency="quarterly",
        year=2026,
        number=number,
        defaults={"start": start, "end": end, "due_date": end + timedelta(days=15)},
    )
    return period


def _value(indicator, party, value, *, status, number=1, text="") -> DataValue:
    submission, _ = Submission.objects.get_or_create(
        period=_period(indicator.agreement, number), party=party, defaults={"status": status}
    )
    return DataValue.objects.create(
        submission=submission, indicator=indicator, value=value, text=text, narrative=text
    )


def _indicator(world, agreement, name: str, code: str) -> Indicator:
    return Indicator.objects.create(
        agreement=agreement,
        code=code,
        name=name,
        definition=world.secret(f"{name}-DEFINITION") if name.startswith("RAHASIA") else "",
        unit="ton/hari",
        kind=Indicator.Kind.NUMBER,
        frequency="quarterly",
    )


def _plan(world, agreement, prefix: str, planned: Decimal, *, secret: bool) -> Plan:
    mark = world.secret if secret else (lambda text: text)
    plan = Plan.objects.create(agreement=agreement, summary=mark(f"{prefix}-PLAN-SUMMARY"))
    Objective.objects.create(plan=plan, code="T1", statement=mark(f"{prefix}-PLAN-OBJECTIVE"))
    program = Program.objects.create(plan=plan, name=mark(f"{prefix}-PLAN-PROGRAM"))
    activity = Activity.objects.create(
        plan=plan,
        program=program,
        name=mark(f"{prefix}-PLAN-ACTIVITY"),
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    BudgetLine.objects.create(
        plan=plan,
        activity=activity,
        party=_parties(agreement)[0],
        funding_source="apbd",
        fiscal_year=2026,
        planned=planned,
        realised=Decimal(0),
    )
    return plan


def _approve(agreement) -> Plan:
    """The plan as it stands becomes its approved version (as plan_approve records it)."""
    plan = Plan.objects.get(agreement=agreement)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    plan.refresh_from_db()
    freeze_plan(plan)
    return plan


def _approve_then_revise(world, agreement, user) -> None:
    """Approve the plan, then start a revision whose draft changes the planned amount, adds
    an activity with its own line: none of the draft may show until the parties approve it."""
    plan = _approve(agreement)
    plan_revise(plan=plan, user=user, note=world.secret("RAHASIA-REVISION-NOTE"))
    line = BudgetLine.objects.get(plan=plan)
    BudgetLine.objects.filter(pk=line.pk).update(planned=DRAFT_REVISION_BUDGETS[0])
    activity = Activity.objects.create(
        plan=plan,
        program=line.activity.program,
        name=world.secret("RAHASIA-REVISION-ACTIVITY"),
        start_date=date(2027, 1, 1),
        end_date=date(2027, 12, 31),
    )
    BudgetLine.objects.create(
        plan=plan,
        activity=activity,
        party=line.party,
        funding_source="apbn",
        fiscal_year=2027,
        planned=DRAFT_REVISION_BUDGETS[1],
        realised=Decimal(0),
        note=world.secret("RAHASIA-REVISION-BUDGET-NOTE"),
    )


def _document(agreement, kind: str, title: str, content: bytes, name: str) -> Document:
    document = Document.objects.create(agreement=agreement, kind=kind, title=title)
    version = DocumentVersion(
        document=document,
        number=1,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256="0" * 64,
    )
    version.file.save(name, ContentFile(content), save=False)
    version.save()
    return document


def _evaluation(world, agreement, prefix: str) -> Evaluation:
    evaluation = Evaluation.objects.create(
        agreement=agreement,
        title=world.secret(f"{prefix}-EVALUATION"),
        summary=world.secret(f"{prefix}-EVALUATION-SUMMARY"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        status=Evaluation.Status.FINAL,
    )
    Finding.objects.create(
        evaluation=evaluation, kind="weakness", text=world.secret(f"{prefix}-EVALUATION-FINDING")
    )
    return evaluation


def _with_everything(world, agreement, prefix: str, budget: Decimal, values) -> None:
    """An objective, a plan with its budget, an indicator with verified values, a document, a
    finished report, an evaluation, an open consultation and an open survey, all marked."""
    Agreement = type(agreement)
    Agreement.objects.filter(pk=agreement.pk).update(
        vision=world.secret(f"{prefix}-VISION"), objectives=world.secret(f"{prefix}-OBJECTIVES")
    )
    agreement.affairs.add(GovernmentAffair.objects.order_by("position").first())
    _plan(world, agreement, prefix, budget, secret=True)
    indicator = _indicator(world, agreement, world.secret(f"{prefix}-INDICATOR"), "R1")
    for number, (party, value) in enumerate(zip(_parties(agreement), values, strict=False), 1):
        _value(indicator, party, value, status=Submission.Status.VERIFIED, number=number)
    indicator_refresh([indicator.pk])
    document = _document(
        agreement,
        "other",
        world.secret(f"{prefix}-DOCUMENT"),
        world.secret(f"{prefix}-DOCUMENT-CONTENT").encode(),
        "rahasia-lampiran.pdf",
    )
    decide(agreement, "document", public=True, target_id=document.pk)
    report = make_done_report(agreement, content=world.secret(f"{prefix}-REPORT-FILE").encode())
    Report.objects.filter(pk=report.pk).update(title=world.secret(f"{prefix}-REPORT"))
    _evaluation(world, agreement, prefix)
    consultation = make_consultation(agreement, title=world.secret(f"{prefix}-CONSULTATION"))
    make_comment(
        consultation.sections.first(),
        status=Comment.Status.APPROVED,
        body=world.secret(f"{prefix}-APPROVED-COMMENT"),
    )
    survey = make_survey(agreement=agreement, title=world.secret(f"{prefix}-SURVEY"))
    world.objects.setdefault("internal_surveys", []).append(survey)
    world.internal_codes.append(agreement.reference_code)
    world.objects.setdefault("internal_documents", []).append(document)
    world.objects.setdefault("internal_reports", []).append(report)
    world.objects.setdefault("internal_indicators", []).append(indicator)
    world.objects.setdefault("internal_consultations", []).append(consultation)


def _knowledge(world: World, cast, *, public, draft, guarded) -> None:
    """Knowledge items (issue 13): only those published to the public, naming only
    agreements whose knowledge is public, reach the public."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from simpul.knowledge.tests.factories import make_item, pdf_upload, png_bytes

    shown = make_item(
        cast, kind="infographic", status="published", audience="public", agreements=[public],
        title=world.shown("PUBLIK-KNOWLEDGE"), pitfalls=world.shown("PUBLIK-KNOWLEDGE-PITFALL"),
        image=SimpleUploadedFile("info.png", png_bytes(), content_type="image/png"),
        image_alt=world.shown("PUBLIK-KNOWLEDGE-ALT"), file=pdf_upload(),
    )  # fmt: skip
    hidden = [
        make_item(cast, title=world.secret("RAHASIA-KNOWLEDGE-DRAFT")),
        make_item(cast, title=world.secret("RAHASIA-KNOWLEDGE-REVIEW"), status="in_review"),
        make_item(
            cast, title=world.secret("RAHASIA-KNOWLEDGE-MEMBERS"), status="published",
            audience="members",
        ),
        make_item(
            cast, title=world.secret("RAHASIA-KNOWLEDGE-AGREEMENT"), status="published",
            audience="public", agreements=[public, draft], file=pdf_upload(),
        ),
    ]  # fmt: skip
    world.objects["public_knowledge"] = [shown]
    world.objects["internal_knowledge"] = hidden
    _adoptions(world, cast, shown, public=public, guarded=guarded)


def _stakeholders(world: World, cast, *, public, internal) -> None:
    """The stakeholder register (issue 15): the public agreement's stakeholder and its verified
    contribution are public; its contact person, reasons, notes and evidence, its recorded and
    rejected contributions, and every stakeholder of an internal agreement are not."""
    from simpul.stakeholders.tests.factories import (
        make_contribution,
        make_stakeholder,
        pdf_upload,
    )

    decide(internal[2], "stakeholders", public=False)  # the guarded agreement's register
    shown = make_stakeholder(
        cast, agreement=public, name=world.shown("PUBLIK-STAKEHOLDER"),
        contact_name=world.secret("RAHASIA-CONTACT-PERSON"),
        contact_email=world.secret("rahasia.kontak@csr.example"),
        contact_phone=world.secret("0812-RAHASIA-77"), notes=world.secret("RAHASIA-SH-NOTES"),
        interest_reason=world.secret("RAHASIA-SH-INTEREST"),
        influence_reason=world.secret("RAHASIA-SH-INFLUENCE"),
    )  # fmt: skip
    make_contribution(
        cast, stakeholder=shown, status="verified", description=world.shown("PUBLIK-CONTRIBUTION"),
        evidence=pdf_upload(world.secret("RAHASIA-EVIDENCE") + ".pdf"),
    )  # fmt: skip
    for status in ("recorded", "rejected"):
        make_contribution(
            cast, stakeholder=shown, status=status, value=Decimal("777123456"),
            description=world.secret(f"RAHASIA-CONTRIBUTION-{status.upper()}"),
        )  # fmt: skip
    world.numbers.add(Decimal("777123456"))
    for agreement in internal:
        stakeholder = make_stakeholder(
            cast, agreement=agreement, name=world.secret(f"RAHASIA-SH-{agreement.pk}")
        )
        make_contribution(
            cast, stakeholder=stakeholder, status="verified",
            description=world.secret(f"RAHASIA-SH-CONTRIBUTION-{agreement.pk}"),
        )  # fmt: skip


def _adoptions(world: World, cast, item, *, public, guarded) -> None:
    """The public practice's adoptions: only a planned adopt/adapt carried out by an
    agreement publishing its knowledge and parties is public, and never its reason or notes."""
    from simpul.agreements.tests.factories import government_of
    from simpul.knowledge import services_adoption as adoptions

    def adopt(organization, decision, *, agreement=None, prefix):
        adoption = adoptions.adoption_express_interest(
            item=item, user=None, organization=organization,
            note=world.secret(f"RAHASIA-ADOPTION-{prefix}-INTEREST"),
        )  # fmt: skip
        adoptions.adoption_decide(
            adoption=adoption, user=None, version=adoption.version, decision=decision,
            reason=world.secret(f"RAHASIA-ADOPTION-{prefix}-REASON"),
        )  # fmt: skip
        if agreement is not None:
            adoptions.adoption_plan(
                adoption=adoption, user=None, version=adoption.version, agreement=agreement,
                activity=None, indicator=None, note=world.secret(f"RAHASIA-ADOPTION-{prefix}-PLAN"),
            )  # fmt: skip

    adopt(government_of(cast.bantul), "adapt", agreement=public, prefix="PUBLIC")
    adopt(government_of(cast.sleman), "not_now", prefix="NOT-NOW")
    adopt(cast.pemkot_semarang, "adopt", prefix="UNPLANNED")
    # The NGO is a party of the guarded agreement, whose parties were decided internal.
    secret_org = Organization.objects.get(name="RAHASIA-PARTY-ORGANISATION")
    adopt(secret_org, "adopt", agreement=guarded, prefix="GUARDED")


def _meetings(world: World, cast, *, public, internal) -> None:
    """Meetings (issue 12): the public agreement's schedule and final decisions are public;
    invitees, attendance, links, descriptions, minutes texts, sign-off comments, action items,
    a correction being drafted, circulated minutes and every other agreement's or forum's
    meetings are not."""
    from simpul.meetings.models import Attendance, Invitation
    from simpul.meetings.services import minutes as minutes_services
    from simpul.meetings.tests.factories import make_meeting
    from simpul.meetings.tests.public_factories import (
        agreement_meeting,
        draft_minutes,
        sign_all,
        signers_of,
    )

    coming = agreement_meeting(
        cast, public, title=world.shown("PUBLIK-MEETING-SCHEDULED"),
        venue=world.shown("PUBLIK-MEETING-VENUE"),
        description=world.secret("RAHASIA-MEETING-DESCRIPTION"),
        online_url="https://rapat.example.org/" + world.secret("rahasia-meeting-link"),
    )  # fmt: skip
    Invitation.objects.create(
        meeting=coming, kind=Invitation.Kind.EXTERNAL, name=world.secret("RAHASIA-EXPERT"),
        email=world.secret("rahasia-expert@kampus.ac.id"),
        rsvp_note=world.secret("RAHASIA-RSVP-NOTE"),
    )  # fmt: skip
    held = agreement_meeting(
        cast, public, title=world.shown("PUBLIK-MEETING-HELD"),
        starts_at=timezone.now() - timedelta(days=3),
    )  # fmt: skip
    Attendance.objects.create(
        meeting=held, organization=cast.pemkot_yogyakarta,
        name=world.secret("RAHASIA-ATTENDEE"), status=Attendance.Status.PRESENT,
    )  # fmt: skip
    version = draft_minutes(
        cast, held, decision=world.shown("PUBLIK-DECISION"),
        summary=world.secret("RAHASIA-MINUTES-TEXT"),
    )  # fmt: skip
    item = held.agenda_items.get()
    minutes_services.action_add(
        item=item, user=cast.sari, title=world.secret("RAHASIA-ACTION-ITEM"),
        owner_organization=cast.pemkot_yogyakarta, owner=cast.wati,
        due_date=timezone.localdate() + timedelta(days=7),
    )  # fmt: skip
    signers_of(held)
    version = minutes_services.minutes_circulate(version=version, user=cast.sari)
    minutes_services.minutes_sign(
        version=version, user=cast.sari, organization=cast.pemkot_yogyakarta,
        answer="change_requested", comment=world.secret("RAHASIA-SIGNOFF-COMMENT"),
    )  # fmt: skip
    final = sign_all(version)
    correction = minutes_services.minutes_correct(version=final, user=cast.sari)
    minutes_services.minutes_update(
        version=correction, user=cast.sari, version_number=correction.version,
        summary=world.secret("RAHASIA-DRAFT-MINUTES"), item_texts={},
    )  # fmt: skip
    minutes_services.decision_add(
        item=item, user=cast.sari, text=world.secret("RAHASIA-DRAFT-DECISION")
    )
    circulating = agreement_meeting(
        cast, public, title=world.shown("PUBLIK-MEETING-CIRCULATING"),
        starts_at=timezone.now() - timedelta(days=2),
    )  # fmt: skip
    minutes_services.minutes_circulate(
        version=draft_minutes(
            cast, circulating, decision=world.secret("RAHASIA-CIRCULATED-DECISION")
        ),
        user=cast.sari,
    )
    for agreement in internal:
        agreement_meeting(
            cast, agreement, title=world.secret(f"RAHASIA-MEETING-{agreement.reference_code}")
        )
    make_meeting(cast, title=world.secret("RAHASIA-FORUM-MEETING"))


def _discussions(world: World, cast, *, public, internal) -> None:
    """Only a public agreement's live progress updates reach the public: never its threads'
    titles, ordinary posts or deleted updates, nor an update of an agreement that does not
    publish them (hidden, guarded by a decision) or is a draft."""
    from simpul.discussions import services as discussions
    from simpul.discussions.tests.factories import make_post, make_thread

    thread = make_thread(
        cast,
        agreement=public,
        title=world.secret("RAHASIA-THREAD-TITLE"),
        text=world.secret("RAHASIA-DISCUSSION-POST"),
    )
    make_post(
        cast,
        thread,
        user=cast.sari,
        kind="progress_update",
        text=world.shown("PUBLIK-PROGRESS-UPDATE"),
    )
    gone = make_post(
        cast, thread, user=cast.sari, kind="progress_update", text="RAHASIA-DELETED-UPDATE"
    )
    discussions.post_delete(post=gone, user=cast.sari)
    world.secret("RAHASIA-DELETED-UPDATE")
    decide(internal[-1], "progress_update", public=False)
    for agreement in internal:
        make_thread(
            cast,
            agreement=agreement,
            user=cast.sari,
            kind="progress_update",
            title=world.secret(f"RAHASIA-THREAD-{agreement.pk}"),
            text=world.secret(f"RAHASIA-UNPUBLISHED-UPDATE-{agreement.pk}"),
        )


def _teams(world: World, cast, *, public) -> None:
    """Cooperation teams (issue 15): nothing of a team is public, not even a working team of
    the public agreement; least of all its members' e-mail, phone and NIP."""
    from simpul.accounts.models import User
    from simpul.organizations.models import Membership
    from simpul.teams.models import Team
    from simpul.teams.tests.factories import add_member, make_team, training_with_certificate

    person = User.objects.create_user(
        email=world.secret("rahasia-anggota-tim@jogjakota.go.id"),
        full_name=world.secret("RAHASIA-TEAM-MEMBER"),
        phone=world.secret("0274-RAHASIA-PHONE"),
    )
    Membership.objects.create(user=person, organization=cast.pemkot_yogyakarta)
    team = make_team(
        cast,
        kind=Team.Kind.WORKING,
        agreement=public,
        name=world.secret("RAHASIA-TEAM-NAME"),
        sk_number=world.secret("RAHASIA-TEAM-SK"),
    )
    member = add_member(team, person, nip=world.secret("197312252000031004"))
    training_with_certificate(member, course=world.secret("RAHASIA-TEAM-TRAINING"))


def _recognition(cast, draft, secret_org) -> None:
    """Recognition (issue 14): the internal agreement's NGO hosts a held meeting and attends
    it this year; neither its name nor a line about it may reach the public recognition
    pages (its page is a 404)."""
    from simpul.meetings.models import Attendance
    from simpul.meetings.tests.factories import make_meeting

    meeting = make_meeting(
        cast, agreement=draft, host=secret_org, status="held",
        starts_at=timezone.now() - timedelta(minutes=5),
    )  # fmt: skip
    Attendance.objects.create(meeting=meeting, organization=secret_org, name="W", status="present")


def build_world(cast) -> World:
    world = World()
    now = timezone.now()
    # Internal e-mail addresses of organisations and people.
    for organization in Organization.objects.all():
        organization.email = world.secret(f"rahasia-org-{organization.pk}@pemda.go.id")
        organization.save(update_fields=["email"])
    for person in cast.people().values():
        if person is not None:
            world.secret(person.email)
    secret_org = Organization.objects.create(
        name=world.secret("RAHASIA-PARTY-ORGANISATION"),
        kind=Organization.Kind.NGO,
        region=cast.sleman,
        email=world.secret("rahasia-ngo@example.org"),
    )

    # 1. A draft agreement with a bit of everything.
    draft = make_agreement(cast, state="draft", title=world.secret("RAHASIA-DRAFT-AGREEMENT"))
    Party.objects.create(agreement=draft, organization=secret_org, role="party", position=9)
    _with_everything(world, draft, "RAHASIA-DRAFT", INTERNAL_BUDGETS[0], HIDDEN_VALUES)
    make_complaint(
        agreement=draft,
        status=Complaint.Status.ANSWERED,
        title=world.secret("RAHASIA-DRAFT-COMPLAINT"),
        answer=world.secret("RAHASIA-DRAFT-COMPLAINT-ANSWER"),
    )

    # 1b. A running agreement whose parties are internal: its partner must not become a node
    # or a line of the public network (issue 16).
    network_partner = Organization.objects.create(
        name=world.secret("RAHASIA-NETWORK-PARTNER"), kind=Organization.Kind.NGO, region=cast.bantul
    )
    unlisted = make_agreement(
        cast, state="active", family="ksdpk", title="Kemitraan tertutup",
        parties=[cast.pemkot_semarang, network_partner],
        start_date=date(2025, 1, 1), end_date=date(2029, 12, 31),
    )  # fmt: skip
    decide(unlisted, "parties", public=False)

    # 2. An agreement whose summary was made internal by decision (everything else would be
    # public by default at its stage).
    hidden = make_agreement(
        cast, state="active", title=world.secret("RAHASIA-HIDDEN-AGREEMENT"),
        start_date=date(2025, 1, 1), end_date=date(2029, 12, 31),
    )  # fmt: skip
    decide(hidden, "summary", public=False)
    _with_everything(world, hidden, "RAHASIA-HIDDEN", INTERNAL_BUDGETS[1], HIDDEN_VALUES)
    _approve(hidden)

    # 3. A public agreement whose other kinds were each made internal by decision.
    guarded = make_agreement(
        cast, state="active", title=world.shown("PUBLIK-GUARDED-AGREEMENT"),
        start_date=date(2025, 1, 1), end_date=date(2029, 12, 31),
    )  # fmt: skip
    world.public_codes.append(guarded.reference_code)
    Party.objects.create(agreement=guarded, organization=secret_org, role="party", position=9)
    for kind in ("parties", "objectives", "plan", "indicators", "budget", "evaluations"):
        decision = decide(guarded, kind, public=False)
        decision.reason = world.secret(f"RAHASIA-REASON-{kind.upper()}")
        decision.save(update_fields=["reason"])
    type(guarded).objects.filter(pk=guarded.pk).update(
        objectives=world.secret("RAHASIA-GUARDED-OBJECTIVES"),
        scope=world.secret("RAHASIA-GUARDED-SCOPE"),
    )
    _plan(world, guarded, "RAHASIA-GUARDED", INTERNAL_BUDGETS[2], secret=True)
    _approve(guarded)  # approved, but its budget was decided internal
    guarded_indicator = _indicator(world, guarded, world.secret("RAHASIA-GUARDED-INDICATOR"), "G1")
    _value(guarded_indicator, _parties(guarded)[0], HIDDEN_VALUES[0], status="verified")
    indicator_refresh([guarded_indicator.pk])
    _evaluation(world, guarded, "RAHASIA-GUARDED")
    world.objects["internal_indicators"].append(guarded_indicator)

    # 4. A public agreement, public by default, with internal pieces beside public ones.
    public = make_agreement(
        cast, state="active", title=world.shown("PUBLIK-AGREEMENT"),
        start_date=date(2025, 1, 1), end_date=date(2029, 12, 31),
    )  # fmt: skip
    world.public_codes.append(public.reference_code)
    type(public).objects.filter(pk=public.pk).update(objectives=world.shown("PUBLIK-OBJECTIVES"))
    public.affairs.add(GovernmentAffair.objects.order_by("position").first())
    _plan(world, public, "PUBLIK", PUBLIC_BUDGET, secret=False)
    _approve_then_revise(world, public, cast.sari)
    world.shown(str(int(PUBLIC_BUDGET)))  # the approved version's amount is public
    parties = _parties(public)
    indicator = _indicator(world, public, world.shown("PUBLIK-INDICATOR"), "P1")
    _value(indicator, parties[0], VERIFIED_VALUE, status=Submission.Status.VERIFIED)
    for party, value, status in zip(
        parties,
        UNVERIFIED_VALUES,
        (Submission.Status.DRAFT, Submission.Status.SUBMITTED, Submission.Status.RETURNED),
        strict=True,
    ):
        _value(indicator, party, value, status=status, number=2,
               text=world.secret(f"RAHASIA-UNVERIFIED-{status.upper()}"))  # fmt: skip
    indicator_refresh([indicator.pk])
    world.objects["public_indicator"] = indicator

    shown_document = _document(
        public, "other", world.shown("PUBLIK-DOCUMENT"), b"PUBLIK-DOCUMENT-CONTENT", "publik.pdf"
    )
    world.shown("PUBLIK-DOCUMENT-CONTENT")
    decide(public, "document", public=True, target_id=shown_document.pk)
    unpublished = _document(
        public,
        "other",
        world.secret("RAHASIA-UNPUBLISHED-DOCUMENT"),
        world.secret("RAHASIA-UNPUBLISHED-DOCUMENT-CONTENT").encode(),
        "rahasia-belum-terbit.pdf",
    )
    pks = _document(
        public,
        "pks",
        world.secret("RAHASIA-UNCONSENTED-PKS"),
        world.secret("RAHASIA-UNCONSENTED-PKS-CONTENT").encode(),
        "rahasia-pks.pdf",
    )
    decide(public, "document", public=True, target_id=pks.pk)
    PublicationConsent.objects.create(document=pks, party=parties[0])  # one party of three
    world.objects["internal_documents"] += [unpublished, pks]

    shown_report = make_done_report(public, content=world.shown("PUBLIK-REPORT-FILE").encode())
    Report.objects.filter(pk=shown_report.pk).update(title=world.shown("PUBLIK-REPORT"))
    queued = make_report(public)
    failed = make_report(public, status=Report.Status.FAILED)
    Report.objects.filter(pk=queued.pk).update(title=world.secret("RAHASIA-REPORT-QUEUED"))
    Report.objects.filter(pk=failed.pk).update(title=world.secret("RAHASIA-REPORT-FAILED"))
    unpublished_report = make_done_report(public, content=b"RAHASIA-REPORT-UNPUBLISHED-FILE")
    world.secret("RAHASIA-REPORT-UNPUBLISHED-FILE")
    Report.objects.filter(pk=unpublished_report.pk).update(
        title=world.secret("RAHASIA-REPORT-UNPUBLISHED")
    )
    decide(public, "report", public=False, target_id=unpublished_report.pk)
    world.objects["internal_reports"] += [queued, failed, unpublished_report]

    decide(guarded, "meetings", public=False)
    _meetings(world, cast, public=public, internal=[draft, hidden, guarded])
    _recognition(cast, draft, secret_org)
    _knowledge(world, cast, public=public, draft=draft, guarded=guarded)
    _discussions(world, cast, public=public, internal=[draft, hidden, guarded])
    _teams(world, cast, public=public)
    _stakeholders(world, cast, public=public, internal=[draft, hidden, guarded])

    # Consultations: an open one with comments in every state, and a draft.
    consultation = make_consultation(public, title=world.shown("PUBLIK-CONSULTATION"))
    section = consultation.sections.first()
    make_comment(
        section,
        status=Comment.Status.APPROVED,
        body=world.shown("PUBLIK-COMMENT"),
        email=world.secret("rahasia-commenter@example.org"),
    )
    make_comment(
        section,
        status=Comment.Status.PENDING,
        author_name=world.secret("RAHASIA-AUTHOR-PENDING"),
        body=world.secret("RAHASIA-COMMENT-PENDING"),
    )
    make_comment(
        section,
        status=Comment.Status.UNCONFIRMED,
        author_name=world.secret("RAHASIA-AUTHOR-UNCONFIRMED"),
        body=world.secret("RAHASIA-COMMENT-UNCONFIRMED"),
    )
    make_comment(
        section,
        status=Comment.Status.HIDDEN,
        body=world.secret("RAHASIA-COMMENT-HIDDEN"),
        hide_reason=world.shown("PUBLIK-HIDE-REASON"),
        moderated_at=now,
    )
    draft_consultation = make_consultation(
        public, status=Consultation.Status.DRAFT, title=world.secret("RAHASIA-CONSULTATION-DRAFT")
    )
    world.objects["internal_consultations"].append(draft_consultation)

    # Ideas: a member's idea is internal for good; a citizen's only once published (its
    # author's address never), even when accepted into an internal agreement draft.
    make_idea(cast, title=world.secret("RAHASIA-IDEA-INTERNAL"))
    make_citizen_idea(
        cast,
        moderation=Idea.Moderation.PUBLISHED,
        title=world.shown("PUBLIK-IDEA"),
        email=world.secret("rahasia-idea-author@example.org"),
        status=Idea.Status.ACCEPTED,
        outcome=Idea.Outcome.AGREEMENT,
        agreement=draft,
    )
    world.objects["internal_ideas"] = [
        make_citizen_idea(
            cast, moderation=moderation, title=world.secret(f"RAHASIA-IDEA-{moderation.upper()}")
        )
        for moderation in (
            Idea.Moderation.UNCONFIRMED,
            Idea.Moderation.PENDING,
            Idea.Moderation.HIDDEN,
        )
    ]

    # Surveys: an open one with a free-text answer (the public sees its count), and a draft.
    survey = make_survey(agreement=public, title=world.shown("PUBLIK-SURVEY"))
    add_response(survey, text=world.secret("RAHASIA-SURVEY-TEXT-ANSWER"))
    closed = make_survey(
        agreement=public,
        title=world.shown("PUBLIK-SURVEY-CLOSED"),
        status="closed",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )
    response = add_response(closed, when=now - timedelta(days=2))
    SurveyAnswer.objects.create(
        response=response,
        question=questions_of(closed)["text"],
        text=world.secret("RAHASIA-CLOSED-SURVEY-TEXT"),
    )
    draft_survey = make_survey(
        agreement=public, status="draft", title=world.secret("RAHASIA-SURVEY-DRAFT")
    )
    world.objects["surveys"] = {"open": survey, "closed": closed, "draft": draft_survey}

    # Complaints: an unconfirmed one, and an answered anonymous one with private details.
    unconfirmed = make_complaint(
        region=cast.sleman,
        status=Complaint.Status.UNCONFIRMED,
        title=world.secret("RAHASIA-COMPLAINT-UNCONFIRMED"),
        body=world.secret("RAHASIA-COMPLAINT-UNCONFIRMED-BODY"),
        name=world.secret("RAHASIA-COMPLAINANT-UNCONFIRMED"),
        email=world.secret("rahasia-unconfirmed@example.org"),
    )
    answered = make_complaint(
        agreement=public,
        status=Complaint.Status.ANSWERED,
        title=world.shown("PUBLIK-COMPLAINT"),
        answer=world.shown("PUBLIK-COMPLAINT-ANSWER"),
        body=world.secret("RAHASIA-COMPLAINT-BODY"),
        is_anonymous=True,
        name=world.secret("RAHASIA-ANONYMOUS-NAME"),
        email=world.secret("rahasia-anonymous@example.org"),
        latitude=Decimal("-7.777123"),
        longitude=Decimal("110.987654"),
        photo=True,
        answered_by=cast.sari,
    )
    world.secrets.update({"7.777123", "7,777123", "110.987654", "110,987654"})
    world.secret(answered.photo.name.rsplit("/", 1)[-1])
    ComplaintEvent.objects.create(
        complaint=answered,
        from_status=Complaint.Status.RECEIVED,
        to_status=Complaint.Status.VERIFIED,
        note=world.secret("RAHASIA-INTERNAL-COMPLAINT-NOTE"),
        is_public=False,
        occurred_at=now,
    )
    world.objects["complaints"] = {"unconfirmed": unconfirmed, "answered": answered}

    # Distinctive numbers: every internal amount, and every sum of them (with the public base
    # they could wrongly be added to), so an aggregate that counts them shows a marker too.
    for base, amounts in (
        (PUBLIC_BUDGET, INTERNAL_BUDGETS),
        (PUBLIC_BUDGET, DRAFT_REVISION_BUDGETS),
        (VERIFIED_VALUE, UNVERIFIED_VALUES),
        (VERIFIED_VALUE, HIDDEN_VALUES),
    ):
        for size in range(1, len(amounts) + 1):
            for subset in itertools.combinations(amounts, size):
                world.numbers.add(sum(subset))
                world.numbers.add(base + sum(subset))

    world.objects.update(draft=draft, hidden=hidden, guarded=guarded, public=public)
    return world


# --- Crawling ------------------------------------------------------------------------------


def _public_patterns() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, ns or namespace)
            elif isinstance(entry, URLPattern) and entry.name and namespace in PUBLIC_NAMESPACES:
                found[f"{namespace}:{entry.name}"] = entry

    walk(get_resolver().url_patterns, "")
    return found


def _seed_kwargs(world: World, cast) -> dict[str, list[dict]]:
    """Arguments for every public URL pattern that takes any, from the world's public
    objects (and a wrong token for the confirmation links)."""
    from simpul.portal import opendata
    from simpul.publication import selectors as gate

    codes = [{"reference_code": code} for code in world.public_codes]
    regions = [{"code": code} for code in ("34.71", "34.04", "34.02", "34", "33.74")]
    surveys = [{"pk": s.pk} for s in world.objects["surveys"].values()]
    report_files = [
        {"reference_code": r.agreement.reference_code, "pk": r.pk, "fmt": f.format}
        for r in gate.public_reports().select_related("agreement")
        for f in r.files.all()
    ]
    return {
        "portal:agreement": codes,
        "portal:document-download": [
            {"reference_code": d.agreement.reference_code, "pk": d.pk}
            for d in gate.public_documents().select_related("agreement")
        ],
        "portal:report-download": report_files,
        "portal:agreement-meetings-ics": codes,
        **{
            name: [{"code": item.code} for item in world.objects["public_knowledge"]]
            for name in (
                "portal:knowledge",
                "portal:knowledge-image",
                "portal:knowledge-file",
                "api:knowledge-detail",
            )
        },
        "portal:region": regions,
        "portal:language": [{"code": "en"}, {"code": "id"}],
        "opendata:dataset": [
            {"name": name, "fmt": fmt}
            for name, dataset in opendata.DATASETS.items()
            for fmt in dataset.formats
        ],
        "api:agreement-detail": codes,
        "api:agreement-budget": codes,
        "api:party-detail": [{"pk": p.pk} for p in Party.objects.all()],
        "api:indicator-detail": [{"pk": i.pk} for i in Indicator.objects.all()],
        "api:indicator-values": [{"pk": i.pk} for i in Indicator.objects.all()],
        "api:region-detail": regions,
        "scorecard:region": regions,
        # Every party, the internal agreement's NGO included (whose page must be a 404).
        "recognition:organization": [
            {"pk": pk} for pk in Party.objects.values_list("organization_id", flat=True).distinct()
        ],
        "consultations_public:detail": [{"pk": c.pk} for c in Consultation.objects.all()],
        "consultations_public:comment": [{"pk": c.pk} for c in Consultation.objects.all()],
        "consultations_public:confirm": [{"token": "not-a-real-token"}],
        "surveys_public:detail": surveys + [{"pk": world.objects["surveys"]["draft"].pk}],
        "surveys_public:thanks": surveys,
        "complaints_public:confirm": [{"token": "not-a-real-token"}],
        "ideas_public:detail": [{"code": idea.code} for idea in Idea.objects.all()],
        "ideas_public:confirm": [{"token": "not-a-real-token"}],
        # Without the access key in the session these send the visitor to the look-up form.
        "complaints_public:track-status": [
            {"code": c.tracking_code} for c in Complaint.objects.all()
        ],
        "complaints_public:detail": [{"code": c.tracking_code} for c in Complaint.objects.all()],
    }


def _links(path: str, text: str) -> list[str]:
    """Same-site paths in hrefs (HTML) and in URL strings (JSON, JSON-LD, GeoJSON)."""
    found = re.findall(r'href="([^"#]+)', text)
    found += re.findall(r'"(https?://testserver/[^"\s]*|/[^"\s]*)"', text)
    language_switch = reverse("portal:language", kwargs={"code": "id"}).removesuffix("id/")
    links = []
    for raw in found:
        url = urljoin(f"http://{HOST}{path}", raw.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.netloc != HOST or parts.path.startswith(SKIPPED_PREFIXES):
            continue
        if parts.path.startswith(language_switch):  # one per page; seeded once instead
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _texts(path: str, response) -> list[tuple[str, str]]:
    """(where, text) of a response; a ZIP gives one entry per member."""
    body = _body(response)
    if body[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return [
                (f"{path}!{name}", archive.read(name).decode("utf-8", "replace"))
                for name in archive.namelist()
            ]
    return [(path, body.decode("utf-8", "replace"))]


def crawl(client: Client, seeds: list[str]) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    seen: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    queue = deque(seeds)
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        texts = _texts(path, response)
        seen[path] = (response.status_code, texts)
        if response.status_code in (301, 302, 303, 307, 308):
            queue.extend(_links(path, f'href="{response["Location"]}"'))
        for _, text in texts:
            queue.extend(link for link in _links(path, text) if link not in seen)
    return seen


def _number_forms(number: Decimal) -> set[str]:
    whole = int(number)
    plain = str(whole)
    return {plain, f"{whole:,}", f"{whole:,}".replace(",", ".")}


def leaks_in(world: World, pages) -> list[str]:
    needles = {secret.lower(): secret for secret in world.secrets}
    for code in world.internal_codes:
        needles[code.lower()] = f"reference code {code}"
    for number in world.numbers:
        for form in _number_forms(number):
            needles[form] = f"amount {number}"
    found = []
    for path, (_, texts) in pages.items():
        asked = unquote_plus(path).lower()  # a page may echo what the visitor typed
        for where, text in texts:
            lowered = text.lower()
            for needle, what in needles.items():
                if needle in lowered and needle not in asked:
                    at = lowered.index(needle)
                    found.append(f"{where}: {what} … {text[max(0, at - 60) : at + 60]!r}")
    return found


@pytest.fixture
def world(cast, settings, monkeypatch):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 1000
    monkeypatch.setattr(ClientThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    return build_world(cast)


def test_nothing_internal_appears_anywhere_public(world, cast, client):
    from simpul.portal.tasks import open_data_bundle_build
    from simpul.scorecard.services import scores_refresh

    scores_refresh()
    open_data_bundle_build.enqueue()  # tests run tasks inline: the ZIP exists now

    patterns = _public_patterns()
    kwargs = _seed_kwargs(world, cast)
    seeds: list[str] = list(EXTRA_SEEDS)
    uncovered = []
    for name, pattern in patterns.items():
        if not pattern.pattern.converters:
            seeds.append(reverse(name))
        elif name in kwargs:
            seeds += [reverse(name, kwargs=k) for k in kwargs[name]]
        else:
            uncovered.append(name)
    assert uncovered == [], f"public URL patterns this test does not know how to fill: {uncovered}"
    # API lists at the largest page size, and the similar-complaint suggestions at intake
    # for the words of the unconfirmed complaint and of the draft agreement's complaint.
    for name in ("agreement-list", "party-list", "indicator-list", "indicator-value-list",
                 "budget-list", "region-list"):  # fmt: skip
        seeds.append(reverse(f"api:{name}") + "?page_size=500")
    # Searches for the markers' common word, and filters naming the internal agreements.
    for name in ("portal:register", "portal:reports", "api:agreement-list", "api:party-list",
                 "api:indicator-list"):  # fmt: skip
        seeds.append(reverse(name) + "?q=rahasia")
    for code in world.internal_codes:
        seeds.append(reverse("portal:register") + f"?q={code}")
        for name in ("party-list", "indicator-list", "indicator-value-list", "budget-list"):
            seeds.append(reverse(f"api:{name}") + f"?agreement={code}")
        for name in ("parties", "indicators", "indicator-values", "budgets"):
            dataset = reverse("opendata:dataset", kwargs={"name": name, "fmt": "csv"})
            seeds.append(f"{dataset}?agreement={code}")
    for words, place in (
        ("complaint unconfirmed rahasia", {"region": cast.sleman.pk}),
        ("complaint draft rahasia", {"agreement_code": world.objects["draft"].reference_code}),
    ):
        query = {"kind": "complaint", "category": category().pk, "title": words, **place}
        seeds.append(reverse("complaints_public:new") + "?" + urlencode(query))

    # The public search (issue 13), over an index built from the whole world: the markers'
    # common words (knowledge items' and ideas' too), and each internal agreement's code.
    index.rebuild()
    for words in (
        "rahasia", "publik", "rahasia agreement", "publik agreement", "draft",
        "rahasia knowledge", "publik knowledge", "rahasia idea", "publik idea",
    ):  # fmt: skip
        seeds.append(reverse("portal:search") + "?" + urlencode({"q": words}))
        seeds.append(reverse("portal:register") + "?" + urlencode({"q": words}))
    for code in world.internal_codes:
        seeds.append(reverse("portal:search") + "?" + urlencode({"q": code}))

    pages = crawl(client, seeds)

    assert len(pages) < MAX_PAGES, "the crawl hit its page limit: raise it or prune links"
    errors = {path: status for path, (status, _) in pages.items() if status >= 500}
    assert errors == {}, f"server errors: {errors}"
    bundle = [where for _, (_, texts) in pages.items() for where, _ in texts if "!" in where]
    assert len(bundle) >= 10, f"the bulk ZIP was not read: {bundle}"
    leaks = leaks_in(world, pages)
    assert leaks == [], "internal data reached the public side:\n" + "\n".join(leaks)
    everything = "\n".join(text for _, (_, texts) in pages.items() for _, text in texts)
    missing = sorted(marker for marker in world.public if marker not in everything)
    assert missing == [], f"public information the crawl never reached: {missing}"
    # The public search reached the public agreement (so its pages were really checked),
    # not the one whose objectives were made internal (its text is not public).
    found = "\n".join(text for _, text in pages[reverse("portal:search") + "?q=publik"][1])
    assert "PUBLIK-AGREEMENT" in found
    assert "PUBLIK-GUARDED-AGREEMENT" not in found
    # ... and the public practice and the published citizen's idea, through the same search.
    for words, marker in (("publik knowledge", "PUBLIK-KNOWLEDGE"), ("publik idea", "PUBLIK-IDEA")):
        query = urlencode({"q": words})
        assert marker in "\n".join(t for _, t in pages[reverse("portal:search") + "?" + query][1])


def _internal_urls(world: World) -> list[str]:
    """Public URLs of every internal object, by its identifier."""
    internal = world.objects
    public_code = internal["public"].reference_code
    urls = []
    for code in world.internal_codes:
        for name in ("portal:agreement", "api:agreement-detail", "api:agreement-budget"):
            urls.append(reverse(name, kwargs={"reference_code": code}))
    # The guarded agreement is public, but its budget is not.
    code = internal["guarded"].reference_code
    urls.append(reverse("api:agreement-budget", kwargs={"reference_code": code}))
    for document in internal["internal_documents"]:
        for code in {public_code, document.agreement.reference_code}:
            kwargs = {"reference_code": code, "pk": document.pk}
            urls.append(reverse("portal:document-download", kwargs=kwargs))
    for report in internal["internal_reports"]:
        kwargs = {"reference_code": report.agreement.reference_code, "pk": report.pk}
        urls.append(reverse("portal:report-download", kwargs={**kwargs, "fmt": "pdf"}))
    for indicator in internal["internal_indicators"]:
        urls.append(reverse("api:indicator-detail", kwargs={"pk": indicator.pk}))
        urls.append(reverse("api:indicator-values", kwargs={"pk": indicator.pk}))
    hidden_parties = Party.objects.filter(
        agreement__in=[internal["draft"], internal["hidden"], internal["guarded"]]
    )
    for party in hidden_parties:
        urls.append(reverse("api:party-detail", kwargs={"pk": party.pk}))
    for consultation in internal["internal_consultations"]:
        urls.append(reverse("consultations_public:detail", kwargs={"pk": consultation.pk}))
    for survey in [internal["surveys"]["draft"], *internal["internal_surveys"]]:
        urls.append(reverse("surveys_public:detail", kwargs={"pk": survey.pk}))
    code = internal["complaints"]["unconfirmed"].tracking_code
    urls.append(reverse("complaints_public:detail", kwargs={"code": code}))
    for idea in Idea.objects.exclude(moderation=Idea.Moderation.PUBLISHED):
        urls.append(reverse("ideas_public:detail", kwargs={"code": idea.code}))
    for item in internal["internal_knowledge"]:
        for name in ("portal:knowledge", "portal:knowledge-file", "api:knowledge-detail"):
            urls.append(reverse(name, kwargs={"code": item.code}))
    return urls


def _internal_posts(world: World) -> list[str]:
    """Public forms of internal consultations and surveys (sending to them must not work)."""
    internal = world.objects
    urls = [
        reverse("consultations_public:comment", kwargs={"pk": c.pk})
        for c in internal["internal_consultations"]
    ]
    surveys = [internal["surveys"]["draft"], *internal["internal_surveys"]]
    return urls + [reverse("surveys_public:detail", kwargs={"pk": s.pk}) for s in surveys]


def test_internal_objects_asked_for_by_identifier_answer_404(world, client):
    answers = {url: client.get(url) for url in _internal_urls(world)}
    for url in _internal_posts(world):
        answers[f"POST {url}"] = client.post(
            url, {"section": "1", "author_name": "Warga", "email": "w@example.org", "body": "x"}
        )
    statuses = {url: r.status_code for url, r in answers.items() if r.status_code != 404}
    assert statuses == {}, f"internal objects that did not answer 404: {statuses}"
    pages = {url: (404, _texts(url, r)) for url, r in answers.items()}
    assert leaks_in(world, pages) == []
    # An internal code answers exactly like an unknown one: existence does not leak.
    unknown = reverse("api:agreement-detail", kwargs={"reference_code": "KSD-1999-99999"})
    internal = reverse("api:agreement-detail", kwargs={"reference_code": world.internal_codes[0]})
    assert client.get(unknown).json() == answers[internal].json()


def test_information_unpublished_after_its_pages_were_cached_never_comes_back(
    world, cast, client, settings, tmp_path
):
    # The production cache backend (files), whose generic incr re-stored the old generation
    # key with the default 300 s timeout; pages kept as long as the map (24 h).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "public-cache"),
        }
    }
    settings.PUBLIC_CACHE_SECONDS = 24 * 3600
    later = make_agreement(
        cast, state="active", title=world.secret("RAHASIA-LATER-UNPUBLISHED-AGREEMENT"),
        start_date=date(2025, 1, 1), end_date=date(2029, 12, 31),
    )  # fmt: skip
    marker = "RAHASIA-LATER-UNPUBLISHED-AGREEMENT"
    index.rebuild()  # the test's transaction never commits, so the on-commit refresh waits
    seeds = [
        reverse("portal:home"),
        reverse("portal:map-data"),
        reverse("portal:register"),
        reverse("portal:register") + "?q=rahasia",
        reverse("portal:agreement", kwargs={"reference_code": later.reference_code}),
        reverse("portal:region", kwargs={"code": "34.71"}),
        "/",
        "/wilayah/34.71/",
    ]

    with time_machine.travel(timezone.now(), tick=False) as clock:
        before = {path: client.get(path) for path in seeds}
        showing = {path for path, r in before.items() if marker in _body(r).decode()}
        assert showing >= set(seeds[:5]), "the marker was not on the pages it should be on"
        assert client.get(seeds[0])["X-Public-Cache"] == "hit"  # cached before the change

        unpublish(later, "summary", reason="Ditinjau ulang", user=cast.sari)
        for minutes in (1, 6, 60, 23 * 60):  # past the default 300 s timeout, within a day
            clock.shift(timedelta(minutes=minutes))
            pages = {path: (r.status_code, _texts(path, r)) for path in seeds
                     for r in [client.get(path)]}  # fmt: skip
            assert leaks_in(world, pages) == [], f"after {minutes} more minutes"

"""Weaken each access rule in turn and show that a test notices (`make mutation`).

Every role set and access function of the `access.py` modules (and the few rules that live in
services: consent, separation of duties) is listed in MUTATIONS below: a file, a piece of code
that occurs exactly once in it, and a weaker replacement. For each mutation the script writes
the weaker code in place, runs the tests that guard the rule (`-x`, so it stops at the first
failure), restores the file whatever happens, and prints a table: rule → first failing test,
or SURVIVED. A survived mutation is a missing test: write it, then run this again.

It refuses to start when the work tree has uncommitted changes, so a restore can never
overwrite someone's work, and `git diff --quiet` is checked again at the end. A new app adds
its rules to MUTATIONS.

    .venv/bin/python scripts/mutation_check.py            # every mutation (takes a while)
    .venv/bin/python scripts/mutation_check.py -k plans   # those whose rule mentions "plans"
    .venv/bin/python scripts/mutation_check.py --list
"""

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# SQLite only. Mutations never touch models or migrations, so every run copies the one test
# template built for the unmutated code (simpul/testing/template_db.py, key pinned below).
PYTEST = [
    str(ROOT / ".venv" / "bin" / "pytest"),
    "-x",
    "-q",
    "-p",
    "no:randomly",
    "-p",
    "no:xdist",
    "-rf",
]
ENV = {
    **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
    "PYTHONDONTWRITEBYTECODE": "1",
}
MATRIX = "config/tests/test_permission_matrix.py::test_permission_matrix"


def matrix(*url_names: str) -> list[str]:
    """Node ids of the permission matrix's cases for these URL names."""
    return [f"{MATRIX}[{name}]" for name in url_names]


@dataclass
class Mutation:
    rule: str
    path: str
    old: str
    new: str
    tests: list[str]


ORGS = "simpul/organizations/access.py"
AGREEMENTS = "simpul/agreements/access.py"
PLANS = "simpul/plans/access.py"
MONITORING = "simpul/monitoring/access.py"
COMPLAINTS = "simpul/complaints/access.py"
CONSULTATIONS = "simpul/consultations/access.py"
IDEAS = "simpul/ideas/access.py"
DISCUSSIONS = "simpul/discussions/access.py"
TEAMS = "simpul/teams/access.py"
STAKEHOLDERS = "simpul/stakeholders/access.py"
MEETINGS = "simpul/meetings/access.py"
MINUTES = "simpul/meetings/minutes_access.py"
VISITS = "simpul/meetings/visits_access.py"
KNOWLEDGE = "simpul/knowledge/access.py"
KNOWLEDGE_SEARCH = "simpul/knowledge/search.py"
SEARCH_ACCESS = "simpul/search/access.py"
SEARCH_INDEX = "simpul/search/index.py"
SEARCH_SELECTORS = "simpul/search/selectors.py"
SEARCH_TESTS = [
    "simpul/search/tests/test_access.py",
    "simpul/search/tests/test_views.py",
    "simpul/search/tests/test_search.py",
]
PUBLICATION = "simpul/publication/access.py"
PUBLICATION_SERVICES = "simpul/publication/services.py"
SURVEYS = "simpul/surveys/access.py"
REPORTS = "simpul/reports/access.py"
ACCOUNTS = "simpul/accounts/access.py"
EVERY_ROLE = "set(Membership.Role)"

MUTATIONS = [
    # --- organizations ------------------------------------------------------------------
    Mutation(
        "organizations: MANAGER_ROLES = every role",
        ORGS,
        "MANAGER_ROLES = {Membership.Role.ADMIN}",
        f"MANAGER_ROLES = {EVERY_ROLE}",
        matrix("organizations:membership-role", "organizations:invitation-create"),
    ),
    Mutation(
        "organizations: role_in ignores the organisation",
        ORGS,
        "        if m.organization_id == organization.pk:\n            return m.role",
        "        if True:\n            return m.role",
        matrix("plans:plan-approve", "publication:consent"),
    ),
    Mutation(
        "organizations: memberships_of keeps deactivated organisations",
        ORGS,
        "Membership.objects.filter(user=user, organization__is_active=True)",
        "Membership.objects.filter(user=user)",
        ["simpul/organizations/tests/test_access.py"],
    ),
    Mutation(
        "organizations: user_oversees_everything for any member of a government",
        ORGS,
        "any(m.organization.is_central_government for m in memberships_of(user))",
        "any(m.organization.kind != 'ngo' for m in memberships_of(user))",
        matrix("agreements:agreement-detail", "monitoring_overview:region"),
    ),
    Mutation(
        "organizations: overseen_region_ids adds other provinces",
        ORGS,
        'ids.update(Region.objects.filter(parent_id__in=provinces).values_list("id", flat=True))',
        'ids.update(Region.objects.values_list("id", flat=True))',
        ["simpul/organizations/tests/test_access.py"],
    ),
    Mutation(
        "organizations: organization_can_view_internal drops the government-side check",
        ORGS,
        "    if organization.kind not in OVERSEEN_KINDS:\n        return False\n",
        "",
        ["simpul/organizations/tests/test_access.py"],
    ),
    Mutation(
        "organizations: organization_can_view_internal lets any overseer in",
        ORGS,
        "return bool(region_ids and overseen and region_ids <= overseen)",
        "return bool(overseen)",
        [
            "simpul/organizations/tests/test_access.py",
            *matrix("organizations:organization-members"),
        ],
    ),
    Mutation(
        "organizations: organization_can_view_internal for everyone signed in",
        ORGS,
        "    if user.is_superuser or organization.pk in member_organization_ids(user):\n"
        "        return True\n",
        "    return True\n",
        matrix("organizations:organization-members", "audit:object-history"),
    ),
    Mutation(
        "organizations: organization_can_manage for every member",
        ORGS,
        "return user.is_superuser or role_in(user, organization) in MANAGER_ROLES",
        "return user.is_superuser or role_in(user, organization) is not None",
        matrix("organizations:membership-remove", "organizations:invitation-revoke"),
    ),
    Mutation(
        "organizations: invitation_can_accept by anyone signed in",
        ORGS,
        "return user.email.lower() == invitation.email.lower()",
        "return True",
        matrix("organizations:invitation-accept"),
    ),
    # --- agreements ---------------------------------------------------------------------
    Mutation(
        "agreements: EDITOR_ROLES = every role",
        AGREEMENTS,
        "EDITOR_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR, "
        "Membership.Role.EDITOR}",
        f"EDITOR_ROLES = {EVERY_ROLE}",
        matrix("agreements:agreement-edit", "agreements:document-upload"),
    ),
    Mutation(
        "agreements: agreement_can_edit for every member of a party",
        AGREEMENTS,
        "return user.is_superuser or agreement_role(user, agreement) in EDITOR_ROLES",
        "return user.is_superuser or agreement_role(user, agreement) is not None",
        matrix("agreements:agreement-edit", "agreements:agreement-transition"),
    ),
    Mutation(
        "agreements: agreement_can_edit for every reader (overseers, agencies)",
        AGREEMENTS,
        "return user.is_superuser or agreement_role(user, agreement) in EDITOR_ROLES",
        "return True",
        matrix("agreements:agreement-edit"),
    ),
    Mutation(
        "agreements: agreements_visible_to shows every agreement",
        AGREEMENTS,
        "    return Agreement.objects.filter(condition)",
        "    return Agreement.objects.all()",
        matrix("agreements:agreement-detail"),
    ),
    Mutation(
        "agreements: agreements_visible_to drops the registering/party condition",
        AGREEMENTS,
        "    condition = Q(owner_id__in=org_ids) | Q(",
        "    condition = Q(pk__in=[]) & Q(",
        matrix("agreements:agreement-detail"),
    ),
    Mutation(
        "agreements: agreements_visible_to forgets the registering organisation",
        AGREEMENTS,
        "    condition = Q(owner_id__in=org_ids) | Q(",
        "    condition = Q(pk__in=[]) | Q(",
        matrix("agreements:agreement-detail"),
    ),
    Mutation(
        "agreements: agreements_visible_to forgets agencies under a party",
        AGREEMENTS,
        "        if membership.organization.parent_id:\n"
        "            ids.add(membership.organization.parent_id)\n",
        "",
        matrix("agreements:agreement-detail"),
    ),
    Mutation(
        "agreements: agreement_role forgets the registering organisation",
        AGREEMENTS,
        "    acting.add(agreement.owner_id)\n",
        "",
        matrix("agreements:agreement-edit", "agreements:agreement-transition"),
    ),
    Mutation(
        "agreements: agreement_role counts agencies under a party",
        AGREEMENTS,
        "roles = [m.role for m in memberships_of(user) if m.organization_id in acting]",
        "roles = [m.role for m in memberships_of(user) if m.organization_id in acting"
        " or m.organization.parent_id in acting]",
        matrix("agreements:agreement-edit", "agreements:agreement-transition"),
    ),
    Mutation(
        "agreements: agreement_role counts any organisation of the user",
        AGREEMENTS,
        "roles = [m.role for m in memberships_of(user) if m.organization_id in acting]",
        "roles = [m.role for m in memberships_of(user)]",
        matrix("agreements:agreement-edit", "agreements:agreement-transition"),
    ),
    Mutation(
        "agreements: workflow transitions ignore the transition's roles",
        "simpul/agreements/workflow.py",
        "(not transition.allowed_roles or role not in transition.allowed_roles)",
        "(not transition.allowed_roles)",
        ["simpul/agreements/tests/test_access.py"],
    ),
    Mutation(
        "agreements: import_can_create for every role",
        AGREEMENTS,
        "return user.is_superuser or role_in(user, organization) in EDITOR_ROLES",
        "return user.is_superuser or role_in(user, organization) is not None",
        ["simpul/agreements/tests/test_access.py"],
    ),
    Mutation(
        "agreements: import_owner_choices for every role",
        AGREEMENTS,
        "(m.organization for m in memberships_of(user) if m.role in EDITOR_ROLES)",
        "(m.organization for m in memberships_of(user))",
        matrix("agreements:import-upload"),
    ),
    Mutation(
        "agreements: import_jobs_visible_to for every role",
        AGREEMENTS,
        "ids = [m.organization_id for m in memberships_of(user) if m.role in EDITOR_ROLES]",
        "ids = [m.organization_id for m in memberships_of(user)]",
        ["simpul/agreements/tests/test_access.py"],
    ),
    Mutation(
        "agreements: import_job_get_for_user for every member",
        AGREEMENTS,
        "role_in(user, job.organization) in EDITOR_ROLES)",
        "role_in(user, job.organization) is not None)",
        matrix("agreements:import-detail"),
    ),
    Mutation(
        "agreements: history of an agreement for everyone signed in",
        AGREEMENTS,
        "return agreement is not None and agreement_can_view(user, agreement)",
        "return agreement is not None",
        ["simpul/agreements/tests/test_access.py"],
    ),
    # --- plans --------------------------------------------------------------------------
    Mutation(
        "plans: APPROVER_ROLES = every role",
        PLANS,
        "APPROVER_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}",
        f"APPROVER_ROLES = {EVERY_ROLE}",
        matrix("plans:plan-approve", "plans:plan-return"),
    ),
    Mutation(
        "plans: plan_approvable_parties ignores the party",
        PLANS,
        "return [p for p in parties if role_in(user, p.organization) in APPROVER_ROLES]",
        "return [p for p in parties if any(role_in(user, q.organization) in APPROVER_ROLES"
        " for q in parties)]",
        matrix("plans:plan-approve", "plans:plan-return"),
    ),
    Mutation(
        "plans: plan_can_edit for every reader",
        PLANS,
        "    return agreement_can_edit(user, plan.agreement)",
        "    return True",
        matrix("plans:plan-summary", "plans:part-edit"),
    ),
    Mutation(
        "plans: separation of duties (submitter approves)",
        PLANS,
        "return user is not None and user.is_authenticated and plan.submitted_by_id == user.pk",
        "return False",
        ["simpul/plans/tests/test_access.py"],
    ),
    Mutation(
        "plans: history of a plan for everyone signed in",
        PLANS,
        "return plan is not None and agreement_can_view(user, plan.agreement)",
        "return plan is not None",
        ["simpul/plans/tests/test_access.py"],
    ),
    # --- monitoring ---------------------------------------------------------------------
    Mutation(
        "monitoring: DATA_ENTRY_ROLES = every role",
        MONITORING,
        "DATA_ENTRY_ROLES = {\n",
        "DATA_ENTRY_ROLES = {\n    Membership.Role.VIEWER,\n",
        matrix("monitoring:submission-edit", "monitoring:submission-submit"),
    ),
    Mutation(
        "monitoring: VERIFIER_ROLES = every role",
        MONITORING,
        "VERIFIER_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}",
        f"VERIFIER_ROLES = {EVERY_ROLE}",
        matrix("monitoring:submission-verify", "monitoring:submission-return"),
    ),
    Mutation(
        "monitoring: party_can_enter_data for any party",
        MONITORING,
        "        if m.organization_id == party.organization_id:\n            return True",
        "        if True:\n            return True",
        matrix("monitoring:submission-edit", "monitoring:submission-submit"),
    ),
    Mutation(
        "monitoring: party_can_enter_data for agencies of any government",
        MONITORING,
        "if m.organization.parent_id and m.organization.parent_id == party.organization_id:",
        "if m.organization.parent_id:",
        ["simpul/monitoring/tests/test_access.py"],
    ),
    Mutation(
        "monitoring: agreement_can_verify ignores the agreement's organisations",
        MONITORING,
        "m.organization_id in acting and m.role in VERIFIER_ROLES for m in memberships_of(user)",
        "m.role in VERIFIER_ROLES for m in memberships_of(user)",
        matrix("monitoring:submission-verify", "monitoring:submission-return"),
    ),
    Mutation(
        "monitoring: agreement_can_verify forgets the registering organisation",
        MONITORING,
        "    acting.add(agreement.owner_id)\n",
        "",
        matrix("monitoring:submission-verify", "monitoring:submission-return"),
    ),
    Mutation(
        "monitoring: party_can_enter_data for the registering organisation",
        MONITORING,
        "        if m.organization_id == party.organization_id:\n            return True",
        "        if m.organization_id in (party.organization_id, party.agreement.owner_id):\n"
        "            return True",
        matrix("monitoring:submission-edit", "monitoring:submission-submit"),
    ),
    Mutation(
        "monitoring: separation of duties (enterer or submitter verifies)",
        MONITORING,
        "        submission.submitted_by_id == user.pk\n"
        "        or DataValue.objects.filter(submission=submission, updated_by=user).exists()",
        "        False",
        ["simpul/monitoring/tests/test_access.py"],
    ),
    Mutation(
        "monitoring: submission_get_for_user skips the data-entry check",
        MONITORING,
        "    if enter and not party_can_enter_data(user, submission.party):\n"
        "        raise Http404\n",
        "",
        matrix("monitoring:submission-edit", "monitoring:submission-xlsx"),
    ),
    Mutation(
        "monitoring: warnings_for every role",
        MONITORING,
        "        if m.role in DATA_ENTRY_ROLES:\n            org_ids.add(m.organization_id)",
        "        if True:\n            org_ids.add(m.organization_id)",
        ["simpul/monitoring/tests/test_access.py"],
    ),
    Mutation(
        "monitoring: region_overview_allowed for any government member",
        MONITORING,
        "m.organization.kind in Organization.REGIONAL_KINDS and "
        "m.organization.region_id == region.pk",
        "m.organization.kind in Organization.REGIONAL_KINDS",
        matrix("monitoring_overview:region"),
    ),
    Mutation(
        "monitoring: region_overview_allowed for partners",
        MONITORING,
        "m.organization.kind in Organization.REGIONAL_KINDS and "
        "m.organization.region_id == region.pk",
        "m.organization.region_id == region.pk or m.organization.kind == 'ngo'",
        matrix("monitoring_overview:region"),
    ),
    Mutation(
        "monitoring: history of monitoring objects for everyone signed in",
        MONITORING,
        "            return agreement_can_view(user, current)",
        "            return True",
        ["simpul/monitoring/tests/test_access.py"],
    ),
    # --- complaints ---------------------------------------------------------------------
    Mutation(
        "complaints: complaint_can_act for every member",
        COMPLAINTS,
        "return responsible is not None and role_in(user, responsible) in EDITOR_ROLES",
        "return responsible is not None and role_in(user, responsible) is not None",
        matrix("complaints:act", "complaints:reassign"),
    ),
    Mutation(
        "complaints: complaint_can_act for editors of an agency under the responsible",
        COMPLAINTS,
        "return responsible is not None and role_in(user, responsible) in EDITOR_ROLES",
        "return responsible is not None and any(m.role in EDITOR_ROLES and responsible.pk in"
        " (m.organization_id, m.organization.parent_id) for m in memberships_of(user))",
        matrix("complaints:act", "complaints:reassign"),
    ),
    Mutation(
        "complaints: complaints_visible_to forgets agencies of the responsible",
        COMPLAINTS,
        "            org_ids.add(membership.organization.parent_id)\n",
        "            pass\n",
        matrix("complaints:detail"),
    ),
    Mutation(
        "complaints: complaints_visible_to shows every routed complaint",
        COMPLAINTS,
        "    return qs.filter(condition)",
        "    return qs",
        matrix("complaints:detail"),
    ),
    Mutation(
        "complaints: oversight covers partners' complaints too",
        COMPLAINTS,
        "Q(responsible__region_id__in=overseen, responsible__kind__in=OVERSEEN_KINDS)",
        "Q(responsible__region_id__in=overseen)",
        ["simpul/complaints/tests/test_access.py"],
    ),
    # --- consultations, surveys, reports, publication ----------------------------------
    Mutation(
        "consultations: consultation_get_for_user ignores write",
        CONSULTATIONS,
        "    agreement = agreement_get_for_user(user, agreement_pk, write=write)",
        "    agreement = agreement_get_for_user(user, agreement_pk)",
        matrix("consultations:consultation-edit", "consultations:consultation-publish"),
    ),
    Mutation(
        "consultations: answering_parties for every role",
        CONSULTATIONS,
        "own = {m.organization_id for m in memberships_of(user) if m.role in EDITOR_ROLES}",
        "own = {m.organization_id for m in memberships_of(user)}",
        ["simpul/consultations/tests/test_access.py"],
    ),
    Mutation(
        "consultations: comment_get_for_moderator for every reader",
        CONSULTATIONS,
        "    consultation = consultation_get_for_user(user, agreement_pk, pk, write=True)",
        "    consultation = consultation_get_for_user(user, agreement_pk, pk)",
        matrix("consultations:comment-moderate", "consultations:comment-change"),
    ),
    Mutation(
        "consultations: answering_parties ignores the party",
        CONSULTATIONS,
        "return [party for party in parties if party.organization_id in own]",
        "return parties if own else []",
        matrix("consultations:comment-answer"),
    ),
    # --- ideas -------------------------------------------------------------------------
    Mutation(
        "ideas: ideas_visible_to ignores the regions",
        IDEAS,
        "    return board.filter(condition)",
        "    return board",
        matrix("ideas:idea-detail"),
    ),
    Mutation(
        "ideas: overseers take part",
        IDEAS,
        "    if take_part and not idea_can_take_part(user, idea):",
        "    if False:",
        matrix("ideas:idea-support", "ideas:idea-comment"),
    ),
    Mutation(
        "ideas: idea_can_decide for every role of the owner",
        IDEAS,
        "return user.is_superuser or role_in(user, idea.owner) in EDITOR_ROLES",
        "return user.is_superuser or role_in(user, idea.owner) is not None",
        matrix("ideas:idea-move", "ideas:idea-accept"),
    ),
    Mutation(
        "ideas: ideas_to_moderate for every role",
        IDEAS,
        "owners = {m.organization_id for m in memberships_of(user) if m.role in EDITOR_ROLES}",
        "owners = {m.organization_id for m in memberships_of(user)}",
        matrix("ideas:idea-moderate"),
    ),
    Mutation(
        "ideas: a decided idea stays editable",
        IDEAS,
        "    if not idea.is_open or not user.is_authenticated:",
        "    if not user.is_authenticated:",
        ["simpul/ideas/tests/test_access.py"],
    ),
    # --- discussions ------------------------------------------------------------------
    Mutation(
        "discussions: threads_visible_to ignores the forum's readers",
        DISCUSSIONS,
        '        | Q(forum__in=forums_visible_to(user).values("pk"))',
        "        | Q(forum__isnull=False)",
        matrix("discussions:forum-threads"),
    ),
    Mutation(
        "discussions: overseers write",
        DISCUSSIONS,
        "    if write and not thread_can_write(user, thread):",
        "    if False:",
        matrix("discussions:post-create", "discussions:mention-candidates"),
    ),
    Mutation(
        "discussions: an agency's member does not write for its government",
        DISCUSSIONS,
        "        if m.organization_id in participants or m.organization.parent_id in participants",
        "        if m.organization_id in participants",
        matrix("discussions:post-create"),
    ),
    Mutation(
        "discussions: any reader edits a post",
        DISCUSSIONS,
        "    if edit and not post_can_edit(user, post):",
        "    if False:",
        matrix("discussions:post-edit"),
    ),
    Mutation(
        "discussions: any writer deletes a post",
        DISCUSSIONS,
        "    return user.is_superuser or post_can_edit(user, post)",
        "    return True",
        matrix("discussions:post-delete"),
    ),
    # --- teams --------------------------------------------------------------------------
    Mutation(
        "teams: teams_visible_to ignores the organisations",
        TEAMS,
        "    return Team.objects.filter(condition)",
        "    return Team.objects.all()",
        matrix("teams:team-detail"),
    ),
    Mutation(
        "teams: agencies' members do not read the organisation's teams",
        TEAMS,
        "        if membership.organization.parent_id:",
        "        if False:",
        matrix("teams:team-detail"),
    ),
    Mutation(
        "teams: working teams are not read by the other parties",
        TEAMS,
        "    condition = Q(organization_id__in=mine) | Q(\n"
        "        kind=Team.Kind.WORKING, agreement_id__in=party_agreements\n    )",
        "    condition = Q(organization_id__in=mine)",
        ["simpul/teams/tests/test_access.py"],
    ),
    Mutation(
        "teams: team_can_edit for every role",
        TEAMS,
        "return user.is_superuser or role_in(user, team.organization) in EDIT_ROLES",
        "return user.is_superuser or role_in(user, team.organization) is not None",
        matrix("teams:team-edit", "teams:competency-add"),
    ),
    Mutation(
        "teams: a chair verifies after the term",
        TEAMS,
        "        term_end__gte=today,\n",
        "",
        ["simpul/teams/tests/test_access.py"],
    ),
    # --- stakeholders -------------------------------------------------------------------
    Mutation(
        "stakeholders: register_get_for_user ignores edit",
        STAKEHOLDERS,
        "return agreement_get_for_user(user, agreement_pk, write=edit)",
        "return agreement_get_for_user(user, agreement_pk, write=False)",
        matrix("stakeholders:stakeholder-create"),
    ),
    Mutation(
        "stakeholders: every role of a party verifies",
        STAKEHOLDERS,
        "m.organization_id in party_ids and m.role in VERIFIER_ROLES",
        "m.organization_id in party_ids",
        matrix("stakeholders:contribution-decide"),
    ),
    Mutation(
        "stakeholders: the registering bureau verifies",
        STAKEHOLDERS,
        'party_ids = set(agreement.parties.values_list("organization_id", flat=True))',
        'party_ids = set(agreement.parties.values_list("organization_id", flat=True))'
        " | {agreement.owner_id}",
        matrix("stakeholders:contribution-decide"),
    ),
    Mutation(
        "stakeholders: the recorder verifies their own contribution",
        STAKEHOLDERS,
        "if not user.is_authenticated or contribution.recorded_by_id == user.pk:",
        "if not user.is_authenticated:",
        ["simpul/stakeholders/tests/test_services.py"],
    ),
    # --- meetings ---------------------------------------------------------------------
    Mutation(
        "meetings: meeting_get_for_user ignores manage",
        MEETINGS,
        "    if manage and not meeting_can_manage(user, meeting):",
        "    if False:",
        matrix("meetings:meeting-edit", "meetings:meeting-cancel"),
    ),
    Mutation(
        "meetings: a forum meeting is run by every reader of the forum",
        MEETINGS,
        "    return meeting.forum is not None and forum_can_manage(user, meeting.forum)",
        "    return meeting.forum is not None",
        matrix("meetings:meeting-edit", "meetings:attendance"),
    ),
    Mutation(
        "meetings: forum_can_manage for every role of the secretariat",
        MEETINGS,
        "    return user.is_superuser or role_in(user, forum.secretariat) in EDITOR_ROLES",
        "    return user.is_superuser or role_in(user, forum.secretariat) is not None",
        ["simpul/meetings/tests/test_access.py"],
    ),
    Mutation(
        "meetings: forums_visible_to ignores membership",
        MEETINGS,
        "    org_ids = reading_organization_ids(user)\n"
        "    condition = Q(secretariat_id__in=org_ids)",
        "    org_ids = reading_organization_ids(user)\n    condition = Q(pk__isnull=False)",
        matrix("meetings:meeting-detail", "meetings:forum-detail"),
    ),
    Mutation(
        "meetings: invitations are answered by any member of the invited organisation",
        MEETINGS,
        "    if invitation.organization_id in editing_organization_ids(user):",
        "    if invitation.organization_id in reading_organization_ids(user):",
        ["simpul/meetings/tests/test_access.py"],
    ),
    Mutation(
        "meetings: agenda_item_get_for_user ignores decide",
        MEETINGS,
        "    meeting = meeting_get_for_user(user, meeting_pk, manage=decide)",
        "    meeting = meeting_get_for_user(user, meeting_pk)",
        matrix("meetings:agenda-decide", "meetings:agenda-move"),
    ),
    Mutation(
        "meetings: a forum is edited by every editor of its secretariat",
        MEETINGS,
        "    return user.is_superuser or role_in(user, forum.secretariat) in MANAGER_ROLES",
        "    return user.is_superuser or role_in(user, forum.secretariat) in EDITOR_ROLES",
        ["simpul/meetings/tests/test_forums.py"],
    ),
    Mutation(
        "meetings: forum_get_for_edit ignores the rule",
        MEETINGS,
        "    if not forum_can_edit(user, forum):\n        raise Http404",
        "    if False:\n        raise Http404",
        matrix("meetings:forum-edit"),
    ),
    Mutation(
        "meetings: any member makes their organisation a forum's secretariat",
        MEETINGS,
        "if m.role in MANAGER_ROLES]",
        "if m.role is not None]",
        matrix("meetings:forum-create"),
    ),
    Mutation(
        "minutes: every member of a party signs for it",
        MINUTES,
        "if m.role in SIGNING_ROLES}",
        "if m.role is not None}",
        matrix("meetings:minutes-sign"),
    ),
    Mutation(
        "minutes: a forum delegate does not sign for the party",
        MINUTES,
        "        if (named[party.pk] == user.pk if party.pk in named else party.pk in signing)",
        "        if party.pk in signing",
        ["simpul/meetings/tests/test_minutes.py"],
    ),
    Mutation(
        "minutes: any member of the owner organisation closes an action",
        MINUTES,
        "    editing = editing_organization_ids(user)\n",
        "    editing = access.reading_organization_ids(user)\n",
        matrix("meetings:action-complete"),
    ),
    Mutation(
        "minutes: decisions and actions are added by every reader",
        MINUTES,
        "    meeting = access.meeting_get_for_user(user, meeting_pk, manage=True)\n    item =",
        "    meeting = access.meeting_get_for_user(user, meeting_pk)\n    item =",
        matrix("meetings:decision-add", "meetings:action-add"),
    ),
    Mutation(
        "visits: every member of a visiting organisation writes its learning report",
        VISITS,
        "if membership.role in EDITOR_ROLES and membership.organization.region_id in regions",
        "if membership.organization.region_id in regions",
        matrix("meetings:learning-report-create"),
    ),
    Mutation(
        "visits: the host side writes learning reports too",
        VISITS,
        "    regions = visiting_region_ids(visit)\n",
        "    regions = visiting_region_ids(visit) | {r.pk for r in visit.host_regions.all()}\n",
        matrix("meetings:learning-report-create"),
    ),
    Mutation(
        "visits: learning_report_get_for_user ignores write",
        VISITS,
        "    if write and not learning_report_can_write(user, report):",
        "    if False:",
        matrix("meetings:learning-report-edit", "meetings:learning-report-submit"),
    ),
    Mutation(
        "visits: exchange_visit_meeting_get_for_user ignores manage",
        VISITS,
        "    meeting = meeting_get_for_user(user, pk, manage=manage)",
        "    meeting = meeting_get_for_user(user, pk)",
        matrix("meetings:visit-edit"),
    ),
    Mutation(
        "surveys: survey_get_for_user ignores write",
        SURVEYS,
        "    agreement = agreement_get_for_user(user, agreement_pk, write=write)",
        "    agreement = agreement_get_for_user(user, agreement_pk)",
        matrix("surveys:survey-edit", "surveys:survey-status"),
    ),
    Mutation(
        "reports: report_get_for_user ignores the agreement",
        REPORTS,
        "return get_object_or_404(Report.objects.filter(agreement=agreement), pk=pk)",
        "return get_object_or_404(Report.objects.all(), pk=pk)",
        ["simpul/reports/tests/test_access.py"],
    ),
    Mutation(
        "publication: publication_get_for_user ignores write",
        PUBLICATION,
        "    return agreement_get_for_user(user, agreement_pk, write=write)",
        "    return agreement_get_for_user(user, agreement_pk)",
        ["simpul/publication/tests/test_access.py", *matrix("publication:decide")],
    ),
    Mutation(
        "publication: consent_target_for_user skips the consent check",
        PUBLICATION,
        "    if not party_can_consent(user, party):\n        raise Http404\n",
        "",
        [
            *matrix("publication:consent"),
            "simpul/publication/tests/test_access.py::"
            "test_only_a_partys_admin_or_coordinator_reaches_its_consent_form",
        ],
    ),
    Mutation(
        "publication: CONSENT_ROLES = every role",
        PUBLICATION_SERVICES,
        "CONSENT_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}",
        f"CONSENT_ROLES = {EVERY_ROLE}",
        matrix("publication:consent"),
    ),
    Mutation(
        "publication: party_can_consent for a platform admin who is no member",
        PUBLICATION_SERVICES,
        "    return role_in(user, party.organization) in CONSENT_ROLES",
        "    return user.is_superuser or role_in(user, party.organization) in CONSENT_ROLES",
        matrix("publication:consent"),
    ),
    Mutation(
        "publication: a facilitator consents like a binding party",
        PUBLICATION_SERVICES,
        "if not user.is_authenticated or party.role in CONSENT_EXEMPT_ROLES:",
        "if not user.is_authenticated:",
        ["simpul/publication/tests/test_access.py"],
    ),
    # --- accounts -----------------------------------------------------------------------
    Mutation(
        "accounts: a profile's history for everyone signed in",
        ACCOUNTS,
        "return viewer.is_authenticated and (viewer.is_superuser or viewer.pk == user.pk)",
        "return viewer.is_authenticated",
        ["simpul/accounts/tests/test_access.py"],
    ),
    # --- knowledge --------------------------------------------------------------------
    Mutation(
        "knowledge: every role of the owner reviews",
        KNOWLEDGE,
        "REVIEWER_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}",
        f"REVIEWER_ROLES = {EVERY_ROLE}",
        matrix("knowledge:item-review"),
    ),
    Mutation(
        "knowledge: a writer reviews their own item",
        KNOWLEDGE,
        "user.pk in {item.created_by_id, item.submitted_by_id}",
        "user.pk in set()",
        ["simpul/knowledge/tests/test_items.py"],
    ),
    Mutation(
        "knowledge: drafts are read by every member",
        KNOWLEDGE,
        "    condition = Q(status=KnowledgeItem.Status.PUBLISHED) | Q(",
        "    condition = ~Q(pk=None) | Q(",
        matrix("knowledge:item-detail", "knowledge:item-file"),
    ),
    Mutation(
        "knowledge: any editor records another organisation's adoption",
        KNOWLEDGE,
        "    return user.is_authenticated and role_in(user, adoption.organization) in EDITOR_ROLES",
        "    return user.is_authenticated",
        matrix("knowledge:adoption-decide"),
    ),
    Mutation(
        "knowledge: knowledge_items_readable_by includes other organisations' drafts",
        KNOWLEDGE,
        "Q(status=KnowledgeItem.Status.PUBLISHED) | Q(owner_id=organization.pk)",
        "Q(status=KnowledgeItem.Status.PUBLISHED) | ~Q(pk=None)",
        ["simpul/ideas/tests/test_views.py"],
    ),
    Mutation(
        "knowledge: the search index lets every member read drafts",
        KNOWLEDGE_SEARCH,
        "    if item_visibility(item) != OWNER:",
        "    if True:",
        SEARCH_TESTS,
    ),
    # --- search (the index's reader tags and its selectors) ----------------------------
    Mutation(
        "search: every member reads as an admin (no reader condition)",
        SEARCH_ACCESS,
        "    if user.is_superuser or overseen is None:",
        "    if True:",
        SEARCH_TESTS,
    ),
    Mutation(
        "search: an agency's member reads as its government's own member (d tag)",
        SEARCH_ACCESS,
        "        direct.add(membership.organization_id)",
        "        direct.update({membership.organization_id,"
        " membership.organization.parent_id or membership.organization_id})",
        SEARCH_TESTS,
    ),
    Mutation(
        "search: members of an organisation read every region's (m tag)",
        SEARCH_ACCESS,
        '    tags += [f"m{r}" for r in sorted(located)]',
        '    tags += [f"m{r}" for r in range(1, 100_000)]',
        SEARCH_TESTS,
    ),
    Mutation(
        "search: the public search reads what members read",
        SEARCH_SELECTORS,
        "else [access.PUBLIC]",
        "else [access.PUBLIC, access.MEMBERS]",
        SEARCH_TESTS,
    ),
    Mutation(
        "search: a public-only result links its internal page",
        SEARCH_SELECTORS,
        "bool(self.reader_tags & (set(str(tags).split()) - {access.PUBLIC}))",
        "bool(self.reader_tags & set(str(tags).split()))",
        SEARCH_TESTS,
    ),
    Mutation(
        "search: every document is public",
        SEARCH_INDEX,
        'tags += ["pub"] if public else []',
        'tags += ["pub"]',
        SEARCH_TESTS,
    ),
    Mutation(
        "search: the public register and API find words an agreement does not publish",
        SEARCH_SELECTORS,
        """f'AND tags : "pub")) AND tags : "k{kind}"'""",
        """f')) AND tags : "k{kind}"'""",
        ["simpul/portal/tests/test_api.py"],
    ),
]

FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - git with fixed arguments
        ["git", *args],  # noqa: S607 - the developer's git, as the Makefile uses it
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def tree_is_clean() -> bool:
    return git("status", "--porcelain", "--untracked-files=no").stdout.strip() == ""


def check_mutations(mutations: list[Mutation]) -> list[str]:
    """Every mutation must match its file exactly once: a stale entry is an error, not a
    silently skipped rule."""
    problems = []
    for mutation in mutations:
        text = (ROOT / mutation.path).read_text()
        count = text.count(mutation.old)
        if count != 1:
            problems.append(f"{mutation.rule}: found {count} times in {mutation.path}")
    return problems


def pytest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own pytest, arguments from this file
        [*PYTEST, *args], cwd=ROOT, capture_output=True, text=True, env=ENV, check=False
    )


def baseline(mutations: list[Mutation], extra: list[str]) -> bool:
    """Every selected test passes on the unmutated code (else a "caught" proves nothing);
    this run also builds the test template the mutated runs copy."""
    (ROOT / "var").mkdir(exist_ok=True)
    tests = list(dict.fromkeys(test for m in mutations for test in m.tests))
    result = pytest(*extra, *tests)
    if result.returncode != 0:
        print("The tests fail without any mutation; fix them first:")
        print(result.stdout[-3000:], result.stderr[-2000:])
        return False
    return True


def run_one(mutation: Mutation, extra: list[str]) -> tuple[str, float]:
    path = ROOT / mutation.path
    original = path.read_text()
    start = time.monotonic()
    try:
        path.write_text(original.replace(mutation.old, mutation.new, 1))
        result = pytest(*extra, *mutation.tests)
    finally:
        path.write_text(original)
    elapsed = time.monotonic() - start
    if result.returncode == 0:
        return "SURVIVED", elapsed
    failed = FAILED.search(result.stdout)
    if failed:
        return failed.group(1), elapsed
    # Collection or start-up errors: show the end of the output, it is not a real kill.
    tail = (result.stdout + result.stderr).strip().splitlines()[-1:]
    return f"ERROR (exit {result.returncode}): {' '.join(tail)}", elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only rules whose name contains this text")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument(
        "--shard",
        default="1/1",
        help="i/n: run every n-th mutation from the i-th (n clones of the tree run in parallel)",
    )
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (after --)")
    args = parser.parse_args()
    index, count = (int(part) for part in args.shard.split("/"))
    mutations = [m for m in MUTATIONS if args.k.lower() in m.rule.lower()][index - 1 :: count]
    if args.list:
        for mutation in mutations:
            print(f"{mutation.rule}  [{mutation.path}]")
        return 0
    problems = check_mutations(mutations)
    if problems:
        print("Stale mutations (update MUTATIONS):", *problems, sep="\n  ")
        return 2
    if not tree_is_clean():
        print("Refusing to run: commit or stash your changes first (files are edited in place).")
        return 2
    print(f"Baseline: the {len(mutations)} mutations' tests on unmutated code …", flush=True)
    # Computed before any mutation: the mutated access modules are part of the key, and would
    # otherwise make each run migrate a template of its own.
    sys.path.insert(0, str(ROOT))
    from simpul.testing.template_db import KEY_VARIABLE, source_key

    ENV[KEY_VARIABLE] = source_key()
    if not baseline(mutations, args.pytest_args):
        return 2
    rows = []
    for number, mutation in enumerate(mutations, 1):
        print(f"[{number}/{len(mutations)}] {mutation.rule} …", end=" ", flush=True)
        outcome, elapsed = run_one(mutation, args.pytest_args)
        print(f"{outcome} ({elapsed:.0f} s)", flush=True)
        rows.append((mutation.rule, outcome))
    if not tree_is_clean():
        print("The work tree changed during the run: check `git diff`.")
        return 2
    width = max(len(rule) for rule, _ in rows)
    print(f"\n{'rule'.ljust(width)}  first failing test")
    print(f"{'-' * width}  {'-' * 18}")
    for rule, outcome in rows:
        print(f"{rule.ljust(width)}  {outcome}")
    survived = [rule for rule, outcome in rows if not outcome.startswith(("config/", "simpul/"))]
    print(f"\n{len(rows) - len(survived)} of {len(rows)} mutations caught.")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())

"""Small helpers for publication tests: binding documents, finished reports, and admins for
the two parties (Sleman, Bantul) the cast has no members of."""

from simpul.agreements.models import Document
from simpul.agreements.tests.factories import government_of
from simpul.organizations.models import Membership
from simpul.plans.models import Plan, PlanVersion
from simpul.plans.tests.factories import freeze_plan
from simpul.reports.models import Report
from simpul.reports.tests.factories import make_report
from simpul.testing.cast import make_member, make_user


def make_document(agreement, kind="pks", title=None) -> Document:
    return Document.objects.create(
        agreement=agreement, kind=kind, title=title or f"{kind.upper()} {agreement.reference_code}"
    )


def make_done_report(agreement) -> Report:
    return make_report(agreement, status=Report.Status.DONE)


def party_admins(cast) -> dict:
    """An admin for the Sleman and Bantul governments: {"sleman": user, "bantul": user}."""
    admins = {}
    for name, region in (("sleman", cast.sleman), ("bantul", cast.bantul)):
        user = make_user(f"admin@{name}kab.go.id", f"Admin {name.title()}")
        make_member(user, government_of(region), Membership.Role.ADMIN)
        admins[name] = user
    return admins


def party_of(agreement, organization):
    return agreement.parties.get(organization=organization)


def approve_plan(agreement) -> PlanVersion:
    """Record the plan as it stands as its approved version (the plan and budget are public
    only after one; the public budget is the approved version's)."""
    plan, _ = Plan.objects.get_or_create(agreement=agreement)
    return freeze_plan(plan)

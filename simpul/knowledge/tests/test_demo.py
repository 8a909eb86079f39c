"""The demo's knowledge items (`demo.py`, run by seed_demo_knowledge): at least twelve, in
every state, the infographic drawn at seed time with its text alternative; run twice,
nothing is added. Built on the cast with the demo's four writers rather than the whole demo."""

from collections import Counter

from simpul.agreements.tests.factories import government_of
from simpul.knowledge.demo import (
    BANTUL_EDITOR,
    FIRST_TITLE,
    SECRETARIAT_STAFF,
    SLEMAN_COORDINATOR,
    YOGYAKARTA_ADMIN,
    demo_knowledge_seed,
)
from simpul.knowledge.models import KnowledgeItem
from simpul.organizations.models import Membership, Organization
from simpul.testing.cast import make_member, make_user


def demo_writers(cast) -> None:
    Organization.objects.create(name="Universitas Gadjah Mada", kind=Organization.Kind.UNIVERSITY)
    for email, organization, role in (
        (SECRETARIAT_STAFF, cast.sekber_kartamantul, Membership.Role.EDITOR),
        (YOGYAKARTA_ADMIN, cast.pemkot_yogyakarta, Membership.Role.ADMIN),
        (SLEMAN_COORDINATOR, government_of(cast.sleman), Membership.Role.COORDINATOR),
        (BANTUL_EDITOR, government_of(cast.bantul), Membership.Role.EDITOR),
    ):
        make_member(make_user(email, email.split("@")[0]), organization, role)


def test_the_demo_shares_twelve_items_in_every_state_and_runs_once(cast):
    demo_writers(cast)

    seeded = demo_knowledge_seed()

    assert seeded.items >= 12 and not seeded.skipped
    states = Counter(KnowledgeItem.objects.values_list("status", flat=True))
    assert set(states) == {"draft", "in_review", "returned", "published"}
    assert {"public", "members"} <= set(
        KnowledgeItem.objects.filter(status="published").values_list("audience", flat=True)
    )
    infographic = KnowledgeItem.objects.get(kind="infographic")
    assert infographic.image and infographic.image_alt.startswith("Diagram batang")
    research = KnowledgeItem.objects.filter(kind="research", status="published").get()
    assert research.research_partner.name == "Universitas Gadjah Mada"
    assert KnowledgeItem.objects.get(title=FIRST_TITLE).is_public

    again = demo_knowledge_seed()
    assert again.items == 0 and again.skipped

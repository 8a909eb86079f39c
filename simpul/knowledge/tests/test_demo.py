"""The demo's knowledge items (`demo.py`, run by seed_demo_knowledge): at least twelve, in
every state, the infographic drawn at seed time with its text alternative; Banyumas adapts
the TPST practice after its exchange visit and Kota Yogyakarta says "not now" with a reason;
run twice, nothing is added. Built on the cast with the demo's four writers and the meetings
demo's exchange visit rather than the whole demo."""

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
from simpul.knowledge.models import Adoption, KnowledgeItem
from simpul.meetings.demo_visits import demo_visits_seed
from simpul.meetings.tests.factories import make_forum
from simpul.organizations.models import Membership, Organization
from simpul.regions.models import Region
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


def banyumas_visit(cast) -> None:
    make_forum(cast, slug="sekber-kartamantul")
    # As load_regions leaves it (loading the regions' files here would cost seconds).
    Region.objects.create(
        code="33.02", name="Kabupaten Banyumas", level="regency", parent=cast.jateng,
        timezone="Asia/Jakarta", latitude="-7.45", longitude="109.16",
    )  # fmt: skip
    demo_visits_seed("sekber-kartamantul", cast.lina.email)


def test_the_demo_shares_twelve_items_in_every_state_and_runs_once(cast):
    demo_writers(cast)
    banyumas_visit(cast)

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

    adapted = Adoption.objects.get(organization__name="Pemerintah Kabupaten Banyumas")
    assert (adapted.decision, adapted.learning_report.status) == ("adapt", "submitted")
    assert adapted.item.title == FIRST_TITLE and adapted.decision_reason
    later = Adoption.objects.get(decision="not_now")
    assert later.decision_reason and later.organization == cast.pemkot_yogyakarta

    again = demo_knowledge_seed()
    assert (again.items, again.adoptions) == (0, 0) and again.skipped

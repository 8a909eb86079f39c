"""The index shows each person exactly what the access modules let them read.

Each kind's readers are written into its documents (`tags`) and each person's reader tags
are computed by `simpul.search.access`; these tests build agreements, plans, consultations,
minutes, knowledge items and ideas spread over the cast's organisations and compare, for
every member of the cast, what the index lets them reach with what each kind's access
function returns.
"""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from simpul.accounts.models import User
from simpul.agreements.access import agreement_can_view, agreements_visible_to
from simpul.agreements.models import GovernmentAffair
from simpul.agreements.tests.factories import government_of, make_agreement, registered_by
from simpul.consultations.models import Comment, Consultation
from simpul.consultations.tests.factories import make_comment, make_consultation
from simpul.ideas.access import ideas_visible_to
from simpul.ideas.tests.factories import make_citizen_idea, make_idea
from simpul.knowledge.access import knowledge_items_visible_to
from simpul.knowledge.models import KnowledgeItem
from simpul.knowledge.tests.factories import make_item
from simpul.meetings.access import meetings_visible_to
from simpul.meetings.models import Invitation, Meeting, Minutes, MinutesVersion
from simpul.meetings.tests.factories import make_meeting
from simpul.meetings.tests.minutes_factories import circulated
from simpul.organizations.models import Membership, Organization
from simpul.plans.access import plan_for
from simpul.plans.models import Plan
from simpul.search.selectors import Filters, search, visible_ids
from simpul.testing.cast import make_member, make_user


def build(cast):
    yogya = make_agreement(cast, title="Sampah Kartamantul")  # Yogyakarta, Sleman, Bantul
    with registered_by(cast.biro_tapem_diy):
        registered = make_agreement(
            cast,
            title="Sampah registered",
            parties=[cast.pemkab_sleman, government_of(cast.bantul)],
        )
    semarang = make_agreement(
        cast,
        title="Sampah Semarang",
        family="ksdpk",
        parties=[cast.pemkot_semarang, cast.ngo],
    )
    for agreement in (yogya, registered, semarang):
        plan_for(agreement)
        make_consultation(agreement, title="Konsultasi sampah")
    circulated(cast)  # a forum meeting of Kartamantul, with minutes
    past = timezone.now() - timedelta(days=1)
    agreement_meeting = make_meeting(
        cast, agreement=semarang, host=cast.pemkot_semarang, starts_at=past
    )
    guest = make_meeting(
        cast, agreement=registered, host=cast.pemkab_sleman, title="Tamu", starts_at=past
    )
    Invitation.objects.create(meeting=guest, kind="person", user=cast.eko)
    for meeting in (agreement_meeting, guest):
        minutes = Minutes.objects.create(meeting=meeting)
        MinutesVersion.objects.create(minutes=minutes, number=1, summary="Rapat sampah")


def people(cast):
    return {name: user or AnonymousUser() for name, user in cast.people().items()}


def test_agreements_in_the_index_follow_agreements_visible_to(cast, indexed):
    build(cast)
    indexed()
    for name, user in people(cast).items():
        expected = set(agreements_visible_to(user).values_list("pk", flat=True))
        assert visible_ids(user, "agreement") == expected, name


def test_plans_in_the_index_follow_their_agreements(cast, indexed):
    build(cast)
    indexed()
    for name, user in people(cast).items():
        expected = {p.pk for p in Plan.objects.all() if agreement_can_view(user, p.agreement)}
        assert visible_ids(user, "plan") == expected, name


def test_consultations_in_the_index_follow_their_agreements(cast, indexed):
    build(cast)
    indexed()
    for name, user in people(cast).items():
        expected = {
            c.pk for c in Consultation.objects.all() if agreement_can_view(user, c.agreement)
        }
        assert visible_ids(user, "consultation") == expected, name


def test_minutes_in_the_index_follow_meetings_visible_to(cast, indexed):
    build(cast)
    indexed()
    with_minutes = Meeting.objects.filter(minutes__isnull=False)
    assert with_minutes.count() == 3
    for name, user in people(cast).items():
        expected = set(
            meetings_visible_to(user).filter(minutes__isnull=False).values_list("pk", flat=True)
        )
        assert visible_ids(user, "minutes") == expected, name


def test_an_outsider_finds_nothing_internal_of_other_regions(cast, indexed):
    build(cast)
    indexed()
    found = {
        hit.title.replace("<mark>", "").replace("</mark>", "")
        for hit in search(cast.budi, "sampah").hits
    }
    assert "Sampah Kartamantul" not in found
    assert "Sampah Semarang" in found


def test_the_public_finds_only_public_consultations_and_their_published_comments(cast, indexed):
    public = make_agreement(cast, state="active", title="Kerja sama persampahan publik")
    draft = make_agreement(cast, title="Kerja sama persampahan internal")
    shown = make_consultation(public, title="Konsultasi persampahan terbuka")
    make_consultation(public, title="Konsultasi persampahan draf", status="draft")
    make_consultation(draft, title="Konsultasi persampahan internal")
    section = shown.sections.first()
    make_comment(section, status=Comment.Status.APPROVED, body="Jadwal angkutan sampah pagi")
    make_comment(section, status=Comment.Status.PENDING, body="Komentar rahasia menunggu")
    make_comment(section, status=Comment.Status.HIDDEN, body="Komentar rahasia disembunyikan")
    indexed()

    found = {(h.kind, h.object_id): h for h in search(None, "persampahan").hits}
    assert set(found) == {("agreement", public.pk), ("consultation", shown.pk)}
    assert found[("consultation", shown.pk)].url == f"/konsultasi/{shown.pk}/"
    assert found[("agreement", public.pk)].url == f"/publik/kerja-sama/{public.reference_code}/"
    assert [h.object_id for h in search(None, "angkut pagi").hits] == [shown.pk]
    assert search(None, "rahasia").hits == []
    # A member of another region finds the public consultation through the portal too.
    assert search(cast.budi, "angkut pagi").hits[0].url == f"/konsultasi/{shown.pk}/"


def build_knowledge(cast):
    """Items of several owners in every state, public and for members."""
    public_item = make_item(
        cast, status="published", audience="public", title="Kelola sampah terbuka"
    )
    make_item(cast, status="published", owner=cast.ngo, by=cast.eko, title="Kelola sampah warga")
    make_item(cast, title="Kelola sampah draf kota")
    make_item(cast, status="in_review", owner=cast.dlh_yogyakarta, by=cast.agus)
    make_item(cast, status="returned", owner=cast.pemkab_sleman, by=cast.yanto)
    make_item(cast, owner=cast.ngo, by=cast.eko, title="Kelola sampah draf yayasan")
    make_item(cast, owner=cast.pemkot_semarang, by=cast.budi)
    return public_item


def test_knowledge_items_in_the_index_follow_knowledge_items_visible_to(cast, indexed):
    build_knowledge(cast)
    indexed()
    assert KnowledgeItem.objects.count() == 7
    for name, user in people(cast).items():
        expected = set(knowledge_items_visible_to(user).values_list("pk", flat=True))
        assert visible_ids(user, "knowledge") == expected, name


def test_ideas_in_the_index_follow_ideas_visible_to(cast, indexed):
    # An agency of Kota Semarang placed in the province: its member reads Semarang's
    # agreements (as its government) but not Semarang's ideas, which its own members read.
    agency = Organization.objects.create(
        name="UPT Semarang", kind=Organization.Kind.REGIONAL_AGENCY,
        parent=cast.pemkot_semarang, region=cast.jateng,
    )  # fmt: skip
    make_member(make_user("upt@semarangkota.go.id", "Upik"), agency, Membership.Role.EDITOR)
    make_idea(cast)  # Kota Yogyakarta's, Sleman may join
    make_idea(cast, owner=cast.pemkot_semarang, author=cast.budi, regions=[])
    make_idea(cast, owner=cast.ngo, author=cast.eko, regions=[cast.bantul], status="declined")
    make_idea(cast, owner=cast.pemda_diy, author=cast.gita, regions=[cast.semarang])
    for moderation in ("unconfirmed", "pending", "published", "hidden"):
        make_citizen_idea(cast, moderation=moderation, owner=cast.pemkab_sleman)
    indexed()
    everyone = {**people(cast), "upik": User.objects.get(email="upt@semarangkota.go.id")}
    assert ideas_visible_to(everyone["upik"]).count() == 0
    for name, user in everyone.items():
        expected = set(ideas_visible_to(user).values_list("pk", flat=True))
        assert visible_ids(user, "idea") == expected, name


def test_the_public_finds_public_knowledge_and_published_citizens_ideas_only(cast, indexed):
    public_item = build_knowledge(cast)
    make_idea(cast, title="Kelola sampah pasar bersama")
    citizen = make_citizen_idea(cast, moderation="published", title="Kelola sampah kampung")
    make_citizen_idea(cast, moderation="pending", title="Kelola sampah menunggu")
    indexed()

    found = {(h.kind, h.object_id): h.url for h in search(None, "pengelolaan sampah").hits}
    assert found == {
        ("knowledge", public_item.pk): f"/publik/pengetahuan/{public_item.code}/",
        ("idea", citizen.pk): f"/publik/ide/{citizen.code}/",
    }
    # Budi of Semarang reads every published item (internal page) but not Yogyakarta's drafts.
    titles = {
        h.title.replace("<mark>", "").replace("</mark>", "")
        for h in search(cast.budi, "kelola sampah", Filters(kind="knowledge")).hits
    }
    assert titles == {"Kelola sampah terbuka", "Kelola sampah warga"}


def test_knowledge_is_filtered_by_affair_region_and_year(cast, indexed):
    affair = GovernmentAffair.objects.order_by("pk").first()
    item = make_item(cast, status="published", title="Kelola sampah Sleman", year=2024)
    item.affairs.set([affair])
    item.regions.set([cast.sleman])
    make_item(cast, status="published", title="Kelola sampah lain", year=2025)
    indexed()

    def found(**filters):
        return [h.object_id for h in search(cast.budi, "sampah", Filters(**filters)).hits]

    assert found(kind="knowledge", affair=affair.pk) == [item.pk]
    assert found(kind="knowledge", region=cast.diy.pk) == [item.pk]  # Sleman is in DIY
    assert found(kind="knowledge", year=2024) == [item.pk]

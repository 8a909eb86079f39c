"""Who may open the teams pages (see simpul/testing/matrix.py).

The team: the TKKSD of Pemkot Yogyakarta, wati its chair, tono a member with an unverified
competency. Its readers are the members of Pemkot Yogyakarta (sari, wati, tono, vina) and of the
agency under it (dewi and agus of DLH), the overseers (gita for DIY, hadi centrally) and rina;
everyone else gets 404: Semarang (budi), the NGO (eko), Sleman (yanto: a TKKSD is its own
government's business), the joint secretariat (lina) and the province bureau (fitri, joko: an
agency, not the overseeing government). Editing (new team, new decree, details, members,
competencies, trainings) is for Pemkot's admins and coordinators (sari) and rina; verifying a
competency also for the team's chair (wati). The working-teams tab of the usual agreement is
read by the agreement's readers. Anonymous visitors sign in first.
"""

from simpul.agreements.tests.factories import make_agreement
from simpul.teams.models import Decree, MemberCompetency, TeamMember
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect, signed_in

from .factories import add_member, competency, make_team, training_with_certificate

NOBODY = dict.fromkeys(
    ("sari", "budi", "dewi", "gita", "hadi", "eko", "rina", "wati", "tono", "vina", "yanto",
     "lina", "fitri", "joko", "agus"),
    404,
)  # fmt: skip
READ = {
    **NOBODY,
    "anonymous": LOGIN,
    **dict.fromkeys(("sari", "wati", "tono", "vina", "dewi", "agus", "gita", "hadi", "rina"), 200),
}
EDIT_PAGE = {**NOBODY, "anonymous": LOGIN, "sari": 200, "rina": 200}
EDIT_POST = {**NOBODY, "anonymous": LOGIN, "sari": 302, "rina": 302}
VERIFY_POST = {**EDIT_POST, "wati": 302}
AGREEMENT_READ = {
    **NOBODY,
    "anonymous": LOGIN,
    **dict.fromkeys(("sari", "dewi", "gita", "hadi", "rina"), 200),
    **PARTY_STAFF_READ,
}


def _team(cast) -> dict:
    team = make_team(cast)
    add_member(team, cast.wati, role=TeamMember.Role.CHAIR)
    tono = add_member(team, cast.tono)
    MemberCompetency.objects.create(member=tono, competency=competency("gis"), level="basic")
    return {"pk": team.pk}


def _member(cast) -> dict:
    pk = _team(cast)["pk"]
    return {"pk": pk, "member_pk": TeamMember.objects.get(team_id=pk, user=cast.tono).pk}


def _entry(cast) -> dict:
    kwargs = _member(cast)
    entry = MemberCompetency.objects.get(member_id=kwargs["member_pk"])
    return {**kwargs, "entry_pk": entry.pk}


def _decree(cast) -> dict:
    pk = _team(cast)["pk"]
    return {"pk": pk, "decree_pk": Decree.objects.get(team_id=pk).pk}


def _training(cast) -> dict:
    kwargs = _member(cast)
    training = training_with_certificate(TeamMember.objects.get(pk=kwargs["member_pk"]))
    return {"pk": kwargs["pk"], "training_pk": training.pk}


def _organization(cast) -> dict:
    return {"organization_pk": cast.pemkot_yogyakarta.pk}


EXPECTATIONS = {
    "teams:team-list": Expect(statuses=signed_in(200)),
    "teams:organization-teams": Expect(statuses=READ, kwargs=_organization),
    "teams:team-create": Expect(statuses=EDIT_PAGE, kwargs=_organization),
    "teams:agreement-teams": Expect(
        statuses=AGREEMENT_READ,
        kwargs=lambda cast: {"agreement_pk": make_agreement(cast, state="active").pk},
    ),
    "teams:team-detail": Expect(statuses=READ, kwargs=_team),
    "teams:team-edit": Expect(statuses=EDIT_PAGE, kwargs=_team),
    "teams:decree-create": Expect(statuses=EDIT_PAGE, kwargs=_team),
    "teams:decree-download": Expect(statuses=READ, kwargs=_decree),
    "teams:member-add": Expect(statuses=EDIT_PAGE, kwargs=_team),
    "teams:member-detail": Expect(statuses=READ, kwargs=_member),
    "teams:competency-add": Expect(
        statuses=EDIT_POST,
        kwargs=_member,
        method="post",
        data=lambda cast: {"competency": competency("negotiation").pk, "level": "advanced"},
    ),
    "teams:competency-verify": Expect(statuses=VERIFY_POST, kwargs=_entry, method="post"),
    "teams:training-add": Expect(
        statuses=EDIT_POST,
        kwargs=_member,
        method="post",
        data=lambda cast: {
            "kind": "training",
            "course": "Negosiasi kerja sama daerah",
            "organiser": "BPSDM Kemendagri",
            "held_on": "2026-03-10",
            "hours": "16",
        },
    ),
    "teams:certificate-download": Expect(statuses=READ, kwargs=_training),
}

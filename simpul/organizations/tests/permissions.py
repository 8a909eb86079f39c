"""Who may open the organisation pages (see simpul/testing/matrix.py).

The directory and public profiles are for every signed-in person. Members and invitations
(internal) are for the organisation's members, its overseers (the province government for
its regencies and cities, central government for all) and platform admins; everyone else
gets 404, so internal pages do not reveal what exists. Dewi works at DLH, an agency (OPD) of
Kota Yogyakarta, not at the city government itself: she does not see the government's
member list. Changes (roles, removals, invitations) are for the organisation's admins and
platform admins only; overseers may look but not touch.

Invitation links: anyone holding the link may open it while signed out (200); signed in as
someone other than the addressee, the page refuses (403).
"""

from simpul.organizations.models import Invitation, Membership
from simpul.testing.cast import make_member, make_user
from simpul.testing.matrix import LOGIN, Expect, signed_in

# Internal pages of Pemkot Yogyakarta: its admin, its overseers, the platform admin.
INTERNAL = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 404,
    "gita": 200,
    "hadi": 200,
    "eko": 404,
    "rina": 200,
    # Every member of Pemkot Yogyakarta sees its members, whatever the role; a coordinator of
    # another government (Sleman) and the joint secretariat do not.
    "wati": 200,
    "tono": 200,
    "vina": 200,
    "yanto": 404,
    "lina": 404,
    # Nor the province's bureau (an agency of the overseer, not the overseer itself), nor an
    # editor at an agency of the city.
    "fitri": 404,
    "joko": 404,
    "agus": 404,
}
# Changes to Pemkot Yogyakarta's members: its admin and the platform admin (redirect back).
MANAGE = {
    "anonymous": LOGIN,
    "sari": 302,
    "budi": 404,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "eko": 404,
    "rina": 302,
    # Only admins manage members: not an editor, a data officer or a viewer of the same
    # organisation, nor another organisation's coordinator or admin.
    "wati": 404,
    "tono": 404,
    "vina": 404,
    "yanto": 404,
    "lina": 404,
    "fitri": 404,
    "joko": 404,
    "agus": 404,
}


def _yogyakarta(cast) -> dict:
    return {"pk": cast.pemkot_yogyakarta.pk}


def _new_member(cast) -> dict:
    """A fresh staff member of Pemkot Yogyakarta, so every case starts from the same state."""
    user = make_user("staf@jogjakota.go.id", "Staf Kerja Sama")
    membership = make_member(user, cast.pemkot_yogyakarta, Membership.Role.VIEWER)
    return {"pk": cast.pemkot_yogyakarta.pk, "membership_pk": membership.pk}


def _new_invitation(cast) -> dict:
    invitation = Invitation.objects.create(
        organization=cast.pemkot_yogyakarta,
        email="calon@jogjakota.go.id",
        role=Membership.Role.EDITOR,
        invited_by=cast.sari,
    )
    return {"pk": cast.pemkot_yogyakarta.pk, "invitation_pk": invitation.pk}


def _invitation_token(cast) -> dict:
    from simpul.organizations.services import invitation_token

    invitation = Invitation.objects.create(
        organization=cast.pemkot_yogyakarta,
        email="baru@jogjakota.go.id",
        role=Membership.Role.VIEWER,
        invited_by=cast.sari,
    )
    return {"token": invitation_token(invitation)}


EXPECTATIONS = {
    "organizations:organization-list": Expect(statuses=signed_in(200)),
    "organizations:organization-detail": Expect(statuses=signed_in(200), kwargs=_yogyakarta),
    "organizations:organization-members": Expect(statuses=INTERNAL, kwargs=_yogyakarta),
    "organizations:membership-role": Expect(
        statuses=MANAGE, kwargs=_new_member, method="post", data=lambda cast: {"role": "editor"}
    ),
    "organizations:membership-remove": Expect(statuses=MANAGE, kwargs=_new_member, method="post"),
    "organizations:invitation-create": Expect(
        statuses=MANAGE,
        kwargs=_yogyakarta,
        method="post",
        data=lambda cast: {"email": "undangan@jogjakota.go.id", "role": "viewer"},
    ),
    "organizations:invitation-revoke": Expect(
        statuses=MANAGE, kwargs=_new_invitation, method="post"
    ),
    "organizations:invitation-resend": Expect(
        statuses=MANAGE, kwargs=_new_invitation, method="post"
    ),
    "organizations:invitation-accept": Expect(
        statuses={**dict.fromkeys(INTERNAL, 403), "anonymous": 200}, kwargs=_invitation_token
    ),
}

"""Who may open the notification centre (see simpul/testing/matrix.py).

Everyone signed in has their own list, settings and unread count; a notification is only its
recipient's (sari's here: everyone else gets 404). The JSON count answers a visitor with 403
(the badge script needs no redirect to a sign-in page). The unsubscribe link works without a
session for whoever holds it: the signed token is the permission.
"""

from django.utils.translation import gettext_lazy as _

from simpul.notifications import registry
from simpul.notifications.models import Notification
from simpul.notifications.unsubscribe import token_for
from simpul.testing.matrix import Expect, everyone, signed_in

from .kinds import SAMPLE


def _sari_notification(cast):
    row = Notification.objects.create(
        recipient=cast.sari, kind=SAMPLE, key="matrix", title="Rapat", url="/", channel="app"
    )
    return {"pk": row.pk}


def _sari_token(cast):
    registry.register_kind(SAMPLE, label=_("Sample notices"), description=_("A test kind."))
    return {"token": token_for(cast.sari.pk, SAMPLE)}


EXPECTATIONS = {
    "notifications:notification-list": Expect(signed_in(200)),
    "notifications:notification-read": Expect(
        {**signed_in(404), "sari": 302}, kwargs=_sari_notification, method="post"
    ),
    "notifications:read-all": Expect(signed_in(302), method="post"),
    "notifications:unread-count": Expect(everyone(200, anonymous=403)),
    "notifications:preferences": Expect(signed_in(200)),
    "notifications:unsubscribe": Expect(everyone(200), kwargs=_sari_token),
}

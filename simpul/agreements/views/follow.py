"""Following an agreement: its stage changes reach the person (simpul.notifications)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.notifications.services import follow, unfollow

from .. import access


@login_required
@require_POST
def agreement_follow(request, pk: int):
    """Follow (or, with `stop`, unfollow) an agreement the person can read."""
    agreement = access.agreement_get_for_user(request.user, pk)
    subject = f"agreement:{agreement.pk}"
    if request.POST.get("stop"):
        unfollow(request.user, subject)
        messages.success(request, _("You no longer follow this agreement."))
    else:
        follow(request.user, subject)
        messages.success(request, _("You follow this agreement: its stage changes reach you."))
    return redirect(agreement)


urlpatterns = [
    path("<int:pk>/ikuti/", agreement_follow, name="agreement-follow"),
]

"""The panel other apps' pages show about an object (simpul.core.related): the threads about
a meeting (and its action items), an indicator (and its warnings), an agreement's stages, or
a forum's latest threads, with a link to start one."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from simpul.agreements.models import Agreement
from simpul.meetings.models import Forum, Meeting
from simpul.monitoring.models import Indicator

from . import access, selectors


def threads_panel(request: HttpRequest, obj: Any) -> tuple[str, dict[str, Any]] | None:
    if not request.user.is_authenticated:
        return None
    if isinstance(obj, Forum):
        threads = list(selectors.threads_of(request.user, forum=obj)[:5])
        list_url = reverse("discussions:forum-threads", kwargs={"slug": obj.slug})
        can_write = access.place_can_write(request.user, forum=obj)
        new_url = reverse("discussions:forum-thread-create", kwargs={"slug": obj.slug})
    elif isinstance(obj, Agreement | Meeting | Indicator):
        threads = selectors.threads_about(request.user, obj)
        agreement = obj if isinstance(obj, Agreement) else obj.agreement
        if isinstance(obj, Agreement) and not threads:
            return None
        if agreement is None:  # a forum's meeting
            assert isinstance(obj, Meeting) and obj.forum is not None
            list_url = reverse("discussions:forum-threads", kwargs={"slug": obj.forum.slug})
            can_write = access.place_can_write(request.user, forum=obj.forum)
            new_url = reverse("discussions:forum-thread-create", kwargs={"slug": obj.forum.slug})
        else:
            list_url = reverse(
                "discussions:agreement-threads", kwargs={"agreement_pk": agreement.pk}
            )
            can_write = access.place_can_write(request.user, agreement=agreement)
            new_url = reverse(
                "discussions:agreement-thread-create", kwargs={"agreement_pk": agreement.pk}
            )
        about = _about_value(obj)
        if about:
            new_url += f"?about={about}"
    else:
        return None
    return (
        "discussions/includes/related_panel.html",
        {"threads": threads, "list_url": list_url, "new_url": new_url if can_write else ""},
    )


def _about_value(obj: Any) -> str:
    if isinstance(obj, Meeting):
        return f"meeting:{obj.pk}"
    if isinstance(obj, Indicator):
        return f"indicator:{obj.pk}"
    return ""

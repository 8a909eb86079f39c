from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch

from . import registry
from .selectors import describe, events_for

EVENTS_PER_PAGE = 25


@login_required
def object_history(request, label: str, pk: str):
    """Who changed what, when and from where, for one audited object.

    Visibility follows the model's registered `can_view`; anyone else gets a 404, so the
    page does not reveal whether the object exists. Once the object is deleted only platform
    administrators can read its history (there is no object left to ask `can_view` about).
    """
    entry = registry.get(label)
    if entry is None:
        raise Http404
    try:
        obj = entry.model._default_manager.filter(pk=pk).first()
    except (ValueError, TypeError, ValidationError):
        raise Http404 from None
    if obj is not None:
        if not entry.can_view(request.user, obj):
            raise Http404
        object_id = str(obj.pk)
    elif request.user.is_superuser:
        object_id = pk
    else:
        raise Http404
    events = events_for(entry.label, object_id)
    if obj is None and not events.exists():
        raise Http404
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    if obj is not None:
        object_repr, object_url = str(obj), _url_of(obj)
    else:
        object_repr, object_url = events.first().object_repr, None
    return render(
        request,
        "audit/object_history.html",
        {
            "object": obj,
            "object_repr": object_repr,
            "object_url": object_url,
            "model_name": entry.model._meta.verbose_name,
            "page": page,
            "events": describe(entry, page.object_list),
        },
    )


def _url_of(obj) -> str | None:
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return None

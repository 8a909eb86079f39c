"""Creating and editing a forum: for the platform admin and the admins of its secretariat."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from simpul.core.formviews import attempt
from simpul.core.merge import save_merging

from .. import access, services
from ..forms_forums import ForumForm
from ..models import Forum


@login_required
def forum_create(request):
    if not access.forum_can_create(request.user):
        raise Http404
    form = ForumForm(request.POST or None, secretariats=access.forum_secretariats_for(request.user))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                form,
                lambda: services.forum_create(
                    user=request.user,
                    name=data["name"],
                    slug=data["slug"],
                    secretariat=data["secretariat"],
                    members=data["members"],
                    kind=data["kind"],
                    description=data["description"],
                    cadence=data["cadence"],
                    quorum=data["quorum"],
                ),
            )
            if outcome.ok:
                messages.success(request, _("The forum was created."))
                return redirect(outcome.result.get_absolute_url())
            status = outcome.status
    return render(request, "meetings/forums/form.html", {"form": form}, status=status)


@login_required
def forum_edit(request, slug: str):
    forum = access.forum_get_for_edit(request.user, slug)
    form = ForumForm(
        request.POST or None,
        instance=forum,
        secretariats=access.forum_secretariats_for(request.user)
        | type(forum.secretariat).objects.filter(pk=forum.secretariat_id),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.forum_update(
                    forum=f.instance,
                    user=request.user,
                    version=f.base_version,
                    **f.cleaned_fields(),
                ),
                reload=lambda: (
                    Forum.objects.select_related("secretariat").filter(pk=forum.pk).first()
                ),
            )
            if result.ok:
                messages.success(request, _("The forum was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(forum.get_absolute_url())
            form, status = result.form, result.status
    return render(
        request, "meetings/forums/form.html", {"form": form, "forum": forum}, status=status
    )

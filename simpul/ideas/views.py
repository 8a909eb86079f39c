"""The ideas board for members, under /ide/: the board with filters and sorting, an idea's
page (support, comments, the owner's status actions), posting and editing (merged with a
change saved meanwhile), accepting into an agreement draft, a plan activity or a knowledge
item, and the moderation queue of citizens' ideas."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.accounts.models import User
from simpul.core.formviews import attempt, status_for
from simpul.core.merge import save_merging

from . import access, forms, selectors, services
from .models import Idea

PAGE_SIZE = 25


def _member(request: HttpRequest) -> User:
    """The signed-in person (every view that writes is behind login_required)."""
    if not request.user.is_authenticated:
        raise Http404
    return request.user


@login_required
@require_GET
def idea_list(request: HttpRequest) -> HttpResponse:
    filters = forms.FilterForm(request.GET)
    status = 200
    if filters.is_valid():
        chosen = filters.cleaned_data
    else:
        chosen, status = {}, 400
    ideas = selectors.board(
        request.user,
        status=chosen.get("status") or "",
        affair=chosen.get("affair"),
        region=chosen.get("region"),
        sort=chosen.get("sort") or "",
    )
    page = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ideas/idea_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "can_post": access.idea_owner_choices(request.user).exists(),
            "can_moderate": access.ideas_to_moderate(request.user).exists(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_create(request: HttpRequest) -> HttpResponse:
    owners = access.idea_owner_choices(request.user)
    if not owners.exists():
        raise Http404
    form = forms.IdeaForm(request.POST or None, owners=owners)
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.idea_create(
                user=_member(request),
                owner=data["owner"],
                title=data["title"],
                problem=data["problem"],
                proposal=data["proposal"],
                affairs=data["affairs"],
                regions=data["regions"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("Your idea is on the board."))
            return redirect(outcome.result.get_absolute_url())
    return render(request, "ideas/idea_form.html", {"form": form}, status=status_for(form, outcome))


@login_required
@require_GET
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_get_for_user(request.user, pk)
    return _detail_page(request, idea)


def _detail_page(
    request: HttpRequest,
    idea: Idea,
    *,
    comment_form: forms.CommentForm | None = None,
    move_form: forms.MoveForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_decide = access.idea_can_decide(request.user, idea)
    return render(
        request,
        "ideas/idea_detail.html",
        {
            "idea": idea,
            **selectors.idea_page(idea, request.user),
            "can_take_part": access.idea_can_take_part(request.user, idea),
            "can_edit": access.idea_can_edit(request.user, idea),
            "can_decide": can_decide and idea.is_open,
            "moves": [m for m in services.IDEA.available(idea.status) if m.action != "accept"]
            if can_decide
            else [],
            "comment_form": comment_form or forms.CommentForm(),
            "move_form": move_form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_edit(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_get_for_user(request.user, pk, edit=True)
    status = 200
    if request.method == "POST":
        form = forms.IdeaForm(request.POST, instance=idea)
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.idea_update(
                    idea=f.instance,
                    user=_member(request),
                    version=f.opened_version,
                    **f.cleaned_fields(),
                ),
                reload=lambda: Idea.objects.filter(pk=idea.pk).first(),
            )
            if result.ok:
                messages.success(request, _("The idea was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(idea.get_absolute_url())
            form, status = result.form, result.status
        else:
            status = 400
    else:
        form = forms.IdeaForm(instance=idea)
    return render(request, "ideas/idea_form.html", {"form": form, "idea": idea}, status=status)


@login_required
@require_POST
def idea_support(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_get_for_user(request.user, pk, take_part=True)
    if request.POST.get("action") == "withdraw":
        services.idea_unsupport(idea=idea, user=_member(request))
        messages.success(request, _("Your support was withdrawn."))
    else:
        services.idea_support(idea=idea, user=_member(request))
        messages.success(request, _("Thank you for your support."))
    return redirect(idea.get_absolute_url())


@login_required
@require_POST
def idea_comment(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_get_for_user(request.user, pk, take_part=True)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: services.idea_comment(
                idea=idea, user=_member(request), body=form.cleaned_data["body"]
            ),
        )
        if outcome.ok:
            messages.success(request, _("Your comment was added."))
            return redirect(f"{idea.get_absolute_url()}#comments")
    return _detail_page(request, idea, comment_form=form, status=400)


@login_required
@require_POST
def idea_move(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_get_for_user(request.user, pk, decide=True)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.idea_move(
                idea=idea,
                user=_member(request),
                version=data["version"],
                action=data["action"],
                note=data["note"],
            ),
        )
        if outcome.ok:
            messages.success(
                request,
                _("The idea is now %(status)s.") % {"status": idea.get_status_display().lower()},
            )
            return redirect(idea.get_absolute_url())
        status = outcome.status
    else:
        status = 400
    return _detail_page(request, idea, move_form=form, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def idea_accept(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_get_for_user(request.user, pk, decide=True)
    if not idea.is_open:
        messages.error(request, _("This idea has already been decided."))
        return redirect(idea.get_absolute_url())
    # The knowledge list's own search field (a GET form beside this one): words to find an
    # item among thousands; a POSTed choice stays listed when the form is shown again.
    knowledge_query = request.GET.get("cari", "")[:200]
    chosen = request.POST.get("knowledge_item", "")
    form = forms.AcceptForm(
        request.POST or None,
        activities=selectors.activities_for_accepting(idea),
        knowledge_items=selectors.knowledge_items_for_accepting(idea),
        knowledge_choices=selectors.knowledge_choices_for_accepting(
            idea, knowledge_query, int(chosen) if chosen.isdigit() and len(chosen) < 12 else None
        ),
        initial={"version": idea.version, "title": idea.title},
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {"idea": idea, "user": _member(request), "version": data["version"]}
        if data["outcome"] == Idea.Outcome.AGREEMENT:
            call = lambda: services.idea_accept_as_agreement(  # noqa: E731
                **common, title=data["title"], family=data["family"]
            )
        elif data["outcome"] == Idea.Outcome.ACTIVITY:
            call = lambda: services.idea_accept_as_activity(  # noqa: E731
                **common, activity=data["activity"]
            )
        else:
            call = lambda: services.idea_accept_as_knowledge(  # noqa: E731
                **common, item=data["knowledge_item"]
            )
        outcome = attempt(form, call)
        if outcome.ok:
            messages.success(request, _("The idea was accepted."))
            return redirect(idea.get_absolute_url())
    return render(
        request,
        "ideas/idea_accept.html",
        {
            "idea": idea,
            "form": form,
            "knowledge_query": knowledge_query,
            "knowledge_limit": selectors.KNOWLEDGE_CHOICES,
        },
        status=status_for(form, outcome),
    )


@login_required
@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    queue = selectors.moderation_queue(request.user)
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ideas/moderation.html", {"page": page})


@login_required
@require_POST
def idea_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.citizen_idea_get_for_moderator(request.user, pk)
    form = forms.ModerateForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.citizen_idea_moderate(
                idea=idea,
                user=_member(request),
                version=data["version"],
                publish=data["action"] == "publish",
                reason=data["reason"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The idea was moderated."))
            return redirect("ideas:moderation")
        status = outcome.status
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
    page = Paginator(selectors.moderation_queue(request.user), PAGE_SIZE).get_page(1)
    return render(request, "ideas/moderation.html", {"page": page}, status=status)


urlpatterns = [
    path("", idea_list, name="idea-list"),
    path("baru/", idea_create, name="idea-create"),
    path("moderasi/", moderation, name="moderation"),
    path("moderasi/<int:pk>/", idea_moderate, name="idea-moderate"),
    path("<int:pk>/", idea_detail, name="idea-detail"),
    path("<int:pk>/ubah/", idea_edit, name="idea-edit"),
    path("<int:pk>/dukung/", idea_support, name="idea-support"),
    path("<int:pk>/komentar/", idea_comment, name="idea-comment"),
    path("<int:pk>/status/", idea_move, name="idea-move"),
    path("<int:pk>/terima/", idea_accept, name="idea-accept"),
]

"""The discussion pages, under /diskusi/: an agreement's and a forum's threads, a new thread,
a thread page (paginated posts, reply, quote), editing a post (merged with a change saved
meanwhile), deleting it (a tombstone), its history, its attachment, following a thread, and
the mention autocomplete (JSON: only people who can read the thread)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.accounts.models import User
from simpul.agreements.access import agreement_get_for_user
from simpul.agreements.models import Agreement
from simpul.core.downloads import stored_attachment
from simpul.core.formviews import attempt, status_for
from simpul.core.merge import save_merging
from simpul.core.uploads import too_large_page, upload_size_checked
from simpul.meetings.access import forum_get_for_user
from simpul.meetings.models import Forum
from simpul.organizations.models import Organization

from . import access, forms, notifying, selectors, services
from .models import Post, Thread


def _member(request: HttpRequest) -> User:
    """The signed-in person (every view that writes is behind login_required)."""
    if not request.user.is_authenticated:
        raise Http404
    return request.user


def _participants(*, agreement: Agreement | None, forum: Forum | None) -> QuerySet[Organization]:
    ids = access.participant_ids(agreement=agreement, forum=forum)
    return Organization.objects.filter(pk__in=ids).order_by("name")


def _too_large(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return too_large_page(request)


# --- Lists ----------------------------------------------------------------------------------


def _list_page(
    request: HttpRequest, *, agreement: Agreement | None = None, forum: Forum | None = None
) -> HttpResponse:
    threads = selectors.threads_of(request.user, agreement=agreement, forum=forum)
    page = Paginator(threads, selectors.THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "discussions/thread_list.html",
        {
            "agreement": agreement,
            "forum": forum,
            "page": page,
            "can_write": access.place_can_write(request.user, agreement=agreement, forum=forum),
            "response_times": selectors.agreement_response_times(agreement)
            if agreement is not None
            else [],
        },
    )


@login_required
@require_GET
def agreement_threads(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    return _list_page(request, agreement=agreement_get_for_user(request.user, agreement_pk))


@login_required
@require_GET
def forum_threads(request: HttpRequest, slug: str) -> HttpResponse:
    return _list_page(request, forum=forum_get_for_user(request.user, slug))


# --- A new thread ---------------------------------------------------------------------------


def _create_page(
    request: HttpRequest, *, agreement: Agreement | None = None, forum: Forum | None = None
) -> HttpResponse:
    if not access.place_can_write(request.user, agreement=agreement, forum=forum):
        raise Http404
    form = forms.ThreadForm(
        request.POST or None,
        request.FILES or None,
        agreement=agreement,
        forum=forum,
        participants=_participants(agreement=agreement, forum=forum),
        can_announce=access.place_can_announce(request.user, agreement=agreement, forum=forum),
        initial={"about": request.GET.get("about", "")},
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.thread_create(
                user=_member(request),
                agreement=agreement,
                forum=forum,
                title=data["title"],
                topic=data["topic"],
                link=form.link(),
                text=data["text"],
                kind=data.get("kind") or Post.Kind.POST,
                question_to=data["question_to"],
                attachment=data["attachment"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The thread was started."))
            return redirect(outcome.result.get_absolute_url())
    return render(
        request,
        "discussions/thread_form.html",
        {"form": form, "agreement": agreement, "forum": forum},
        status=status_for(form, outcome),
    )


@login_required
@require_http_methods(["GET", "POST"])
@upload_size_checked(_too_large)
def agreement_thread_create(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    return _create_page(request, agreement=agreement_get_for_user(request.user, agreement_pk))


@login_required
@require_http_methods(["GET", "POST"])
@upload_size_checked(_too_large)
def forum_thread_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _create_page(request, forum=forum_get_for_user(request.user, slug))


# --- A thread -------------------------------------------------------------------------------


def _post_form(
    request: HttpRequest, thread: Thread, data: Any = None, files: Any = None
) -> forms.PostForm:
    return forms.PostForm(
        data,
        files,
        participants=_participants(agreement=thread.agreement, forum=thread.forum),
        can_announce=access.thread_can_announce(request.user, thread),
        for_agreement=thread.agreement_id is not None,
    )


def _thread_page(
    request: HttpRequest,
    thread: Thread,
    *,
    form: forms.PostForm | None = None,
    page_number: Any = None,
    status: int = 200,
) -> HttpResponse:
    can_write = access.thread_can_write(request.user, thread)
    replying_to = None
    if can_write and form is None:
        form = _post_form(request, thread)
        replying_to = _replying_to(request, thread, form)
    elif form is not None and form.is_bound:
        replying_to = (
            Post.objects.filter(thread=thread, pk=form.data.get("reply_to") or 0).first()
            if str(form.data.get("reply_to") or "").isdigit()
            else None
        )
    page = selectors.thread_posts_page(thread, page_number or request.GET.get("page"))
    user_id = request.user.pk
    live = [post for post in page.object_list if not post.is_deleted]
    editable = {post.pk for post in live if can_write and post.author_id == user_id}
    moderator = bool(getattr(request.user, "is_superuser", False))
    deletable = {post.pk for post in live if moderator or post.pk in editable}
    return render(
        request,
        "discussions/thread_detail.html",
        {
            "thread": thread,
            "place": thread.agreement or thread.forum,
            "page": page,
            "pinned": selectors.pinned_posts(thread),
            "can_write": can_write,
            "editable": editable,
            "deletable": deletable,
            "form": form,
            "replying_to": replying_to,
            "quoting": bool(form is not None and form["quote"].value()),
            "about": selectors.thread_about(thread),
            "following": notifying.is_following(request.user, thread),
        },
        status=status,
    )


def _replying_to(request: HttpRequest, thread: Thread, form: forms.PostForm) -> Post | None:
    """The post a "Reply" or "Quote" link chose (?reply_to=<pk>&quote=1), if it is here."""
    raw = request.GET.get("reply_to", "")
    if not raw.isdigit():
        return None
    post = Post.objects.filter(thread=thread, pk=int(raw), deleted_at__isnull=True).first()
    if post is not None:
        form.initial.update({"reply_to": post.pk, "quote": request.GET.get("quote") == "1"})
    return post


@login_required
@require_GET
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access.thread_get_for_user(request.user, pk)
    return _thread_page(request, thread)


@login_required
@require_POST
def thread_follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow (or, with `stop`, unfollow) a thread the person reads: its new posts reach them."""
    thread = access.thread_get_for_user(request.user, pk)
    following = not request.POST.get("stop")
    notifying.follow_by_choice(_member(request), thread, following=following)
    if following:
        messages.success(request, _("You follow this thread: its new posts reach you."))
    else:
        messages.success(request, _("You no longer follow this thread."))
    return redirect(thread)


@login_required
@require_POST
@upload_size_checked(_too_large)
def post_create(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access.thread_get_for_user(request.user, pk, write=True)
    form = _post_form(request, thread, request.POST, request.FILES)
    outcome = None
    if form.is_valid():
        data = form.cleaned_data
        reply_to = None
        if data["reply_to"]:
            reply_to = Post.objects.filter(thread=thread, pk=data["reply_to"]).first()
            if reply_to is None:
                form.add_error(None, _("That post is not in this thread."))
        if not form.errors:
            outcome = attempt(
                form,
                lambda: services.post_create(
                    thread=thread,
                    user=_member(request),
                    text=data["text"],
                    kind=data.get("kind") or Post.Kind.POST,
                    reply_to=reply_to,
                    quote=data["quote"],
                    question_to=data["question_to"],
                    attachment=data["attachment"],
                ),
            )
            if outcome.ok:
                messages.success(request, _("Your post was added."))
                return redirect(outcome.result.get_absolute_url())
    last_page = max(1, (thread.post_count - 1) // selectors.POSTS_PER_PAGE + 1)
    return _thread_page(
        request, thread, form=form, page_number=last_page, status=status_for(form, outcome)
    )


@login_required
@require_GET
def mention_candidates(request: HttpRequest, pk: int) -> JsonResponse:
    thread = access.thread_get_for_user(request.user, pk, write=True)
    query = request.GET.get("q", "")
    return JsonResponse({"results": selectors.mention_candidates(thread, query)})


# --- A post ---------------------------------------------------------------------------------


@login_required
@require_GET
def post_goto(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.post_get_for_user(request.user, pk)
    url = reverse("discussions:thread-detail", kwargs={"pk": post.thread_id})
    return redirect(f"{url}?page={selectors.page_of_post(post)}#post-{post.number}")


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.post_get_for_user(request.user, pk, edit=True)
    status = 200
    if request.method == "POST":
        form = forms.PostEditForm(request.POST, instance=post)
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.post_edit(
                    post=f.instance,
                    user=_member(request),
                    version=f.opened_version,
                    text=f.cleaned_data["text"],
                ),
                reload=lambda: Post.objects.filter(pk=post.pk, deleted_at__isnull=True).first(),
            )
            if result.ok:
                messages.success(request, _("The post was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(post.get_absolute_url())
            form, status = result.form, result.status
        else:
            status = 400
    else:
        form = forms.PostEditForm(instance=post, initial={"text": post.text})
    return render(
        request, "discussions/post_form.html", {"form": form, "post": post}, status=status
    )


@login_required
@require_POST
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.post_get_for_user(request.user, pk, delete=True)
    services.post_delete(post=post, user=_member(request))
    messages.success(request, _("The post was deleted; a note says so in the thread."))
    return redirect(post.get_absolute_url())


@login_required
@require_GET
def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = access.post_get_for_user(request.user, pk)
    versions = post.versions.select_related("author").order_by("-number")
    return render(
        request,
        "discussions/post_history.html",
        {"post": post, "thread": post.thread, "versions": versions},
    )


@login_required
@require_GET
def post_attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    post = access.post_get_for_user(request.user, pk)
    if post.is_deleted:
        raise Http404
    return stored_attachment(post.attachment, filename=post.attachment_name or "lampiran")


urlpatterns = [
    path("kerja-sama/<int:agreement_pk>/", agreement_threads, name="agreement-threads"),
    path(
        "kerja-sama/<int:agreement_pk>/baru/",
        agreement_thread_create,
        name="agreement-thread-create",
    ),
    path("forum/<slug:slug>/", forum_threads, name="forum-threads"),
    path("forum/<slug:slug>/baru/", forum_thread_create, name="forum-thread-create"),
    path("<int:pk>/", thread_detail, name="thread-detail"),
    path("<int:pk>/balas/", post_create, name="post-create"),
    path("<int:pk>/ikuti/", thread_follow, name="thread-follow"),
    path("<int:pk>/sebut/", mention_candidates, name="mention-candidates"),
    path("pos/<int:pk>/", post_goto, name="post-goto"),
    path("pos/<int:pk>/ubah/", post_edit, name="post-edit"),
    path("pos/<int:pk>/hapus/", post_delete, name="post-delete"),
    path("pos/<int:pk>/riwayat/", post_history, name="post-history"),
    path("pos/<int:pk>/lampiran/", post_attachment, name="post-attachment"),
]

"""Knowledge pages under /pengetahuan/: the list with its filters, an item's page, writing
and editing (merged when two write at once), submit, review, the item's files, and lessons
started from an evaluation finding or a meeting decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.agreements.access import agreement_get_for_user
from simpul.core.downloads import stored_attachment
from simpul.core.formviews import attempt, status_for
from simpul.core.merge import save_merging
from simpul.core.uploads import too_large_page, upload_size_checked

from . import access, selectors, selectors_adoption, services
from .access import ADOPTABLE_KINDS
from .forms import FilterForm, ItemForm, LessonSourceForm, ReviewForm, VersionForm
from .forms_adoption import InterestForm
from .models import KnowledgeItem

PAGE_SIZE = 25


def _detail(item: KnowledgeItem) -> str:
    return reverse("knowledge:item-detail", args=[item.pk])


@login_required
@require_GET
def item_list(request):
    form = FilterForm(request.GET or None)
    items = selectors.items_for_list(request.user, form.filters())
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/item_list.html",
        {
            "form": form,
            "page": page,
            "can_create": access.knowledge_can_create(request.user),
        },
    )


@login_required
@require_GET
def agreement_knowledge(request, agreement_pk: int):
    """The agreement's "Knowledge" tab: the items naming it that the reader may read."""
    agreement = agreement_get_for_user(request.user, agreement_pk)
    items = selectors.items_for_list(request.user, {}).filter(agreements=agreement)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/agreement_knowledge.html",
        {
            "agreement": agreement,
            "page": page,
            "can_create": access.knowledge_can_create(request.user),
        },
    )


@login_required
@require_GET
def item_detail(request, pk: int):
    item = selectors.item_for_page(access.knowledge_item_get_for_user(request.user, pk))
    user = request.user
    adoptable = item.status == KnowledgeItem.Status.PUBLISHED and item.kind in ADOPTABLE_KINDS
    adoptions = list(selectors_adoption.adoptions_of(item)) if adoptable else []
    # An organisation that has marked its interest follows its adoption from the table; the
    # form offers only the organisations that have not.
    taken = {adoption.organization_id for adoption in adoptions}
    organizations = [o for o in access.adoption_organizations(user, item) if o.pk not in taken]
    return render(
        request,
        "knowledge/item_detail.html",
        {
            "item": item,
            "results": selectors.item_results(item),
            "agreements": selectors.linked_agreements(user, item),
            "can_edit": access.knowledge_item_can_edit(user, item),
            "can_review": item.status == KnowledgeItem.Status.IN_REVIEW
            and access.knowledge_item_can_review(user, item),
            "own_work": access.knowledge_item_is_own_work(user, item),
            "can_unpublish": item.status == KnowledgeItem.Status.PUBLISHED
            and access.knowledge_item_can_unpublish(user, item),
            "review_form": ReviewForm(initial={"version": item.version}),
            "adoptable": adoptable,
            "adoptions": adoptions,
            "funnel": selectors_adoption.adoption_funnel(item) if adoptable else None,
            "interest_form": InterestForm(organizations=organizations) if organizations else None,
        },
    )


def _form_kwargs(user) -> dict:
    return {
        "owners": access.knowledge_owner_choices(user),
        "agreements": selectors.agreement_choices(user),
        "indicators": selectors.indicator_choices(user),
    }


def _too_large(request, *args, **kwargs):
    return too_large_page(request, back=reverse("knowledge:item-list"))


@login_required
@upload_size_checked(_too_large)
def item_create(request):
    if not access.knowledge_can_create(request.user):
        raise Http404
    form = ItemForm(request.POST or None, request.FILES or None, **_form_kwargs(request.user))
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.knowledge_item_create(
                user=request.user, owner=data["owner"], kind=data["kind"], **form.service_fields()
            ),
        )
        if outcome.ok:
            messages.success(request, _("The item was saved as a draft."))
            return redirect(_detail(outcome.result))
    return render(
        request,
        "knowledge/item_form.html",
        {"form": form, "item": None},
        status=status_for(form, outcome),
    )


@login_required
@upload_size_checked(_too_large)
def item_edit(request, pk: int):
    item = access.knowledge_item_get_for_user(request.user, pk)
    if not access.knowledge_item_can_edit(request.user, item):
        if item.status in access.EDITABLE_STATES or not access.knowledge_item_is_writer(
            request.user, item
        ):
            raise Http404
        messages.error(request, _("Only a draft or a returned item is changed."))
        return redirect(_detail(item))
    form = ItemForm(
        request.POST or None, request.FILES or None, instance=item, **_form_kwargs(request.user)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.knowledge_item_update(
                    item=f.instance,
                    user=request.user,
                    version=f.base_version,
                    **f.service_fields(),
                ),  # fmt: skip
                reload=lambda: KnowledgeItem.objects.filter(pk=item.pk).first(),
            )
            if result.ok:
                messages.success(request, _("The item was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(_detail(item))
            form, status = result.form, result.status
    return render(request, "knowledge/item_form.html", {"form": form, "item": item}, status=status)


def _errors(outcome) -> str:
    return " ".join(outcome.error.messages if outcome.error else [])


@login_required
@require_POST
def item_submit(request, pk: int):
    item = access.knowledge_item_get_for_user(request.user, pk, write=True)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This form is out of date: reload the page and try again."))
        return redirect(_detail(item))
    outcome = attempt(
        None,
        lambda: services.knowledge_item_submit(
            item=item, user=request.user, version=form.cleaned_data["version"]
        ),
    )
    if outcome.ok:
        messages.success(request, _("The item was sent to its organisation's reviewers."))
    else:
        messages.error(request, _errors(outcome))
    return redirect(_detail(item))


@login_required
@require_POST
def item_review(request, pk: int):
    item = access.knowledge_item_get_for_review(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This form is out of date: reload the page and try again."))
        return redirect(_detail(item))
    data = form.cleaned_data
    version, note = data["version"], data["note"]
    calls = {
        "publish": lambda: services.knowledge_item_publish(
            item=item,
            user=request.user,
            version=version,
            audience=data["audience"] or KnowledgeItem.Audience.MEMBERS,
        ),  # fmt: skip
        "return": lambda: services.knowledge_item_return(
            item=item, user=request.user, version=version, note=note
        ),
        "unpublish": lambda: services.knowledge_item_unpublish(
            item=item, user=request.user, version=version, note=note
        ),
    }
    outcome = attempt(None, calls[data["action"]])
    done = {
        "publish": _("The item was published."),
        "return": _("The item was returned to its writers."),
        "unpublish": _("The item was unpublished."),
    }
    if outcome.ok:
        messages.success(request, done[data["action"]])
    else:
        messages.error(request, _errors(outcome))
    return redirect(_detail(item))


@login_required
@require_GET
def item_file(request, pk: int):
    item = access.knowledge_item_get_for_user(request.user, pk)
    return stored_attachment(
        item.file, filename=item.file_name or "dokumen", content_type=item.file_content_type
    )


@login_required
@require_GET
def item_image(request, pk: int):
    item = access.knowledge_item_get_for_user(request.user, pk)
    return stored_attachment(item.image, filename=f"infografis-{item.pk}")


def _lesson_from(request, source, create, back: str):
    form = LessonSourceForm(
        request.POST or None, owners=access.knowledge_owner_choices(request.user)
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(form, lambda: create(owner=form.cleaned_data["owner"]))
        if outcome.ok:
            messages.success(request, _("A draft lesson learned was started from it."))
            return redirect(reverse("knowledge:item-edit", args=[outcome.result.pk]))
    return render(
        request,
        "knowledge/lesson_from.html",
        {"form": form, "source": source, "back": back},
        status=status_for(form, outcome),
    )


@login_required
def lesson_from_finding(request, finding_pk: int):
    finding = access.finding_get_for_lesson(request.user, finding_pk)
    evaluation = finding.evaluation
    back = reverse(
        "monitoring:evaluation-detail",
        kwargs={"agreement_pk": evaluation.agreement_id, "pk": evaluation.pk},
    )
    return _lesson_from(
        request,
        finding,
        lambda owner: services.lesson_from_finding(user=request.user, owner=owner, finding=finding),
        back,
    )


@login_required
def lesson_from_decision(request, decision_pk: int):
    decision = access.decision_get_for_lesson(request.user, decision_pk)
    back = reverse("meetings:minutes", args=[decision.agenda_item.meeting_id])
    return _lesson_from(
        request,
        decision,
        lambda owner: services.lesson_from_decision(
            user=request.user, owner=owner, decision=decision
        ),
        back,
    )

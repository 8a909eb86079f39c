"""The complaints inbox of the responsible organisations, under /kelola-pengaduan/.

Who: members of the responsible organisation (and of its agencies) read; its admins,
coordinators and editors act; province and national overseers read. Anyone else: 404.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.agreements.access import agreement_get_for_user
from simpul.core.downloads import stored_attachment
from simpul.core.formviews import attempt, status_for

from . import access, services, workdays
from .forms import ActionForm, ReassignForm
from .models import Complaint

PAGE_SIZE = 30
S = Complaint.Status


def deadline_badge(complaint: Complaint, off=None) -> dict | None:
    """{"name", "due", "days"}: working days left (negative = overdue) to the running
    deadline, or None when none runs."""
    name, due = services.current_deadline(complaint)
    if due is None:
        return None
    today = workdays.today_in(services.zone_of(complaint))
    days = workdays.working_days_between(today, due, off)
    return {"name": name, "due": due, "days": days, "late": max(0, -days)}


def badges(complaints) -> list[dict | None]:
    """Deadline badges of a page of complaints with one query for the days off."""
    dues = [services.current_deadline(c)[1] for c in complaints]
    dates = [d for d in dues if d] + [workdays.today_in()]
    off = workdays.days_off(min(dates) - timedelta(days=2), max(dates) + timedelta(days=2))
    return [deadline_badge(c, off) for c in complaints]


@login_required
@require_GET
def inbox(request):
    visible = access.complaints_visible_to(request.user)
    status = request.GET.get("status", "open")
    qs = visible.select_related("category", "responsible__region", "region", "agreement")
    if status == "open":
        qs = qs.filter(status__in=(S.RECEIVED, S.VERIFIED, S.IN_FOLLOW_UP, S.ANSWERED))
    elif status in S.values:
        qs = qs.filter(status=status)
    else:
        status = "all"
    page = Paginator(qs.order_by("verify_due", "-received_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(zip(page, badges(page), strict=True))
    return render(
        request,
        "complaints/inbox.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": [(s.value, s.label) for s in S if s != S.UNCONFIRMED],
        },
    )


def _detail(request, complaint, *, action_form=None, reassign_form=None, status=200):
    can_act = access.complaint_can_act(request.user, complaint)
    choices = services.reassign_choices(complaint) if can_act else []
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "events": complaint.events.select_related("actor").order_by("occurred_at", "pk"),
            "can_act": can_act,
            "actions": services.available_actions(complaint) if can_act else [],
            "action_form": action_form or ActionForm(initial={"version": complaint.version}),
            "reassign_form": reassign_form
            or ReassignForm(initial={"version": complaint.version}, choices=choices),
            "reassign_choices": choices,
            "badge": deadline_badge(complaint),
            "lapor_url": services.LAPOR_URL,
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk: int):
    return _detail(request, access.complaint_get_for_user(request.user, pk))


@login_required
@require_POST
def act(request, pk: int):
    complaint = access.complaint_get_for_user(request.user, pk, act=True)
    form = ActionForm(request.POST)
    outcome = None
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.complaint_act(
                complaint=complaint,
                user=request.user,
                action=data["action"],
                version=data["version"],
                note=data["note"],
                answer=data["answer"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("Saved."))
            return redirect("complaints:detail", pk=complaint.pk)
    complaint.refresh_from_db()
    return _detail(request, complaint, action_form=form, status=status_for(form, outcome))


@login_required
@require_POST
def reassign(request, pk: int):
    complaint = access.complaint_get_for_user(request.user, pk, act=True)
    choices = services.reassign_choices(complaint)
    form = ReassignForm(request.POST, choices=choices)
    outcome = None
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.complaint_reassign(
                complaint=complaint,
                user=request.user,
                organization=data["organization"],
                version=data["version"],
                note=data["note"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("Forwarded."))
            # The forwarding organisation may no longer see it: back to the inbox.
            return redirect("complaints:inbox")
    return _detail(request, complaint, reassign_form=form, status=status_for(form, outcome))


@login_required
@require_GET
def photo(request, pk: int):
    complaint = access.complaint_get_for_user(request.user, pk)
    if not complaint.photo:
        raise Http404
    extension = complaint.photo.name.rsplit(".", 1)[-1].lower()
    content_type = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(extension)
    if content_type is None:
        raise Http404
    # An attachment like every other upload: a photo opened inline would run in our origin.
    return stored_attachment(
        complaint.photo,
        filename=f"{complaint.tracking_code}.{extension}",
        content_type=content_type,
    )


@login_required
@require_GET
def agreement_complaints(request, agreement_pk: int):
    """The agreement tab: its complaints (no personal data), for everyone who reads it."""
    agreement = agreement_get_for_user(request.user, agreement_pk)
    complaints = (
        Complaint.objects.filter(agreement=agreement)
        .exclude(status=S.UNCONFIRMED)
        .select_related("category", "responsible__region", "region")
        .order_by("-received_at", "-pk")
    )
    page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    visible_ids = set(
        access.complaints_visible_to(request.user)
        .filter(pk__in=[c.pk for c in page])
        .values_list("pk", flat=True)
    )
    rows = [(c, badge, c.pk in visible_ids) for c, badge in zip(page, badges(page), strict=True)]
    return render(
        request,
        "complaints/agreement_complaints.html",
        {"agreement": agreement, "page": page, "rows": rows},
    )


urlpatterns = [
    path("", inbox, name="inbox"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/tindakan/", act, name="act"),
    path("<int:pk>/teruskan/", reassign, name="reassign"),
    path("<int:pk>/foto/", photo, name="photo"),
    path("kerja-sama/<int:agreement_pk>/", agreement_complaints, name="agreement-complaints"),
]

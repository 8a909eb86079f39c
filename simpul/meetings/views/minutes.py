"""The minutes of a meeting: the page with sign-off, the editor, decisions, action items,
circulating, corrections and the berita acara PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.core import zones
from simpul.core.downloads import attachment
from simpul.core.formviews import attempt, status_for
from simpul.core.merge import save_merging
from simpul.core.uploads import upload_size_checked
from simpul.monitoring.models import Indicator
from simpul.plans.models import Activity, Plan

from .. import access, minutes_access
from ..forms_minutes import (
    ActionCompleteForm,
    ActionForm,
    DecisionForm,
    SignOffForm,
    minutes_form_class,
)
from ..minutes_pdf import berita_acara_context, render_berita_acara
from ..models import ActionItem, AgendaItem, Decision, MinutesVersion, SignOff
from ..services import minutes as minutes_services
from ..services.attendance import attendance_organizations


def _first_error(outcome) -> str:
    return outcome.error.messages[0] if outcome.error is not None else ""


def _minutes_url(meeting) -> str:
    return reverse("meetings:minutes", kwargs={"pk": meeting.pk})


def minutes_page_context(user, meeting) -> dict:
    """Everything the minutes page shows, in a fixed number of queries."""
    version = minutes_services.current_version(meeting)
    items = list(
        meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("activity", "indicator"),
            ),
            Prefetch(
                "actions",
                queryset=ActionItem.objects.select_related("owner_organization__region", "owner"),
            ),
        )
    )
    parties = minutes_access.parties_of(meeting)
    signoffs: list[SignOff] = []
    history: list[SignOff] = []
    diff: list[dict] = []
    if version is not None:
        history = list(
            version.signoffs.select_related("organization", "signed_by").order_by(
                "round", "signed_at", "pk"
            )
        )
        signoffs = [s for s in history if s.round == version.round]
        previous = minutes_services.previous_final(version) if version.number > 1 else None
        if previous is not None and previous.snapshot is not None:
            current = version.snapshot or minutes_services.minutes_snapshot(meeting, version)
            diff = minutes_services.minutes_diff(previous.snapshot, current)
    answered = {s.organization_id: s for s in signoffs}
    signable = (
        minutes_access.parties_signed_by(user, meeting, parties)
        if version is not None and version.status == MinutesVersion.Status.CIRCULATED
        else []
    )
    can_write = minutes_access.minutes_can_write(user, meeting)
    for item in items:
        item.minutes_text = version.text_for(item) if version else ""
        for action in item.actions.all():
            # Late once the due date has passed where the owner works.
            action.is_overdue = action.status == ActionItem.Status.OPEN and (
                action.due_date < zones.today_in(action.owner_organization)
            )
            action.can_complete = action.status == ActionItem.Status.OPEN and (
                can_write or minutes_access.action_can_complete(user, action, meeting)
            )
    return {
        "meeting": meeting,
        "version": version,
        "items": items,
        "parties": [(party, answered.get(party.pk)) for party in parties],
        "earlier": [s for s in history if version is not None and s.round != version.round],
        "diff": diff,
        "can_write": can_write,
        "signable": [party for party in signable if party.pk not in answered],
        "sign_form": SignOffForm(parties=signable) if signable else None,
    }


@login_required
@require_GET
def minutes_page(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk)
    return render(
        request, "meetings/minutes/page.html", minutes_page_context(request.user, meeting)
    )


@login_required
@require_POST
def minutes_start(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    outcome = attempt(
        None, lambda: minutes_services.minutes_start(meeting=meeting, user=request.user)
    )
    if not outcome.ok:
        messages.error(request, _first_error(outcome))
        return redirect(_minutes_url(meeting))
    return redirect(reverse("meetings:minutes-edit", kwargs={"pk": meeting.pk}))


@login_required
def minutes_edit(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    version = minutes_services.current_version(meeting)
    if version is None or version.status != MinutesVersion.Status.DRAFT:
        messages.error(request, _("Only draft minutes are edited."))
        return redirect(_minutes_url(meeting))
    form_class = minutes_form_class(minutes_services.agenda_of(meeting))
    form = form_class(request.POST or None, instance=version)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: minutes_services.minutes_update(
                    version=f.instance,
                    user=request.user,
                    version_number=f.base_version,
                    summary=f.cleaned_data["summary"],
                    item_texts=f.item_texts(),
                ),
                reload=lambda: (
                    MinutesVersion.objects.select_related("minutes__meeting")
                    .filter(pk=version.pk)
                    .first()
                ),
            )
            if result.ok:
                messages.success(request, _("The minutes were saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(_minutes_url(meeting))
            form, status = result.form, result.status
    return render(
        request,
        "meetings/minutes/edit.html",
        {"meeting": meeting, "version": version, "form": form},
        status=status,
    )


def _version_action(request, pk: int, call, success: str):
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    version = minutes_services.current_version(meeting)
    if version is None:
        raise Http404
    outcome = attempt(None, lambda: call(version=version, user=request.user))
    if outcome.ok:
        messages.success(request, success)
    else:
        messages.error(request, _first_error(outcome))
    return redirect(_minutes_url(meeting))


@login_required
@require_POST
def minutes_circulate(request, pk: int):
    return _version_action(
        request,
        pk,
        minutes_services.minutes_circulate,
        _("The minutes were sent to each party's delegate for sign-off."),
    )


@login_required
@require_POST
def minutes_correct(request, pk: int):
    return _version_action(
        request,
        pk,
        minutes_services.minutes_correct,
        _("A correction was started as a new version; it needs a new round of sign-off."),
    )


@login_required
@require_POST
def minutes_sign(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk)
    version = minutes_services.current_version(meeting)
    if version is None:
        raise Http404
    parties = minutes_access.parties_of(meeting)
    form = SignOffForm(request.POST, parties=parties)
    outcome = None
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: minutes_services.minutes_sign(
                version=version,
                user=request.user,
                organization=form.cleaned_data["organization"],
                answer=form.cleaned_data["answer"],
                comment=form.cleaned_data["comment"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("Your answer was recorded."))
            return redirect(_minutes_url(meeting))
    context = minutes_page_context(request.user, meeting)
    context["sign_form"] = form
    context["sign_refused"] = True
    return render(request, "meetings/minutes/page.html", context, status=status_for(form, outcome))


@login_required
def decision_add(request, pk: int, item_pk: int):
    item = minutes_access.agenda_item_get_for_minutes(request.user, pk, item_pk)
    meeting = item.meeting
    # The meeting's agreement, or for a forum's meeting the agreements its members are party
    # to (the service checks the choice again).
    if meeting.agreement_id is not None:
        agreements = Q(agreement_id=meeting.agreement_id)
    else:
        agreements = Q(agreement__parties__organization__forum_seats__forum_id=meeting.forum_id)
    indicators = Indicator.objects.filter(agreements).distinct()
    activities = Activity.objects.filter(
        plan__in=Plan.objects.filter(agreements).values("pk")
    ).distinct()
    form = DecisionForm(request.POST or None, activities=activities, indicators=indicators)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: minutes_services.decision_add(
                item=item, user=request.user, **form.cleaned_data
            ),
        )
        if outcome.ok:
            messages.success(request, _("The decision was added."))
            return redirect(_minutes_url(meeting))
    return render(
        request,
        "meetings/minutes/decision_form.html",
        {"meeting": meeting, "item": item, "form": form},
        status=status_for(form, outcome) if request.method == "POST" else 200,
    )


@login_required
def action_add(request, pk: int, item_pk: int):
    item = minutes_access.agenda_item_get_for_minutes(request.user, pk, item_pk)
    meeting = item.meeting
    form = ActionForm(request.POST or None, organizations=attendance_organizations(meeting))
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: minutes_services.action_add(item=item, user=request.user, **form.cleaned_data),
        )
        if outcome.ok:
            messages.success(request, _("The action item was added."))
            return redirect(_minutes_url(meeting))
    return render(
        request,
        "meetings/minutes/action_form.html",
        {"meeting": meeting, "item": item, "form": form},
        status=status_for(form, outcome) if request.method == "POST" else 200,
    )


@login_required
@upload_size_checked()
def action_complete(request, pk: int, action_pk: int):
    action = minutes_access.action_get_for_completion(request.user, pk, action_pk)
    meeting = action.agenda_item.meeting
    if action.status != ActionItem.Status.OPEN:
        messages.info(request, _("This action item is already done."))
        return redirect(_minutes_url(meeting))
    form = ActionCompleteForm(
        request.POST or None, request.FILES or None, initial={"version": action.version}
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: minutes_services.action_complete(
                action=action,
                user=request.user,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
                file=form.cleaned_data["file"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The action item is done."))
            return redirect(_minutes_url(meeting))
    return render(
        request,
        "meetings/minutes/action_complete.html",
        {"meeting": meeting, "action": action, "form": form},
        status=status_for(form, outcome) if request.method == "POST" else 200,
    )


@login_required
@require_GET
def minutes_pdf(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk)
    version = minutes_services.current_version(meeting)
    if version is None:
        raise Http404
    content = render_berita_acara(berita_acara_context(meeting, version))
    return attachment(
        content,
        filename=f"berita-acara-{meeting.pk}-v{version.number}.pdf",
        content_type="application/pdf",
    )

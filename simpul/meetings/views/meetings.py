"""Meeting list, month calendar, scheduling, the meeting page, edit, cancel, held, .ics."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.agreements.access import agreement_can_edit, agreement_get_for_user
from simpul.core.formviews import attempt, status_for
from simpul.core.merge import save_merging
from simpul.core.zones import start_of
from simpul.organizations.access import member_organization_ids

from .. import access, ics, selectors, services
from ..forms import CancelForm, MeetingForm
from ..models import Meeting
from ..services.attendance import quorum_of

PAGE_SIZE = 25


def _zone_name() -> str:
    return timezone.get_current_timezone_name()


def _filters(request):
    """The forum or agreement a list or calendar is narrowed to (404 for one not readable)."""
    forum = agreement = None
    if request.GET.get("forum"):
        forum = access.forum_get_for_user(request.user, request.GET["forum"][:80])
    raw = request.GET.get("agreement", "")
    if raw:
        if not raw.isdigit():
            raise Http404
        agreement = agreement_get_for_user(request.user, int(raw))
    return forum, agreement


def _day(text: str) -> date | None:
    """A day from `?tanggal=YYYY-MM-DD`; None for anything else (an impossible date too)."""
    try:
        return parse_date(text)
    except ValueError:
        return None


@login_required
@require_GET
def meeting_list(request):
    forum, agreement = _filters(request)
    show_past = request.GET.get("waktu") == "lalu"
    day = _day(request.GET.get("tanggal", ""))
    starting = None
    if day is not None:
        # One day of the calendar ("N more" there): that day in the reader's zone, read like
        # the calendar's month (that day's meetings and invitations only).
        zone = timezone.get_current_timezone()
        starting = (start_of(day, zone), start_of(day + timedelta(days=1), zone))
    meetings = selectors.meetings_for_list(
        request.user, forum=forum, agreement=agreement, starting=starting
    )
    if day is not None:
        meetings = meetings.order_by("starts_at", "pk")
    elif show_past:
        meetings = meetings.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")
    else:
        meetings = selectors.upcoming(meetings).order_by("starts_at", "pk")
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page": page,
            "forum": forum,
            "agreement": agreement,
            "show_past": show_past,
            "day": day,
        },
    )


@login_required
@require_GET
def meeting_calendar(request):
    forum, agreement = _filters(request)
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("bulan", "").split("-"))
        date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    if not 1900 <= year <= 2200:
        year, month = today.year, today.month
    meetings = selectors.meetings_for_calendar(
        request.user,
        forum=forum,
        agreement=agreement,
        starting=selectors.month_window(year, month),
    )
    return render(
        request,
        "meetings/meeting_calendar.html",
        {
            "month": selectors.month_calendar(meetings, year, month),
            "forum": forum,
            "agreement": agreement,
        },
    )


@login_required
@require_GET
def agreement_meetings(request, agreement_pk: int):
    """The agreement's "Rapat" tab: its meetings, newest first."""
    agreement = agreement_get_for_user(request.user, agreement_pk)
    meetings = selectors.meetings_for_list(request.user, agreement=agreement).order_by(
        "-starts_at", "-pk"
    )
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/agreement_meetings.html",
        {
            "agreement": agreement,
            "page": page,
            "can_schedule": agreement_can_edit(request.user, agreement),
        },
    )


def _owner_for_create(request):
    """The agreement or forum a new meeting is for, which the person must be able to run."""
    raw_agreement, slug = request.GET.get("agreement", ""), request.GET.get("forum", "")
    if raw_agreement.isdigit():
        agreement = agreement_get_for_user(request.user, int(raw_agreement), write=True)
        return agreement, None
    if slug:
        return None, access.forum_get_for_user(request.user, slug[:80], manage=True)
    raise Http404


@login_required
def meeting_create(request):
    agreement, forum = _owner_for_create(request)
    hosts = services.hosts_for(agreement=agreement, forum=forum)
    if not request.user.is_superuser:
        own = member_organization_ids(request.user)
        # The agreement's or forum's editors host as their own organisation.
        hosts = [h for h in hosts if h.pk in own] or hosts
    form = MeetingForm(request.POST or None, hosts=hosts, zone_name=_zone_name())
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {
            name: data[name]
            for name in ("kind", "description", "venue", "region", "latitude", "longitude",
                         "online_url", "quorum", "agenda_cutoff")
        }  # fmt: skip
        common = {
            "user": request.user, "agreement": agreement, "forum": forum, "host": data["host"],
            "title": data["title"], "starts_at": data["starts_at"], "ends_at": data["ends_at"],
        }  # fmt: skip
        rule = form.repeat_rule()
        if rule:
            outcome = attempt(
                form, lambda: services.series_schedule(rule=rule, **common, **details)
            )
            if outcome.ok:
                first = outcome.result.meetings.order_by("starts_at").first()
                messages.success(
                    request,
                    _("%(count)d meetings were scheduled.")
                    % {"count": outcome.result.meetings.count()},
                )
                return redirect(first.get_absolute_url())
        else:
            outcome = attempt(form, lambda: services.meeting_schedule(**common, **details))
            if outcome.ok:
                messages.success(request, _("The meeting was scheduled. Now invite people."))
                return redirect(outcome.result.get_absolute_url())
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "agreement": agreement, "forum": forum, "meeting": None},
        status=status_for(form, outcome),
    )


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk)
    page = selectors.meeting_page(meeting)
    attendance = list(meeting.attendance.select_related("organization"))
    can_manage = access.meeting_can_manage(request.user, meeting)
    answerable = access.invitations_answerable_by(request.user, meeting, page.invitations)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "page": page,
            "attendance": attendance,
            "quorum": quorum_of(meeting, attendance),
            "can_manage": can_manage,
            "answerable": answerable,
            "can_propose": (can_manage or bool(answerable))
            and services.agenda_open_for_proposals(meeting),
            "clashes": services.clashes_for(meeting, page.invitations) if can_manage else [],
            "cancel_form": CancelForm(),
            "started": meeting.starts_at <= timezone.now(),
        },
    )


@login_required
def meeting_edit(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    if meeting.status != Meeting.Status.SCHEDULED:
        messages.error(request, _("Only a scheduled meeting can be changed."))
        return redirect(meeting.get_absolute_url())
    form = MeetingForm(request.POST or None, instance=meeting, zone_name=_zone_name())
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.meeting_update(
                    meeting=f.instance,
                    user=request.user,
                    version=f.base_version,
                    **f.cleaned_fields(),
                ),
                reload=lambda: Meeting.objects.select_related("host").filter(pk=pk).first(),
            )
            if result.ok:
                messages.success(request, _("The meeting was saved; invitees get the change."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(meeting.get_absolute_url())
            form, status = result.form, result.status
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": meeting, "agreement": meeting.agreement, "forum": meeting.forum},
        status=status,
    )


@login_required
@require_POST
def meeting_cancel(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    form = CancelForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: services.meeting_cancel(
                meeting=meeting, user=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if outcome.ok:
            messages.success(request, _("The meeting was cancelled; invitees are told."))
            return redirect(meeting.get_absolute_url())
    for error in form.errors.get("__all__", []) + form.errors.get("reason", []):
        messages.error(request, str(error))
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def meeting_hold(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    outcome = attempt(None, lambda: services.meeting_mark_held(meeting=meeting, user=request.user))
    if outcome.error is None:
        messages.success(request, _("The meeting is recorded as held."))
    else:
        messages.error(request, " ".join(outcome.error.messages))
    return redirect(meeting.get_absolute_url())


@login_required
@require_GET
def meeting_ics(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk)
    response = HttpResponse(ics.download_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rapat-{meeting.pk}.ics"'
    return response

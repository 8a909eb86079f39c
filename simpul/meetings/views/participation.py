"""Invitations, answers, the agenda, attendance, and the external guest's page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.core.formviews import attempt, status_for

from .. import access, selectors, services
from ..forms import AgendaItemForm, AnswerForm, AttendanceFormSet, DecideForm, InviteForm
from ..models import Invitation
from ..services.attendance import AttendanceEntry, attendance_organizations
from ..services.invitations import Guest, LinkState


def _flash_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
def meeting_invite(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    organizations = attendance_organizations(meeting)
    if meeting.agreement_id is None and meeting.forum is not None:
        organizations = [*organizations]
    form = InviteForm(request.POST or None, organizations=organizations)
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        guests = (
            [
                Guest(
                    name=data["guest_name"], email=data["guest_email"],
                    affiliation=data["guest_affiliation"], expertise=data["guest_expertise"],
                )
            ]
            if data.get("guest_email")
            else []
        )  # fmt: skip
        outcome = attempt(
            form,
            lambda: services.invitations_add(
                meeting=meeting,
                user=request.user,
                organizations=data["organizations"],
                guests=guests,
                whole_series=data["whole_series"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The invitations are on their way."))
            for clash in services.clashes_for(meeting):
                messages.warning(request, clash.message)
            return redirect(meeting.get_absolute_url() + "#invitations")
    return render(
        request,
        "meetings/meeting_invite.html",
        {"meeting": meeting, "form": form},
        status=status_for(form, outcome),
    )


@login_required
@require_POST
def invitation_answer(request, pk: int, invitation_pk: int):
    invitation = access.invitation_get_for_answer(request.user, pk, invitation_pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: services.invitation_answer(
                invitation=invitation, user=request.user, **form.cleaned_data
            ),
        )
        if outcome.ok:
            messages.success(request, _("Your answer was saved."))
    _flash_errors(request, form)
    return redirect(invitation.meeting.get_absolute_url() + "#invitations")


@login_required
def agenda_add(request, pk: int):
    """The organiser adds an item; an invitee proposes one (the organiser decides)."""
    meeting = access.meeting_get_for_user(request.user, pk)
    manages = access.meeting_can_manage(request.user, meeting)
    if not manages and not access.agenda_can_propose(request.user, meeting):
        raise Http404
    form = AgendaItemForm(request.POST or None, subjects=selectors.agenda_subjects(meeting))
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["subject"] = selectors.subject_from_key(data.pop("subject", ""))
        add = services.agenda_item_add if manages else services.agenda_item_propose
        outcome = attempt(form, lambda: add(meeting=meeting, user=request.user, **data))
        if outcome.ok:
            messages.success(
                request,
                _("The item is on the agenda.")
                if manages
                else _("Your proposal was sent to the organiser."),
            )
            return redirect(meeting.get_absolute_url() + "#agenda")
    return render(
        request,
        "meetings/agenda_form.html",
        {"meeting": meeting, "form": form, "manages": manages},
        status=status_for(form, outcome),
    )


@login_required
@require_POST
def agenda_decide(request, pk: int, item_pk: int):
    item = access.agenda_item_get_for_user(request.user, pk, item_pk, decide=True)
    form = DecideForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: services.agenda_item_decide(
                item=item,
                user=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The proposal was decided."))
    _flash_errors(request, form)
    return redirect(item.meeting.get_absolute_url() + "#agenda")


@login_required
@require_POST
def agenda_move(request, pk: int, item_pk: int):
    item = access.agenda_item_get_for_user(request.user, pk, item_pk, decide=True)
    outcome = attempt(
        None,
        lambda: services.agenda_item_move(
            item=item, user=request.user, up=request.POST.get("direction") == "up"
        ),
    )
    if outcome.error is not None:
        messages.error(request, " ".join(outcome.error.messages))
    return redirect(item.meeting.get_absolute_url() + "#agenda")


def _attendance_initial(meeting) -> list[dict]:
    rows = list(meeting.attendance.all())
    if rows:
        return [
            {
                "name": row.name, "organization": row.organization_id, "position": row.position,
                "status": row.status, "represented_by": row.represented_by,
                "absence_reason": row.absence_reason, "invitation": row.invitation_id,
            }
            for row in rows
        ]  # fmt: skip
    initial = []
    for invitation in meeting.invitations.select_related("organization", "user"):
        name = invitation.invitee_label
        if invitation.kind == Invitation.Kind.ORGANIZATION:
            name = invitation.delegate_name or ""
        initial.append(
            {
                "name": name,
                "organization": invitation.organization_id,
                "invitation": invitation.pk,
                "status": "absent" if invitation.rsvp == Invitation.Rsvp.DECLINED else "",
            }
        )
    return initial


@login_required
def attendance(request, pk: int):
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    organizations = attendance_organizations(meeting)
    kwargs: dict[str, Any] = {"form_kwargs": {"organizations": organizations}, "prefix": "rows"}
    outcome = None
    if request.method == "POST":
        formset = AttendanceFormSet(request.POST, **kwargs)
        if formset.is_valid():
            invitations = {i.pk: i for i in meeting.invitations.all()}
            entries = [
                AttendanceEntry(
                    name=row["name"],
                    status=row["status"],
                    organization=row["organization"],
                    invitation=invitations.get(row.get("invitation") or 0),
                    position=row["position"],
                    represented_by=row["represented_by"],
                    absence_reason=row["absence_reason"],
                )
                for row in formset.cleaned_data
                if row and (row.get("name") or row.get("status"))
            ]
            outcome = attempt(
                None,
                lambda: services.attendance_save(
                    meeting=meeting, user=request.user, entries=entries
                ),
            )
            if outcome.ok:
                messages.success(request, _("The attendance list was saved."))
                return redirect(meeting.get_absolute_url() + "#attendance")
    else:
        formset = AttendanceFormSet(initial=_attendance_initial(meeting), **kwargs)
    status = outcome.status if outcome is not None and not outcome.ok else 200
    if request.method == "POST" and outcome is None:
        status = 400
    return render(
        request,
        "meetings/attendance_form.html",
        {
            "meeting": meeting,
            "formset": formset,
            "errors": outcome.error.messages if outcome is not None and outcome.error else [],
        },
        status=status,
    )


def guest_invitation(request, token: str):
    """An external guest's page, opened by the signed link in their mail: the meeting's
    time and place and their answer. An expired or altered link gets a page saying so."""
    state, invitation = services.invitation_from_link(token[:500])
    if invitation is None:
        return render(
            request,
            "meetings/guest_link_refused.html",
            {"expired": state == LinkState.EXPIRED},
            status=410 if state == LinkState.EXPIRED else 404,
        )
    form = AnswerForm(request.POST or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = attempt(
            form,
            lambda: services.invitation_answer(
                invitation=invitation, user=None, **form.cleaned_data
            ),
        )
        if outcome.ok:
            messages.success(request, _("Thank you, your answer was saved."))
            return redirect(request.path)
    return render(
        request,
        "meetings/guest_invitation.html",
        {"invitation": invitation, "meeting": invitation.meeting, "form": form},
        status=status_for(form, outcome),
    )

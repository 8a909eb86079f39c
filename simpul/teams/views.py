"""Pages of the cooperation teams: the lists, the team page with its gaps, and the forms (new
team, new decree, details, members, competencies, trainings). Thin: access, then a selector or
a service through `core.formviews.attempt`."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.accounts.models import User
from simpul.agreements.access import agreement_get_for_user, agreements_visible_to
from simpul.core.downloads import stored_attachment
from simpul.core.formviews import attempt, status_for
from simpul.core.merge import save_merging
from simpul.core.uploads import upload_size_checked

from . import access, selectors, services
from .forms import (
    CompetencyForm,
    DecreeForm,
    MemberForm,
    TeamCreateForm,
    TeamEditForm,
    TrainingForm,
)
from .models import Decree, MemberCompetency, Team, Training

PAGE_SIZE = 25


def _person(request: HttpRequest) -> User:
    """The signed-in person (every view that writes is behind login_required)."""
    if not request.user.is_authenticated:
        raise Http404
    return request.user


@login_required
@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.teams_for_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "teams/team_list.html", {"page": page, "organization": None})


@login_required
@require_GET
def organization_teams(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.organization_teams_get_for_user(request.user, organization_pk)
    page = Paginator(selectors.teams_for_list(request.user, organization), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "teams/team_list.html",
        {
            "page": page,
            "organization": organization,
            "can_create": access.team_can_create_for(request.user, organization),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@upload_size_checked()
def team_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.organization_teams_get_for_user(request.user, organization_pk, edit=True)
    agreements = (
        agreements_visible_to(request.user)
        .filter(Q(owner=organization) | Q(parties__organization=organization))
        .distinct()
        .order_by("reference_code")
    )
    form = TeamCreateForm(request.POST or None, request.FILES or None, agreements=agreements)
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.team_create(
                organization=organization,
                user=_person(request),
                kind=data["kind"],
                name=data["name"],
                description=data["description"],
                agreement=data["agreement"],
                sk_number=data["sk_number"],
                sk_date=data["sk_date"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                sk_file=data["sk_file"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The team was recorded with its decree."))
            return redirect(outcome.result.get_absolute_url())
    return render(
        request,
        "teams/team_create.html",
        {
            "form": form,
            "organization": organization,
            "heading": _("Record a team"),
            "form_id": "team-form",
            "multipart": True,
        },
        status=status_for(form, outcome),
    )


@login_required
@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = access.team_get_for_user(request.user, pk)
    page = selectors.team_page(team)
    return render(
        request,
        "teams/team_detail.html",
        {
            "team": team,
            "page": page,
            "can_edit": access.team_can_edit(request.user, team),
            "can_verify": access.team_can_verify(request.user, team),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = access.team_get_for_user(request.user, pk, edit=True)
    status = 200
    if request.method == "POST":
        form = TeamEditForm(request.POST, instance=team)
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.team_update(
                    team=f.instance,
                    user=_person(request),
                    version=f.opened_version,
                    **f.cleaned_fields(),
                ),
                reload=lambda: Team.objects.filter(pk=team.pk).first(),
            )
            if result.ok:
                messages.success(request, _("The team was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(team.get_absolute_url())
            form, status = result.form, result.status
        else:
            status = 400
    else:
        form = TeamEditForm(instance=team)
    return render(
        request,
        "teams/team_edit.html",
        {"form": form, "team": team, "heading": _("Edit the team"), "form_id": "team-edit-form"},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@upload_size_checked()
def decree_create(request: HttpRequest, pk: int) -> HttpResponse:
    team = access.team_get_for_user(request.user, pk, edit=True)
    form = DecreeForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form, lambda: services.decree_record(team=team, user=_person(request), **data)
        )
        if outcome.ok:
            messages.success(request, _("The new decree was recorded; the earlier ones are kept."))
            return redirect(team.get_absolute_url())
    return render(
        request,
        "teams/decree_form.html",
        {
            "form": form,
            "team": team,
            "heading": _("Record a new decree"),
            "form_id": "decree-form",
            "multipart": True,
        },
        status=status_for(form, outcome),
    )


@login_required
@require_GET
def decree_download(request: HttpRequest, pk: int, decree_pk: int) -> HttpResponseBase:
    team = access.team_get_for_user(request.user, pk)
    decree = get_object_or_404(Decree, pk=decree_pk, team=team)
    return stored_attachment(
        decree.file, filename=decree.original_name, content_type="application/pdf"
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    team = access.team_get_for_user(request.user, pk, edit=True)
    form = MemberForm(
        request.POST or None,
        people=selectors.person_choices(team),
        agencies=selectors.agency_choices(team),
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.member_add(
                team=team,
                user=_person(request),
                person=data["person"],
                role=data["role"],
                agency=data["agency"],
                nip=data["nip"],
                criteria=data["criteria"],
                term_start=data["term_start"],
                term_end=data["term_end"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The member was added."))
            return redirect("teams:member-detail", pk=team.pk, member_pk=outcome.result.pk)
    return render(
        request,
        "teams/member_form.html",
        {"form": form, "team": team, "heading": _("Add a member"), "form_id": "member-form"},
        status=status_for(form, outcome),
    )


def _member_page(
    request: HttpRequest,
    team: Team,
    member: Any,
    *,
    competency_form: CompetencyForm | None = None,
    training_form: TrainingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_edit = access.team_can_edit(request.user, team)
    return render(
        request,
        "teams/member_detail.html",
        {
            "team": team,
            "member": member,
            "competencies": member.competencies.select_related(
                "competency", "verified_by"
            ).order_by("competency__position"),
            "trainings": member.trainings.select_related("competency").order_by("-held_on"),
            "can_edit": can_edit,
            "can_verify": access.team_can_verify(request.user, team),
            "competency_form": competency_form or (CompetencyForm() if can_edit else None),
            "training_form": training_form or (TrainingForm() if can_edit else None),
        },
        status=status,
    )


@login_required
@require_GET
def member_detail(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    team = access.team_get_for_user(request.user, pk)
    return _member_page(request, team, access.member_get_for_user(request.user, team, member_pk))


@login_required
@require_POST
def competency_add(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    team = access.team_get_for_user(request.user, pk, edit=True)
    member = access.member_get_for_user(request.user, team, member_pk)
    form = CompetencyForm(request.POST)
    outcome = None
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: services.competency_record(
                member=member,
                user=_person(request),
                competency=form.cleaned_data["competency"],
                level=form.cleaned_data["level"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The competency was recorded."))
            return redirect("teams:member-detail", pk=team.pk, member_pk=member.pk)
    return _member_page(
        request, team, member, competency_form=form, status=status_for(form, outcome)
    )


@login_required
@require_POST
def competency_verify(request: HttpRequest, pk: int, member_pk: int, entry_pk: int) -> HttpResponse:
    team = access.team_get_for_user(request.user, pk, verify=True)
    member = access.member_get_for_user(request.user, team, member_pk)
    entry = get_object_or_404(
        MemberCompetency.objects.select_related("competency", "member__user", "member__team"),
        pk=entry_pk,
        member=member,
    )
    services.competency_verify(entry=entry, user=_person(request))
    messages.success(request, _("The competency was verified."))
    return redirect("teams:member-detail", pk=team.pk, member_pk=member.pk)


@login_required
@require_POST
@upload_size_checked()
def training_add(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    team = access.team_get_for_user(request.user, pk, edit=True)
    member = access.member_get_for_user(request.user, team, member_pk)
    form = TrainingForm(request.POST, request.FILES)
    outcome = None
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.training_add(member=member, user=_person(request), **data),
        )
        if outcome.ok:
            messages.success(request, _("The training was recorded."))
            return redirect("teams:member-detail", pk=team.pk, member_pk=member.pk)
    return _member_page(request, team, member, training_form=form, status=status_for(form, outcome))


@login_required
@require_GET
def certificate_download(request: HttpRequest, pk: int, training_pk: int) -> HttpResponseBase:
    team = access.team_get_for_user(request.user, pk)
    training = get_object_or_404(Training, pk=training_pk, member__team=team)
    if not training.certificate:
        raise Http404
    return stored_attachment(
        training.certificate,
        filename=training.certificate_name,
        content_type=training.certificate_type or "application/octet-stream",
    )


@login_required
@require_GET
def agreement_teams(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    """The agreement's "Working teams" tab."""
    agreement = agreement_get_for_user(request.user, agreement_pk)
    teams = list(selectors.agreement_teams(request.user, agreement.pk))
    return render(request, "teams/agreement_teams.html", {"agreement": agreement, "teams": teams})

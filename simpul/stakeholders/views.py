"""The agreement's Stakeholders tab under /kerja-sama/<pk>/pemangku-kepentingan/: the register
with the power–interest grid and its table, adding and editing stakeholders (merged with a
change saved meanwhile; a duplicate is refused with the existing entry offered), inviting an
outside stakeholder to become a member, and the contributions with verify / reject."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.accounts.models import User
from simpul.agreements.access import agreement_can_edit
from simpul.agreements.models import Agreement
from simpul.core.charts import grid_chart
from simpul.core.downloads import stored_attachment
from simpul.core.formviews import attempt, status_for
from simpul.core.merge import save_merging
from simpul.core.uploads import too_large_page, upload_size_checked
from simpul.organizations.models import Organization

from . import access, forms, selectors, services
from .models import Contribution, Quadrant, Stakeholder


def _member(request: HttpRequest) -> User:
    if not request.user.is_authenticated:
        raise Http404
    return request.user


def _register_url(agreement: Agreement) -> str:
    return reverse("stakeholders:register", kwargs={"agreement_pk": agreement.pk})


def _grid(stakeholders: list[Stakeholder]) -> str:
    points = [
        type("P", (), {"number": p.number, "x": p.interest, "y": p.influence})
        for p in selectors.grid_points(stakeholders)
    ]
    desc = "; ".join(
        _("%(number)s %(name)s: influence %(influence)s, interest %(interest)s")
        % {"number": p.number, "name": p.name, "influence": p.influence, "interest": p.interest}
        for p in selectors.grid_points(stakeholders)
    )
    return grid_chart(
        points,
        title=_("Power–interest grid"),
        desc=desc or _("No stakeholders yet."),
        x_label=_("Interest"),
        y_label=_("Influence"),
        quadrants=[
            str(Quadrant.KEEP_SATISFIED.label),
            str(Quadrant.MANAGE_CLOSELY.label),
            str(Quadrant.MONITOR.label),
            str(Quadrant.KEEP_INFORMED.label),
        ],
    )


@login_required
@require_GET
def register(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    agreement = access.register_get_for_user(request.user, agreement_pk)
    stakeholders = list(selectors.stakeholders_of(agreement))
    return render(
        request,
        "stakeholders/register.html",
        {
            "agreement": agreement,
            "stakeholders": stakeholders,
            "chart": _grid(stakeholders) if stakeholders else "",
            "quadrants": selectors.quadrant_counts(stakeholders),
            "rollup": selectors.rollup_by_stakeholder(agreement),
            "can_edit": agreement_can_edit(request.user, agreement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_create(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    agreement = access.register_get_for_user(request.user, agreement_pk, edit=True)
    # The parties themselves are no stakeholders of their own agreement.
    organizations = Organization.objects.filter(is_active=True).exclude(
        Q(pk__in=agreement.parties.values("organization_id"))
    )
    form = forms.StakeholderForm(request.POST or None, organizations=organizations.order_by("name"))
    outcome = None
    duplicate = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organization = data.pop("organization", None)
        outcome = attempt(
            form,
            lambda: services.stakeholder_create(
                agreement=agreement, user=_member(request), organization=organization, **data
            ),
        )
        if outcome.ok:
            messages.success(request, _("The stakeholder was added."))
            return redirect(_register_url(agreement))
        if isinstance(outcome.error, services.DuplicateStakeholder):
            duplicate = outcome.error.existing
    return render(
        request,
        "stakeholders/stakeholder_form.html",
        {"agreement": agreement, "form": form, "duplicate": duplicate},
        status=status_for(form, outcome),
    )


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_edit(request: HttpRequest, agreement_pk: int, pk: int) -> HttpResponse:
    agreement = access.register_get_for_user(request.user, agreement_pk, edit=True)
    stakeholder = access.stakeholder_get_for_user(request.user, agreement, pk, edit=True)
    status = 200
    duplicate = None
    if request.method == "POST":
        form = forms.StakeholderForm(request.POST, instance=stakeholder)
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.stakeholder_update(
                    stakeholder=f.instance,
                    user=_member(request),
                    version=f.opened_version,
                    **f.cleaned_fields(),
                ),
                reload=lambda: Stakeholder.objects.filter(pk=stakeholder.pk).first(),
            )
            if result.ok:
                messages.success(request, _("The stakeholder was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(_register_url(agreement))
            form, status = result.form, result.status
            error = result.outcome.error
            if isinstance(error, services.DuplicateStakeholder):
                duplicate = error.existing
        else:
            status = 400
    else:
        form = forms.StakeholderForm(instance=stakeholder)
    return render(
        request,
        "stakeholders/stakeholder_form.html",
        {
            "agreement": agreement,
            "form": form,
            "stakeholder": stakeholder,
            "duplicate": duplicate,
            "invite_form": forms.InviteForm(initial={"email": stakeholder.contact_email}),
        },
        status=status,
    )


@login_required
@require_POST
def stakeholder_invite(request: HttpRequest, agreement_pk: int, pk: int) -> HttpResponse:
    agreement = access.register_get_for_user(request.user, agreement_pk, edit=True)
    stakeholder = access.stakeholder_get_for_user(request.user, agreement, pk, edit=True)
    form = forms.InviteForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: services.stakeholder_invite(
                stakeholder=stakeholder, user=_member(request), email=form.cleaned_data["email"]
            ),
        )
        if outcome.ok:
            messages.success(
                request,
                _("%(email)s was invited to join Simpul for %(name)s.")
                % {"email": outcome.result.email, "name": stakeholder.name},
            )
            return redirect(_register_url(agreement))
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
    return redirect(
        reverse("stakeholders:stakeholder-edit", kwargs={"agreement_pk": agreement.pk, "pk": pk})
    )


def _contributions_page(
    request: HttpRequest,
    agreement: Agreement,
    *,
    decide_form: forms.DecideForm | None = None,
    status: int = 200,
) -> HttpResponse:
    contributions = list(selectors.contributions_of(agreement))
    verifier = access.verifies_for(request.user, agreement)
    user_pk = request.user.pk
    return render(
        request,
        "stakeholders/contribution_list.html",
        {
            "agreement": agreement,
            "contributions": contributions,
            # The recorder never verifies their own: the buttons are not offered to them.
            "decidable": {c.pk for c in contributions if verifier and c.recorded_by_id != user_pk},
            "can_edit": agreement_can_edit(request.user, agreement),
            "decide_form": decide_form,
        },
        status=status,
    )


@login_required
@require_GET
def contribution_list(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    agreement = access.register_get_for_user(request.user, agreement_pk)
    return _contributions_page(request, agreement)


def _too_large(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    back = reverse(
        "stakeholders:contribution-list", kwargs={"agreement_pk": kwargs["agreement_pk"]}
    )
    return too_large_page(request, back=back)


@login_required
@upload_size_checked(_too_large)
@require_http_methods(["GET", "POST"])
def contribution_create(request: HttpRequest, agreement_pk: int) -> HttpResponse:
    agreement = access.register_get_for_user(request.user, agreement_pk, edit=True)
    stakeholders = Stakeholder.objects.filter(agreement=agreement).order_by("name")
    form = forms.ContributionForm(
        request.POST or None,
        request.FILES or None,
        stakeholders=stakeholders,
        initial={"stakeholder": request.GET.get("stakeholder")},
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        outcome = attempt(
            form,
            lambda: services.contribution_record(user=_member(request), **data),
        )
        if outcome.ok:
            messages.success(
                request, _("The contribution was recorded; another coordinator verifies it.")
            )
            return redirect(
                reverse("stakeholders:contribution-list", kwargs={"agreement_pk": agreement.pk})
            )
    return render(
        request,
        "stakeholders/contribution_form.html",
        {"agreement": agreement, "form": form, "no_stakeholders": not stakeholders.exists()},
        status=status_for(form, outcome),
    )


@login_required
@require_POST
def contribution_decide(request: HttpRequest, agreement_pk: int, pk: int) -> HttpResponse:
    agreement = access.register_get_for_user(request.user, agreement_pk)
    contribution = access.contribution_get_for_user(request.user, agreement, pk, decide=True)
    form = forms.DecideForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.contribution_decide(
                contribution=contribution,
                user=_member(request),
                version=data["version"],
                action=data["action"],
                note=data["note"],
            ),
        )
        if outcome.ok:
            messages.success(
                request,
                _("The contribution is now %(status)s.")
                % {"status": contribution.get_status_display().lower()},
            )
            return redirect(
                reverse("stakeholders:contribution-list", kwargs={"agreement_pk": agreement.pk})
            )
        status = outcome.status
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
    return _contributions_page(request, agreement, decide_form=form, status=status)


@login_required
@require_GET
def contribution_evidence(request: HttpRequest, agreement_pk: int, pk: int) -> HttpResponseBase:
    agreement = access.register_get_for_user(request.user, agreement_pk)
    contribution: Contribution = access.contribution_get_for_user(request.user, agreement, pk)
    if not contribution.evidence:
        raise Http404
    return stored_attachment(contribution.evidence, filename=contribution.evidence_name or "bukti")


urlpatterns = [
    path("", register, name="register"),
    path("baru/", stakeholder_create, name="stakeholder-create"),
    path("<int:pk>/ubah/", stakeholder_edit, name="stakeholder-edit"),
    path("<int:pk>/undang/", stakeholder_invite, name="stakeholder-invite"),
    path("kontribusi/", contribution_list, name="contribution-list"),
    path("kontribusi/baru/", contribution_create, name="contribution-create"),
    path("kontribusi/<int:pk>/keputusan/", contribution_decide, name="contribution-decide"),
    path("kontribusi/<int:pk>/bukti/", contribution_evidence, name="contribution-evidence"),
]

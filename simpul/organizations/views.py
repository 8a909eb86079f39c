"""Organisation directory, profiles, members and invitations. Thin: rules live in
services.py, reads in selectors.py, and every access decision in access.py."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from simpul.accounts.models import User

from . import access, selectors, services
from .forms import DirectoryFilterForm, InvitationForm, NewAccountForm, RoleForm
from .links import organization_links
from .models import Membership

PAGE_SIZE = 25


@login_required
def organization_list(request):
    provinces = list(selectors.province_choices())
    form = DirectoryFilterForm(request.GET or None, provinces=provinces)
    organizations = selectors.organization_directory(request.user, **form.filters())
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organizations/organization_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _history_url(organization) -> str:
    return reverse(
        "audit:object-history",
        kwargs={"label": "organizations.organization", "pk": organization.pk},
    )


@login_required
def organization_detail(request, pk: int):
    organization = access.organization_get_for_user(request.user, pk)
    can_view_internal = access.organization_can_view_internal(request.user, organization)
    my_role = access.role_in(request.user, organization)
    context = {
        "organization": organization,
        "units": selectors.organization_units(request.user, organization),
        "member_regions": selectors.organization_member_regions(organization),
        "can_view_internal": can_view_internal,
        "can_manage": access.organization_can_manage(request.user, organization),
        "my_role": Membership.Role(my_role).label if my_role else None,
    }
    if can_view_internal:
        context.update(
            members=selectors.members_with_users(request.user, organization),
            invitations=list(access.invitations_visible_to(request.user, organization)),
            history_url=_history_url(organization),
            links=organization_links(organization.pk),
        )
    return render(request, "organizations/organization_detail.html", context)


def _members_page(request, organization, *, invite_form=None, status=200):
    can_manage = access.organization_can_manage(request.user, organization)
    return render(
        request,
        "organizations/organization_members.html",
        {
            "organization": organization,
            "members": selectors.members_with_users(request.user, organization),
            "invitations": list(access.invitations_visible_to(request.user, organization)),
            "can_manage": can_manage,
            "invite_form": (invite_form or InvitationForm()) if can_manage else None,
            "roles": Membership.Role.choices,
            "history_url": _history_url(organization),
        },
        status=status,
    )


@login_required
def organization_members(request, pk: int):
    organization = access.organization_get_for_user(request.user, pk, internal=True)
    return _members_page(request, organization)


def _back_to_members(organization):
    return redirect("organizations:organization-members", pk=organization.pk)


@login_required
@require_POST
def membership_role(request, pk: int, membership_pk: int):
    organization = access.organization_get_for_user(request.user, pk, manage=True)
    membership = access.membership_get_for_manager(request.user, organization, membership_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return _back_to_members(organization)
    try:
        membership = services.membership_change_role(
            membership=membership, role=form.cleaned_data["role"]
        )
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": membership.user, "role": membership.get_role_display().lower()},
        )
    return _back_to_members(organization)


@login_required
@require_POST
def membership_remove(request, pk: int, membership_pk: int):
    organization = access.organization_get_for_user(request.user, pk, manage=True)
    membership = access.membership_get_for_manager(request.user, organization, membership_pk)
    name = str(membership.user)
    try:
        services.membership_remove(membership=membership)
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s has been removed from %(organization)s.")
            % {"name": name, "organization": organization.name},
        )
        if membership.user_id == request.user.pk and not request.user.is_superuser:
            return redirect("dashboard:home")  # they left; its member list is closed to them
    return _back_to_members(organization)


@login_required
@require_POST
def invitation_create(request, pk: int):
    organization = access.organization_get_for_user(request.user, pk, manage=True)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except services.MembershipError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return _back_to_members(organization)
    return _members_page(request, organization, invite_form=form)


@login_required
@require_POST
def invitation_revoke(request, pk: int, invitation_pk: int):
    organization = access.organization_get_for_user(request.user, pk, manage=True)
    invitation = access.invitation_get_for_manager(request.user, organization, invitation_pk)
    try:
        services.invitation_revoke(invitation=invitation)
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
        )
    return _back_to_members(organization)


@login_required
@require_POST
def invitation_resend(request, pk: int, invitation_pk: int):
    organization = access.organization_get_for_user(request.user, pk, manage=True)
    invitation = access.invitation_get_for_manager(request.user, organization, invitation_pk)
    try:
        services.invitation_resend(invitation=invitation)
    except services.MembershipError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been sent again with a new link.")
            % {"email": invitation.email},
        )
    return _back_to_members(organization)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Accept an invitation from its e-mailed link.

    Statuses: 404 for a tampered or unknown link; 410 for an expired, withdrawn or already
    accepted invitation; 403 when signed in as someone else than the addressee.
    """
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationUnusable as error:
        return render(
            request,
            "organizations/invitation_unusable.html",
            {"message": error.message, "reason": error.reason},
            status=error.status,
        )
    user = request.user
    context = {"invitation": invitation, "organization": invitation.organization}
    if not access.invitation_can_accept(user, invitation):
        return render(request, "organizations/invitation_wrong_account.html", context, status=403)

    if user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except services.MembershipError as error:
                messages.error(request, error.message)
            else:
                return _welcome(request, invitation)
        return render(request, "organizations/invitation_accept.html", context)

    if User.objects.filter(email__iexact=invitation.email).exists():
        # An existing account proves itself by signing in, then confirms.
        context["login_url"] = f"{reverse('accounts:login')}?{urlencode({'next': request.path})}"
        return render(request, "organizations/invitation_accept.html", context)

    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except services.MembershipError as error:
            form.add_error(None, error.message)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            return _welcome(request, invitation)
    context["form"] = form
    return render(request, "organizations/invitation_accept.html", context)


def _welcome(request, invitation):
    messages.success(
        request,
        _("Welcome to %(organization)s.") % {"organization": invitation.organization.name},
    )
    return redirect(invitation.organization.get_absolute_url())

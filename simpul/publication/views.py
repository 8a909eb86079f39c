"""The Publication tab of an agreement: what of it the public sees, why, and who decided.

Who: everyone who may read the agreement sees the tab; its editors publish, unpublish and
return to the default (with a reason, always); a party's admin or coordinator consents to
publishing a binding text for that party. Anything else answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.agreements.access import agreement_can_edit
from simpul.agreements.selectors import annotate_stages

from . import access, services
from .forms import ConsentForm, DecisionForm
from .selectors import publication_events, publication_overview


def _page(request, agreement, *, failed=None, status: int = 200):
    annotate_stages([agreement])
    overview = publication_overview(agreement)
    if failed is not None:
        failed["in_form"] = _has_form(overview, failed)
    consent_party_ids = {p.pk for p in access.parties_user_consents_for(request.user, agreement)}
    return render(
        request,
        "publication/overview.html",
        {
            "agreement": agreement,
            "overview": overview,
            "events": publication_events(agreement),
            "can_edit": agreement_can_edit(request.user, agreement),
            "consent_party_ids": consent_party_ids,
            "failed": failed,
        },
        status=status,
    )


def _has_form(overview, failed: dict) -> bool:
    """Whether the page draws the form the failed POST came from (to show its errors there)."""
    kind, _sep, target = failed["key"].rpartition("-")
    row = overview.row(kind, int(target)) if target.isdigit() else None
    if row is None:
        return False
    return {
        "publish": not row.decided_public,
        "unpublish": row.decided_public,
        "reset": row.decision is not None,
    }.get(failed["action"], False)


@login_required
@require_GET
def overview(request, agreement_pk: int):
    agreement = access.publication_get_for_user(request.user, agreement_pk)
    return _page(request, agreement)


@login_required
@require_POST
def decide(request, agreement_pk: int):
    agreement = access.publication_get_for_user(request.user, agreement_pk, write=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        action = {
            "publish": services.publish,
            "unpublish": services.unpublish,
            "reset": services.reset_to_default,
        }[data["action"]]
        try:
            action(
                agreement,
                data["kind"],
                target_id=data["target_id"],
                reason=data["reason"],
                user=request.user,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision was saved and the public pages updated."))
            key = f"{data['kind']}-{data['target_id']}"
            return redirect(reverse("publication:overview", args=[agreement.pk]) + f"#row-{key}")
    errors = [str(e) for e in form.errors.get("reason", [])] + [
        str(e) for e in form.non_field_errors()
    ]
    if not errors:
        errors = [_("This decision could not be made; reload the page and try again.")]
    failed = {
        "key": f"{request.POST.get('kind', '')}-{request.POST.get('target_id', '0')}",
        "action": request.POST.get("action", ""),
        "reason": request.POST.get("reason", ""),
        "errors": errors,
    }
    return _page(request, agreement, failed=failed, status=400)


@login_required
@require_POST
def consent(request, agreement_pk: int, document_pk: int, party_pk: int):
    document, party = access.consent_target_for_user(
        request.user, agreement_pk, document_pk, party_pk
    )
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to give or withdraw the consent."))
    else:
        try:
            if form.cleaned_data["action"] == "give":
                services.consent(document, party, request.user)
                messages.success(
                    request, _("%(party)s consents to publishing the text.") % {"party": party}
                )
            else:
                services.withdraw_consent(document, party, request.user)
                messages.success(
                    request,
                    _("%(party)s withdraws its consent to publishing the text.") % {"party": party},
                )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    url = reverse("publication:overview", args=[document.agreement_id])
    return redirect(f"{url}#row-document-{document.pk}")


urlpatterns = [
    path("", overview, name="overview"),
    path("putuskan/", decide, name="decide"),
    path("persetujuan/<int:document_pk>/<int:party_pk>/", consent, name="consent"),
]

"""The agreement page and its changes: editing, DPRD data per party, signatures,
obligations and stage transitions.

Every read goes through access.agreement_get_for_user; every write through it with
write=True (404 otherwise), then through the services, which check the rules.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.core.errors import Conflict
from simpul.core.formviews import add_errors
from simpul.core.merge import save_merging

from .. import access, selectors, workflow
from ..forms import (
    AgreementForm,
    CouncilForm,
    ObligationForm,
    ObligationStatusForm,
    SignatureForm,
    TransitionForm,
)
from ..models import Agreement, DocumentVersion, Obligation, Signature
from ..services import agreements as services
from ..services.agreements import AgreementInvalid
from ..timeline import merged_timeline


def _url_or_none(name: str, **kwargs) -> str | None:
    """A URL of another area (documents, disputes), or None while it does not exist."""
    try:
        return reverse(f"agreements:{name}", kwargs=kwargs)
    except NoReverseMatch:
        return None


def _latest_versions(documents) -> list[DocumentVersion]:
    latest = []
    for document in documents:
        version = document.latest_version
        if version is not None:
            version.document = document
            latest.append(version)
    return latest


def _transition_forms(request, agreement, checks, versions):
    kinds_by_version = {v.pk: v.document.kind for v in versions}
    rows = []
    for check in checks:
        required = set(check.transition.required_documents)
        form = TransitionForm(
            initial={
                "expected_version": agreement.version,
                "document_versions": [
                    str(pk) for pk, kind in kinds_by_version.items() if kind in required
                ],
            },
            versions=versions,
            prefix=f"t-{check.code}",
        )
        rows.append((check, form))
    return rows


@login_required
@require_GET
def agreement_detail(request, pk: int):
    agreement = access.agreement_get_for_user(request.user, pk)
    can_edit = access.agreement_can_edit(request.user, agreement)
    page = selectors.agreement_page(agreement)
    checks = workflow.available_transitions(request.user, agreement)
    versions = _latest_versions(page["documents"])
    context = {
        "agreement": agreement,
        "can_edit": can_edit,
        "checks": _transition_forms(request, agreement, checks, versions) if can_edit else None,
        "readonly_checks": checks,
        "primary_step": workflow.primary_step(checks),
        "instruments": Signature.Instrument.choices,
        "documents_url": _url_or_none("document-list", pk=agreement.pk),
        "disputes_url": _url_or_none("dispute-list", pk=agreement.pk),
        **page,
        "timeline": merged_timeline(agreement, page["events"]),
    }
    return render(request, "agreements/agreement_detail.html", context)


@login_required
@require_POST
def agreement_transition_apply(request, pk: int, code: str):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    documents = list(
        agreement.documents.prefetch_related("versions").filter(versions__isnull=False).distinct()
    )
    versions = _latest_versions(documents)
    form = TransitionForm(request.POST, versions=versions, prefix=f"t-{code}")
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; nothing was changed."))
        return redirect(agreement)
    chosen = {int(v) for v in form.cleaned_data["document_versions"]}
    transition = next(
        (
            c.transition
            for c in workflow.available_transitions(request.user, agreement)
            if c.code == code
        ),
        None,
    )
    if not chosen and transition is not None:
        # Nothing ticked: attach the newest version of each document kind the step requires.
        required = set(transition.required_documents)
        chosen = {v.pk for v in versions if v.document.kind in required}
    try:
        workflow.agreement_transition(
            agreement=agreement,
            transition_code=code,
            user=request.user,
            note=form.cleaned_data["note"],
            document_versions=[v for v in versions if v.pk in chosen],
            accept_warnings=form.cleaned_data["accept_warnings"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except Conflict as error:
        for message in error.messages:
            messages.error(request, message)
    except workflow.WarningsNotAccepted as error:
        messages.warning(
            request, _("Read the warnings and tick “I accept the warnings” to continue.")
        )
        for message in error.messages:
            messages.warning(request, message)
    except workflow.TransitionBlocked as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The step was recorded."))
    return redirect(f"{agreement.get_absolute_url()}#timeline")


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    parents = access.agreements_visible_to(request.user).exclude(pk=agreement.pk).order_by("title")
    status = 200
    if request.method == "POST":
        form = AgreementForm(request.POST, parents=parents, instance=agreement)
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.agreement_update(
                    agreement=f.instance,
                    user=request.user,
                    expected_version=f.opened_version,
                    **{**f.cleaned_fields(), "affairs": list(f.cleaned_data["affairs"])},
                ),
                reload=lambda: Agreement.objects.filter(pk=agreement.pk).first(),
            )
            form = result.form
            if result.ok:
                messages.success(request, _("The agreement was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(agreement)
            status = result.status
        else:
            status = 400
    else:
        form = AgreementForm(
            initial=AgreementForm.initial_for(agreement), parents=parents, instance=agreement
        )
    chosen = {str(getattr(v, "pk", v)) for v in (form["affairs"].value() or [])}
    return render(
        request,
        "agreements/agreement_form.html",
        {
            "agreement": agreement,
            "form": form,
            "heading": _("Edit the agreement"),
            "affair_groups": selectors.affairs_grouped(),
            "chosen_affairs": chosen,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_council(request, pk: int, party_pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    party = get_object_or_404(agreement.parties.select_related("organization"), pk=party_pk)
    status = 200
    if request.method == "POST":
        form = CouncilForm(request.POST, instance=party)
        if form.is_valid():
            try:
                services.party_set_council(party=party, **form.cleaned_data)
            except AgreementInvalid as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The DPRD information was saved."))
                return redirect(f"{agreement.get_absolute_url()}#parties")
        status = 400
    else:
        form = CouncilForm(instance=party)
    return render(
        request,
        "agreements/party_council.html",
        {"agreement": agreement, "party": party, "form": form, "heading": _("DPRD information")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def signature_record(request, pk: int, party_pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    party = get_object_or_404(agreement.parties.select_related("organization"), pk=party_pk)
    status = 200
    if request.method == "POST":
        form = SignatureForm(request.POST, agreement=agreement)
        if form.is_valid():
            try:
                services.signature_record(party=party, **form.cleaned_data)
            except AgreementInvalid as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The signature was recorded."))
                return redirect(f"{agreement.get_absolute_url()}#parties")
        status = 400
    else:
        instrument = request.GET.get("instrument", Signature.Instrument.KB)
        if instrument not in Signature.Instrument.values:
            instrument = Signature.Instrument.KB
        existing = party.signatures.filter(instrument=instrument).first()
        initial = {"instrument": instrument}
        if existing is None and party.is_region:
            initial["is_head_of_region"] = True
        form = SignatureForm(instance=existing, initial=initial, agreement=agreement)
    return render(
        request,
        "agreements/signature_form.html",
        {"agreement": agreement, "party": party, "form": form, "heading": _("Record a signature")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def obligation_create(request, pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    status = 200
    if request.method == "POST":
        form = ObligationForm(request.POST, agreement=agreement)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.obligation_create(
                    party=data.pop("party"),
                    kind=data.pop("kind"),
                    description=data.pop("description"),
                    **data,
                )
            except AgreementInvalid as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The obligation was added."))
                return redirect(f"{agreement.get_absolute_url()}#obligations")
        status = 400
    else:
        form = ObligationForm(agreement=agreement, initial={"party": request.GET.get("party")})
    return render(
        request,
        "agreements/obligation_form.html",
        {"agreement": agreement, "form": form, "heading": _("Add an obligation")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def obligation_status(request, pk: int, obligation_pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    obligation = get_object_or_404(
        Obligation.objects.select_related("party__organization"),
        pk=obligation_pk,
        party__agreement=agreement,
    )
    status = 200
    if request.method == "POST":
        form = ObligationStatusForm(request.POST)
        if form.is_valid():
            try:
                services.obligation_set_status(obligation=obligation, **form.cleaned_data)
            except AgreementInvalid as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The obligation's status was saved."))
                return redirect(f"{agreement.get_absolute_url()}#obligations")
        status = 400
    else:
        form = ObligationStatusForm(
            initial={"status": obligation.status, "fulfilled_on": obligation.fulfilled_on}
        )
    return render(
        request,
        "agreements/obligation_status.html",
        {
            "agreement": agreement,
            "obligation": obligation,
            "form": form,
            "heading": _("Obligation status"),
        },
        status=status,
    )


urlpatterns = [
    path("<int:pk>/", agreement_detail, name="agreement-detail"),
    path("<int:pk>/ubah/", agreement_edit, name="agreement-edit"),
    path(
        "<int:pk>/langkah/<slug:code>/",
        agreement_transition_apply,
        name="agreement-transition",
    ),
    path("<int:pk>/pihak/<int:party_pk>/dprd/", party_council, name="party-council"),
    path(
        "<int:pk>/pihak/<int:party_pk>/tanda-tangan/",
        signature_record,
        name="signature-record",
    ),
    path("<int:pk>/kewajiban/baru/", obligation_create, name="obligation-create"),
    path(
        "<int:pk>/kewajiban/<int:obligation_pk>/status/",
        obligation_status,
        name="obligation-status",
    ),
]

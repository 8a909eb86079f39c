"""Disputes of an agreement: the list, opening one, its page, escalation and decisions.

Readers of the agreement (its parties' members, their agencies, overseers) read; members
with edit rights in a party organisation act. Every decision goes through
access.agreement_get_for_user; the writes are in services/disputes.py.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.core.formviews import attempt, status_for
from simpul.core.uploads import ALLOWED_EXTENSIONS, upload_size_checked

from .. import access
from ..models import Dispute, DisputeDecision, DisputeLevel, Party
from ..services.disputes import dispute_decide, dispute_escalate, dispute_open, next_level
from ..services.documents import agreement_is_closed
from .documents import DATE, agreement_url_of, too_large_response


class DisputeForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=300)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    parties = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Parties involved"),
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one party involved.")},
    )
    level = forms.ModelChoiceField(
        label=gettext_lazy("Starting level"),
        queryset=DisputeLevel.objects.all(),
        empty_label=None,
    )
    suspends_agreement = forms.BooleanField(
        label=gettext_lazy("The dispute suspends the agreement"),
        required=False,
        help_text=gettext_lazy(
            "An agreement in force moves to “In dispute” until the dispute is resolved."
        ),
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = agreement.parties.select_related("organization")
        self.fields["parties"].label_from_instance = lambda party: party.organization.name


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why it is escalated"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Decision"), widget=forms.Textarea(attrs={"rows": 4})
    )
    decided_on = forms.DateField(label=gettext_lazy("Decided on"), widget=DATE)
    file = forms.FileField(
        label=gettext_lazy("Decision document"),
        required=False,
        help_text=gettext_lazy("PDF, DOCX, XLSX, ODT, PNG or JPEG."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)}
        ),
    )
    resolves = forms.BooleanField(label=gettext_lazy("This resolves the dispute"), required=False)


def _dispute_of(agreement, dispute_pk: int) -> Dispute:
    return get_object_or_404(
        Dispute.objects.select_related("level", "opened_by").prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization"))
        ),
        pk=dispute_pk,
        agreement=agreement,
    )


@login_required
@require_GET
def dispute_list(request, pk: int):
    agreement = access.agreement_get_for_user(request.user, pk)
    disputes = (
        Dispute.objects.filter(agreement=agreement)
        .select_related("level")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization"))
        )
    )
    can_act = access.agreement_can_edit(request.user, agreement) and not agreement_is_closed(
        agreement
    )
    return render(
        request,
        "agreements/dispute_list.html",
        {
            "agreement": agreement,
            "agreement_url": agreement_url_of(agreement),
            "disputes": disputes,
            "can_act": can_act,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dispute_create(request, pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    form = DisputeForm(request.POST or None, agreement=agreement)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                form,
                lambda: dispute_open(
                    agreement=agreement,
                    user=request.user,
                    subject=data["subject"],
                    description=data["description"],
                    parties=data["parties"],
                    level=data["level"],
                    suspends_agreement=data["suspends_agreement"],
                ),
            )
            if outcome.ok:
                messages.success(request, _("The dispute was recorded."))
                return redirect(
                    "agreements:dispute-detail", pk=agreement.pk, dispute_pk=outcome.result.pk
                )
            status = outcome.status
    return render(
        request,
        "agreements/dispute_form.html",
        {"agreement": agreement, "agreement_url": agreement_url_of(agreement), "form": form},
        status=status,
    )


def _detail_page(request, agreement, dispute, *, escalate_form=None, decide_form=None, status=200):
    can_act = (
        access.agreement_can_edit(request.user, agreement)
        and dispute.status == Dispute.Status.OPEN
        and not agreement_is_closed(agreement)
    )
    decisions = DisputeDecision.objects.filter(dispute=dispute).select_related("level", "document")
    return render(
        request,
        "agreements/dispute_detail.html",
        {
            "agreement": agreement,
            "agreement_url": agreement_url_of(agreement),
            "dispute": dispute,
            "decisions": decisions,
            "can_act": can_act,
            "next_level": next_level(dispute.level) if can_act else None,
            "escalate_form": escalate_form or EscalateForm(),
            "decide_form": decide_form
            or DecisionForm(initial={"decided_on": timezone.localdate()}),
        },
        status=status,
    )


@login_required
@require_GET
def dispute_detail(request, pk: int, dispute_pk: int):
    agreement = access.agreement_get_for_user(request.user, pk)
    return _detail_page(request, agreement, _dispute_of(agreement, dispute_pk))


@login_required
@require_POST
def dispute_escalate_view(request, pk: int, dispute_pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    dispute = _dispute_of(agreement, dispute_pk)
    form = EscalateForm(request.POST)
    outcome = None
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: dispute_escalate(
                dispute=dispute, user=request.user, note=form.cleaned_data["note"]
            ),
        )
        if outcome.ok:
            messages.success(request, _("The dispute was escalated."))
            return redirect("agreements:dispute-detail", pk=agreement.pk, dispute_pk=dispute.pk)
    status = status_for(form, outcome)
    return _detail_page(request, agreement, dispute, escalate_form=form, status=status)


@login_required
@require_POST
@upload_size_checked(too_large_response)
def dispute_decide_view(request, pk: int, dispute_pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    dispute = _dispute_of(agreement, dispute_pk)
    form = DecisionForm(request.POST, request.FILES)
    outcome = None
    if form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: dispute_decide(
                dispute=dispute,
                user=request.user,
                summary=data["summary"],
                decided_on=data["decided_on"],
                resolves=data["resolves"],
                uploaded_file=data["file"],
            ),
        )
        if outcome.ok:
            messages.success(request, _("The decision was recorded."))
            return redirect("agreements:dispute-detail", pk=agreement.pk, dispute_pk=dispute.pk)
    status = status_for(form, outcome)
    return _detail_page(request, agreement, dispute, decide_form=form, status=status)


urlpatterns = [
    path("<int:pk>/sengketa/", dispute_list, name="dispute-list"),
    path("<int:pk>/sengketa/baru/", dispute_create, name="dispute-create"),
    path("<int:pk>/sengketa/<int:dispute_pk>/", dispute_detail, name="dispute-detail"),
    path(
        "<int:pk>/sengketa/<int:dispute_pk>/eskalasi/",
        dispute_escalate_view,
        name="dispute-escalate",
    ),
    path(
        "<int:pk>/sengketa/<int:dispute_pk>/putusan/",
        dispute_decide_view,
        name="dispute-decide",
    ),
]

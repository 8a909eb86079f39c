"""Running an agreement's consultations, under /kerja-sama/<agreement_pk>/konsultasi/.

Readers of the agreement see the list and each consultation's page with its comments;
editors of a party (admin, coordinator, editor) create and edit, publish, close, moderate,
answer, mark changes and conclude. Everyone else gets 404.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.agreements.access import agreement_can_edit, agreement_get_for_user
from simpul.core.formviews import add_errors, attempt
from simpul.core.merge import save_merging
from simpul.publication.kinds import InfoKind
from simpul.publication.selectors import is_public

from . import access, forms, selectors, services
from .models import Answer, Comment, Consultation


def _zone() -> str:
    return timezone.get_current_timezone_name()


@login_required
@require_GET
def consultation_list(request, agreement_pk: int):
    agreement = agreement_get_for_user(request.user, agreement_pk)
    return render(
        request,
        "consultations/consultation_list.html",
        {
            "agreement": agreement,
            "consultations": selectors.consultations_of(agreement),
            "can_edit": agreement_can_edit(request.user, agreement),
            "agreement_public": is_public(agreement, InfoKind.SUMMARY),
        },
    )


def _form_page(request, agreement, form, formset, consultation=None, status=200):
    return render(
        request,
        "consultations/consultation_form.html",
        {"agreement": agreement, "form": form, "formset": formset, "consultation": consultation},
        status=status,
    )


@login_required
def consultation_create(request, agreement_pk: int):
    agreement = agreement_get_for_user(request.user, agreement_pk, write=True)
    sources = services.source_choices(agreement)
    if request.method == "POST":
        form = forms.ConsultationForm(request.POST, timezone_name=_zone(), sources=sources)
        formset = forms.SectionFormSet(request.POST, prefix="sections")
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                consultation = services.consultation_create(
                    agreement=agreement,
                    user=request.user,
                    sections=[r for r in forms.section_rows(formset) if not r["delete"]],
                    source=data.get("source") or "",
                    **{k: data[k] for k in services.EDITABLE_FIELDS},
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The consultation was saved as a draft. Check the sections, then "
                        "publish it."
                    ),
                )
                return redirect(consultation.get_absolute_url())
        return _form_page(request, agreement, form, formset, status=400)
    now = timezone.now().replace(second=0, microsecond=0)
    form = forms.ConsultationForm(
        initial={
            "subject": Consultation.Subject.PLAN,
            "opens_at": now,
            "closes_at": now + timedelta(days=14),
            "source": "plan",
        },
        timezone_name=_zone(),
        sources=sources,
    )
    return _form_page(request, agreement, form, forms.SectionFormSet(prefix="sections"))


@login_required
def consultation_edit(request, agreement_pk: int, pk: int):
    consultation = access.consultation_get_for_user(request.user, agreement_pk, pk, write=True)
    agreement = consultation.agreement
    if consultation.status not in (Consultation.Status.DRAFT, Consultation.Status.OPEN):
        messages.error(request, _("A closed consultation can no longer be changed."))
        return redirect(consultation.get_absolute_url())
    is_draft = consultation.status == Consultation.Status.DRAFT
    initial = {name: getattr(consultation, name) for name in services.EDITABLE_FIELDS}
    status = 200
    if request.method == "POST":
        form = forms.ConsultationForm(
            request.POST,
            initial=initial,
            timezone_name=_zone(),
            open_only=not is_draft,
            instance=consultation,
        )
        formset = forms.SectionFormSet(request.POST, prefix="sections") if is_draft else None
        if form.is_valid() and (formset is None or formset.is_valid()):
            result = save_merging(
                form,
                lambda f: services.consultation_update(
                    consultation=f.instance,
                    user=request.user,
                    expected_version=f.base_version,
                    sections=(
                        forms.sections_for_service(f.cleaned_data["sections"], f.instance)
                        if is_draft
                        else None
                    ),
                    **{k: f.cleaned_data[k] for k in services.EDITABLE_FIELDS},
                ),
                reload=lambda: Consultation.objects.filter(pk=consultation.pk).first(),
            )
            if result.ok:
                messages.success(request, _("The consultation was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(consultation.get_absolute_url())
            form, status = result.form, result.status
            if formset is not None:
                # The section rows as merged (theirs where only they changed the list).
                formset = forms.SectionFormSet(form.data, prefix="sections")
        else:
            status = 400
    else:
        form = forms.ConsultationForm(
            initial=initial, timezone_name=_zone(), open_only=not is_draft, instance=consultation
        )
        formset = (
            forms.SectionFormSet(
                prefix="sections",
                initial=[
                    {"id": s.pk, "heading": s.heading, "body": s.body}
                    for s in consultation.sections.order_by("position", "pk")
                ],
            )
            if is_draft
            else None
        )
    return _form_page(request, agreement, form, formset, consultation, status=status)


def _detail_page(request, consultation, *, conclude_form=None, errors=None, status=200):
    agreement = consultation.agreement
    can_edit = agreement_can_edit(request.user, agreement)
    sections = selectors.management_sections(consultation)
    errors = errors or {}
    parties = access.answering_parties(request.user, agreement) if can_edit else []
    party_ids = {party.pk for party in parties}
    counts = dict.fromkeys(Comment.Status.values, 0)
    for section in sections:
        counts[Comment.Status.UNCONFIRMED] += section.unconfirmed_count
        for comment in section.confirmed_comments:
            counts[comment.status] += 1
            comment.form_errors = errors.get(comment.pk, {})
            answer = getattr(comment, "answer", None)
            # Another party's answer is changed only by that party's editors.
            comment.can_answer = bool(party_ids) and (
                answer is None or answer.party_id in party_ids
            )
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "agreement": agreement,
            "consultation": consultation,
            "sections": sections,
            "counts": counts,
            "can_edit": can_edit,
            "parties": parties,
            "agreement_public": is_public(agreement, InfoKind.SUMMARY),
            "conclude_form": conclude_form
            or forms.ConcludeForm(
                initial={"version": consultation.version, "outcome": consultation.outcome}
            ),
            "changes": selectors.changes_from_comments(consultation),
        },
        status=status,
    )


@login_required
@require_GET
def consultation_detail(request, agreement_pk: int, pk: int):
    consultation = access.consultation_get_for_user(request.user, agreement_pk, pk)
    return _detail_page(request, consultation)


def _move(request, agreement_pk, pk, service, success: str):
    consultation = access.consultation_get_for_user(request.user, agreement_pk, pk, write=True)
    form = forms.VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        service(consultation=consultation, user=request.user, expected_version=version)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(consultation.get_absolute_url())


@login_required
@require_POST
def consultation_publish(request, agreement_pk: int, pk: int):
    return _move(
        request,
        agreement_pk,
        pk,
        services.consultation_publish,
        _("The consultation is published: the public can read it and comment."),
    )


@login_required
@require_POST
def consultation_close(request, agreement_pk: int, pk: int):
    return _move(
        request,
        agreement_pk,
        pk,
        services.consultation_close,
        _("The consultation is closed: no new comments are accepted."),
    )


@login_required
@require_POST
def consultation_conclude(request, agreement_pk: int, pk: int):
    consultation = access.consultation_get_for_user(request.user, agreement_pk, pk, write=True)
    form = forms.ConcludeForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            form,
            lambda: services.consultation_conclude(
                consultation=consultation,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                outcome=form.cleaned_data["outcome"],
            ),
        )
        if outcome.ok:
            messages.success(
                request, _("The consultation is concluded; the public page shows the outcome.")
            )
            return redirect(consultation.get_absolute_url())
        return _detail_page(request, consultation, conclude_form=form, status=outcome.status)
    return _detail_page(request, consultation, conclude_form=form, status=400)


def _comment_errors(comment, kind: str, error) -> dict:
    if hasattr(error, "error_dict"):
        messages_ = [m for errors in error.message_dict.values() for m in errors]
    elif isinstance(error, dict):
        messages_ = [m for errors in error.values() for m in errors]
    else:
        messages_ = list(error.messages)
    return {comment.pk: {kind: messages_}}


def _comment_done(request, comment, message: str):
    messages.success(request, message)
    return redirect(f"{comment.section.consultation.get_absolute_url()}#comment-{comment.pk}")


@login_required
@require_POST
def comment_moderate(request, agreement_pk: int, pk: int, comment_pk: int):
    comment = access.comment_get_for_moderator(request.user, agreement_pk, pk, comment_pk)
    consultation = comment.section.consultation
    form = forms.ModerateForm(request.POST)
    if not form.is_valid():
        errors = _comment_errors(comment, "moderate", form.errors)
    else:
        try:
            services.comment_moderate(
                comment=comment,
                user=request.user,
                approve=form.cleaned_data["action"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors = _comment_errors(comment, "moderate", error)
        else:
            done = (
                _("The comment is published.")
                if comment.status == Comment.Status.APPROVED
                else _("The comment is hidden; the public sees your reason in its place.")
            )
            return _comment_done(request, comment, done)
    return _detail_page(request, consultation, errors=errors, status=400)


@login_required
@require_POST
def comment_answer(request, agreement_pk: int, pk: int, comment_pk: int):
    comment = access.comment_get_for_moderator(request.user, agreement_pk, pk, comment_pk)
    consultation = comment.section.consultation
    parties = access.answering_parties(request.user, consultation.agreement)
    if not parties:
        messages.error(request, _("You can answer only on behalf of a party you are an editor of."))
        return redirect(consultation.get_absolute_url())
    form = forms.AnswerForm(request.POST, parties=parties)
    if not form.is_valid():
        errors = _comment_errors(comment, "answer", form.errors)
    else:
        party = next(p for p in parties if p.pk == form.cleaned_data["party"])
        current = Answer.objects.filter(comment=comment).values_list("party_id", flat=True).first()
        if current is not None and current not in {p.pk for p in parties}:
            messages.error(
                request,
                _("Another party answered this comment; only its editors can change the answer."),
            )
            return redirect(f"{consultation.get_absolute_url()}#comment-{comment.pk}")
        try:
            services.comment_answer(
                comment=comment, party=party, user=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            errors = _comment_errors(comment, "answer", error)
        else:
            return _comment_done(request, comment, _("The answer is published."))
    return _detail_page(request, consultation, errors=errors, status=400)


@login_required
@require_POST
def comment_change(request, agreement_pk: int, pk: int, comment_pk: int):
    comment = access.comment_get_for_moderator(request.user, agreement_pk, pk, comment_pk)
    form = forms.ChangeForm(request.POST)
    form.is_valid()
    try:
        services.comment_mark_change(
            comment=comment,
            user=request.user,
            led_to_change=form.cleaned_data.get("led_to_change", False),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(comment.section.consultation.get_absolute_url())
    done = (
        _("The comment is marked as having led to a change.")
        if comment.led_to_change
        else _("The comment is no longer marked as having led to a change.")
    )
    return _comment_done(request, comment, done)


urlpatterns = [
    path("", consultation_list, name="consultation-list"),
    path("baru/", consultation_create, name="consultation-create"),
    path("<int:pk>/", consultation_detail, name="consultation-detail"),
    path("<int:pk>/ubah/", consultation_edit, name="consultation-edit"),
    path("<int:pk>/terbitkan/", consultation_publish, name="consultation-publish"),
    path("<int:pk>/tutup/", consultation_close, name="consultation-close"),
    path("<int:pk>/simpulkan/", consultation_conclude, name="consultation-conclude"),
    path("<int:pk>/komentar/<int:comment_pk>/moderasi/", comment_moderate, name="comment-moderate"),
    path("<int:pk>/komentar/<int:comment_pk>/jawab/", comment_answer, name="comment-answer"),
    path("<int:pk>/komentar/<int:comment_pk>/perubahan/", comment_change, name="comment-change"),
]

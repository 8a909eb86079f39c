"""Documents of an agreement: the list of documents and versions, uploads, downloads.

Every access decision goes through access.agreement_get_for_user. Uploads are refused early
when the request announces a body over the limit (413, before anything reads it); the
content checks live in simpul.core.uploads.validate_upload and the writes in services/documents.py.
Downloads are always attachments with our detected Content-Type, nosniff and a sandbox CSP,
so an uploaded file never runs as a page of this site.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from simpul.core.downloads import stored_attachment
from simpul.core.formviews import add_errors
from simpul.core.uploads import (
    ALLOWED_EXTENSIONS,
    ALLOWED_LABEL,
    too_large_page,
    upload_size_checked,
)
from simpul.core.widgets import DateInput

from .. import access
from ..models import Document, DocumentVersion
from ..services.documents import agreement_is_closed, document_upload

# Room for the other form fields and multipart boundaries around the file itself.
MULTIPART_OVERHEAD = 256 * 1024
DATE = DateInput()


class DocumentUploadForm(forms.Form):
    document = forms.ModelChoiceField(
        label=gettext_lazy("Add a version to"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=gettext_lazy("— a new document —"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of document"),
        choices=[("", gettext_lazy("— choose —")), *Document.Kind.choices],
        required=False,
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300, required=False)
    party = forms.ModelChoiceField(
        label=gettext_lazy("Party"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=gettext_lazy("— the whole agreement —"),
        help_text=gettext_lazy("For a party's own document, e.g. its DPRD approval."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("PDF, DOCX, XLSX, ODT, PNG or JPEG."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)}
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    amends = forms.ModelChoiceField(
        label=gettext_lazy("Amends (addenda only)"),
        queryset=DocumentVersion.objects.none(),
        required=False,
    )
    new_end_date = forms.DateField(
        label=gettext_lazy("Extends the end date to (addenda only)"),
        required=False,
        widget=DATE,
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.fields["document"].queryset = Document.objects.filter(agreement=agreement)
        self.fields["party"].queryset = agreement.parties.select_related("organization")
        self.fields["amends"].queryset = DocumentVersion.objects.filter(
            document__agreement=agreement,
            document__kind__in=[Document.Kind.KB, Document.Kind.PKS, Document.Kind.ADDENDUM],
        ).select_related("document")
        self.fields["file"].help_text = _("%(types)s, at most %(limit)s.") % {
            "types": ALLOWED_LABEL,
            "limit": filesizeformat(settings.SIMPUL_MAX_UPLOAD_BYTES),
        }

    def clean(self):
        data = super().clean()
        if not data.get("document"):
            if not data.get("kind"):
                self.add_error("kind", _("Choose the kind of document."))
            if not (data.get("title") or "").strip():
                self.add_error("title", _("Give the document a title."))
        return data


def agreement_url_of(agreement) -> str:
    try:
        return agreement.get_absolute_url()
    except NoReverseMatch:  # the agreement page is another area's; tolerate its absence
        return reverse("agreements:agreement-list")


def _documents_of(agreement):
    versions = DocumentVersion.objects.select_related("uploaded_by", "amends__document")
    return (
        Document.objects.filter(agreement=agreement)
        .select_related("party__organization")
        .prefetch_related(Prefetch("versions", queryset=versions.order_by("-number")))
    )


def _list_page(request, agreement, *, form=None, status=200):
    can_edit = access.agreement_can_edit(request.user, agreement)
    closed = agreement_is_closed(agreement)
    if can_edit and not closed and form is None:
        form = DocumentUploadForm(agreement=agreement)
    return render(
        request,
        "agreements/document_list.html",
        {
            "agreement": agreement,
            "agreement_url": agreement_url_of(agreement),
            "documents": _documents_of(agreement),
            "form": form if can_edit and not closed else None,
            "closed": closed,
        },
        status=status,
    )


@login_required
@require_GET
def document_list(request, pk: int):
    agreement = access.agreement_get_for_user(request.user, pk)
    return _list_page(request, agreement)


def too_large_response(request, pk: int, **_other_url_arguments):
    """The 413 page of an oversize upload to an agreement (documents, dispute decisions)."""
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    return too_large_page(request, back=reverse("agreements:document-list", args=[agreement.pk]))


@login_required
@require_POST
@never_cache
@upload_size_checked(too_large_response)
def document_upload_view(request, pk: int):
    agreement = access.agreement_get_for_user(request.user, pk, write=True)
    form = DocumentUploadForm(request.POST, request.FILES, agreement=agreement)
    if agreement_is_closed(agreement):
        messages.error(request, _("This agreement has ended; its documents can no longer change."))
        return redirect("agreements:document-list", pk=agreement.pk)
    if form.is_valid():
        data = form.cleaned_data
        try:
            version = document_upload(
                agreement=agreement,
                user=request.user,
                kind=data["kind"],
                title=data["title"],
                uploaded_file=data["file"],
                party=data["party"],
                note=data["note"],
                document=data["document"],
                amends=data["amends"],
                new_end_date=data["new_end_date"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” was uploaded as version %(number)s.")
                % {"name": version.original_name, "number": version.number},
            )
            return redirect("agreements:document-list", pk=agreement.pk)
    return _list_page(request, agreement, form=form, status=400)


@login_required
@require_GET
def document_version_download(request, pk: int, version_pk: int):
    agreement = access.agreement_get_for_user(request.user, pk)
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        pk=version_pk,
        document__agreement=agreement,
    )
    return stored_attachment(
        version.file, filename=version.original_name, content_type=version.content_type
    )


urlpatterns = [
    path("<int:pk>/dokumen/", document_list, name="document-list"),
    path("<int:pk>/dokumen/unggah/", document_upload_view, name="document-upload"),
    path(
        "<int:pk>/dokumen/versi/<int:version_pk>/unduh/",
        document_version_download,
        name="document-version-download",
    ),
]

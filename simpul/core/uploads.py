"""Checks on uploaded files, made on their content, never on the name alone; every app that
takes an upload uses them (documents, disputes, plans, data forms, evidence, the register
import, complaint photos).

`validate_upload(file)` accepts PDF, DOCX, XLSX, ODT, PNG and JPEG (ASVS 5.2.2): the type is
read from the content (`filetype` magic bytes, then the zip directory for office files) and the
name's extension must agree with it. The size limit is checked before anything reads the file;
office files are zips, so their directory is checked (entry count, total inflated size) before
anything opens an entry (ASVS 5.2.3). Every refusal is a ValidationError with a message a
person can act on.

`safe_display_name(name)` turns a client's file name into something safe to show and to offer
back as a download name; the stored name is always a random key.

`zip_too_large(entries, …)` and `check_image_pixels(width, height, …)` are the archive and
image limits the content checks share with the register import and the complaint photos.

`upload_size_checked(too_large)` is the view decorator that refuses an announced oversize
body before anything reads it, the CSRF check included, and only then runs that check.
"""

import os
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

HEAD_BYTES = 8192
# An office document is a zip: its entries may not inflate beyond this, nor be this many.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_INFLATED_BYTES = 250 * 1024 * 1024
MAX_DISPLAY_NAME = 150
MAX_IMAGE_PIXELS = 100_000_000  # a 300 dpi A0 scan is ~140 M; 100 M is plenty for letters
# Translated: "PNG or JPEG" inside an Indonesian sentence reads as a mistake.
ALLOWED_LABEL = gettext_lazy("PDF, DOCX, XLSX, ODT, PNG or JPEG")
WINDOWS_DEVICE_NAMES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


@dataclass(frozen=True)
class DetectedType:
    code: str
    mime: str
    extensions: tuple[str, ...]
    label: str


PDF = DetectedType("pdf", "application/pdf", ("pdf",), "PDF")
DOCX = DetectedType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
    "DOCX",
)
XLSX = DetectedType(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
    "XLSX",
)
ODT = DetectedType("odt", "application/vnd.oasis.opendocument.text", ("odt",), "ODT")
PNG = DetectedType("png", "image/png", ("png",), "PNG")
JPEG = DetectedType("jpeg", "image/jpeg", ("jpg", "jpeg"), "JPEG")
ALLOWED = {t.code: t for t in (PDF, DOCX, XLSX, ODT, PNG, JPEG)}
ALLOWED_EXTENSIONS = sorted({ext for t in ALLOWED.values() for ext in t.extensions})
ZIP_MIMES = {
    "application/zip",
    DOCX.mime,
    XLSX.mime,
    ODT.mime,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/epub+zip",
}


def _not_allowed(looks_like: str) -> ValidationError:
    return ValidationError(
        _("The file is not a %(allowed)s (it looks like %(looks_like)s).")
        % {"allowed": ALLOWED_LABEL, "looks_like": looks_like},
        code="file_type",
    )


def file_size(uploaded_file: IO[bytes]) -> int:
    size = getattr(uploaded_file, "size", None)
    if size is None:
        position = uploaded_file.tell()
        uploaded_file.seek(0, os.SEEK_END)
        size = uploaded_file.tell()
        uploaded_file.seek(position)
    return int(size)


def _extension(name: str) -> str:
    return os.path.splitext(safe_display_name(name))[1].lower().lstrip(".")


def zip_too_large(
    entries: Iterable[zipfile.ZipInfo],
    *,
    max_entries: int | None = None,
    max_inflated: int | None = None,
    max_ratio: int | None = None,
) -> bool:
    """True when a zip's directory promises more than a document of ours holds: too many
    entries, too much inflated data, or (with `max_ratio`) one entry over 1 MB that inflates
    more than `max_ratio` times. Read from the directory alone, before any entry is opened."""
    entries = list(entries)
    if len(entries) > (max_entries or MAX_ZIP_ENTRIES):
        return True
    if sum(entry.file_size for entry in entries) > (max_inflated or MAX_ZIP_INFLATED_BYTES):
        return True
    return max_ratio is not None and any(
        entry.file_size > 1024 * 1024 and entry.file_size / max(entry.compress_size, 1) > max_ratio
        for entry in entries
    )


def check_image_pixels(width: int, height: int, *, limit: int = MAX_IMAGE_PIXELS) -> None:
    """Refuse a decompression bomb (ASVS 5.2.6): a small file that unpacks to gigabytes."""
    if width * height > limit:
        raise ValidationError(
            _("The image is %(width)s × %(height)s pixels, too large to use.")
            % {"width": width, "height": height},
            code="image_too_large",
        )


def _zip_type(uploaded_file: IO[bytes]) -> DetectedType:
    """Classify an office zip from its directory, refusing bombs before any entry is read."""
    uploaded_file.seek(0)
    try:
        archive = zipfile.ZipFile(uploaded_file)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(
            _("The file looks like an office document but is damaged; it cannot be opened."),
            code="damaged",
        ) from None
    with archive:
        entries = archive.infolist()
        inflated = sum(entry.file_size for entry in entries)
        if zip_too_large(entries):
            raise ValidationError(
                _(
                    "The file unpacks to far more data than a document holds "
                    "(%(entries)s entries, %(size)s); it was refused."
                )
                % {"entries": len(entries), "size": filesizeformat(inflated)},
                code="zip_bomb",
            )
        names = {entry.filename for entry in entries}
        if "mimetype" in names:
            info = archive.getinfo("mimetype")
            if info.file_size <= 200:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype == ODT.mime:
                    return ODT
                return DetectedType("other", mimetype, (), _("another OpenDocument file"))
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            return DetectedType("other", "application/zip", (), _("another Office file"))
    return DetectedType("other", "application/zip", (), _("a ZIP archive"))


def _check_pdf_complete(uploaded_file: IO[bytes], size: int) -> None:
    tail_size = min(size, 2048)
    uploaded_file.seek(size - tail_size)
    if b"%%EOF" not in uploaded_file.read(tail_size):
        raise ValidationError(
            _("The PDF is incomplete or damaged (it has no end marker). Save it again and retry."),
            code="truncated",
        )


def _check_png(head: bytes) -> None:
    if head[12:16] != b"IHDR" or len(head) < 24:
        # A PNG signature glued onto something else (e.g. HTML), not an image.
        raise ValidationError(_("The image is damaged and cannot be used."), code="damaged")
    width, height = struct.unpack(">II", head[16:24])
    check_image_pixels(width, height)


def validate_upload(uploaded_file: IO[bytes]) -> DetectedType:
    """The file's real type, or a ValidationError saying why it is refused."""
    size = file_size(uploaded_file)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.SIMPUL_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    extension = _extension(getattr(uploaded_file, "name", "") or "")
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    guess = filetype.guess(head)
    if guess is None:
        raise _not_allowed(_("an unknown kind of file"))
    if guess.mime in ZIP_MIMES:
        detected = _zip_type(uploaded_file)
    elif guess.mime == PDF.mime:
        detected = PDF
    elif guess.mime == PNG.mime:
        detected = PNG
    elif guess.mime == JPEG.mime:
        detected = JPEG
    else:
        detected = DetectedType("other", guess.mime, (), guess.extension.upper())
    if detected.code not in ALLOWED:
        raise _not_allowed(f"{detected.label} ({detected.mime})")
    if extension not in detected.extensions:
        raise ValidationError(
            _(
                "The file's name ends in “.%(extension)s” but its content is %(label)s. "
                "Rename it to end in .%(expected)s, or upload the right file."
            )
            % {
                "extension": extension or _("(nothing)"),
                "label": detected.label,
                "expected": detected.extensions[0],
            },
            code="extension_mismatch",
        )
    if detected is PDF:
        _check_pdf_complete(uploaded_file, size)
    if detected is PNG:
        _check_png(head)
    uploaded_file.seek(0)
    return detected


def safe_display_name(name: str, *, default: str = "dokumen") -> str:
    """A file name safe to show and to offer as a download name: no directories, no control
    or bidirectional-override characters, no Windows device names, at most 150 characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    # Drop control (Cc) and format (Cf: U+202E RIGHT-TO-LEFT OVERRIDE, U+200B, U+2066…)
    # characters first, so "a.pdf\x00.exe" cannot hide its real ending.
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Cs"})
    name = name.replace("\\", "/").split("/")[-1]
    name = " ".join(name.split()).strip(" .")
    stem, extension = os.path.splitext(name)
    if stem.split(".")[0].lower() in WINDOWS_DEVICE_NAMES:
        stem = f"_{stem}"
    if len(extension) > 16:
        stem, extension = stem + extension, ""
    stem = stem[: MAX_DISPLAY_NAME - len(extension)].rstrip(" .")
    if not stem:
        return default + extension
    return stem + extension


# --- The size of a request, before its body is read -------------------------------------------

# A multipart body carries boundaries and the other fields besides the file.
MULTIPART_OVERHEAD = 256 * 1024

View = Callable[..., HttpResponse]


def request_too_large(request: HttpRequest, limit: int | None = None) -> bool:
    """True when the request announces a body larger than an upload may be. A missing or
    garbled Content-Length is left to Django's own limits."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > (limit or settings.SIMPUL_MAX_UPLOAD_BYTES) + MULTIPART_OVERHEAD


def too_large_page(request: HttpRequest, *, back: str | None = None) -> HttpResponse:
    """A page saying the limit and that nothing was uploaded, status 413."""
    return render(
        request,
        "core/upload_too_large.html",
        {"limit": settings.SIMPUL_MAX_UPLOAD_BYTES, "back": back},
        status=413,
    )


def _too_large_default(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return too_large_page(request)


def upload_size_checked(too_large: View = _too_large_default) -> Callable[[View], View]:
    """Decorate an upload view so that an announced oversize body gets `too_large(request,
    *args, **kwargs)` (which checks access itself and answers 413) before anything reads the
    body. Django's CSRF check reads the body, so the view is exempted from the middleware's
    check and protected here, after the size check; the exemption travels up through
    `login_required` and the other `functools.wraps` decorators above this one."""

    def decorate(view: View) -> View:
        protected = csrf_protect(view)

        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request_too_large(request):
                return too_large(request, *args, **kwargs)
            return protected(request, *args, **kwargs)

        return csrf_exempt(checked)

    return decorate

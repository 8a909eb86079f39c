"""One way to hand a protected file to a person: `attachment()`.

Every download of something people uploaded or the platform generated (documents, evidence,
plan attachments, reports, complaint photos, exports, open data) answers with the same
headers, so no browser ever renders or sniffs it in the site's origin:

- `Content-Disposition: attachment` with the name twice, an ASCII fallback and the UTF-8
  name in RFC 5987 form (`filename*=utf-8''…`), so "Nota Kesepakatan – Sleman.pdf" arrives
  intact and a quote or a newline in a name cannot break the header;
- our own Content-Type (detected at upload, never the client's), `X-Content-Type-Options:
  nosniff` and `Content-Security-Policy: sandbox` (an HTML or SVG file opened anyway runs
  no script);
- `Cache-Control: private, no-store` for protected files, or a short public cache for what
  the public portal serves anyway.
"""

import unicodedata
from collections.abc import Iterable
from typing import IO, Any
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

PUBLIC_CACHE = "public, max-age=300"
PRIVATE_CACHE = "private, no-store"


def disposition(filename: str) -> str:
    """`attachment; filename="<name>"`, and for a name that is not plain ASCII an ASCII
    fallback plus `filename*=utf-8''<UTF-8 name>` (RFC 6266 and 5987)."""
    name = "".join(ch for ch in filename if unicodedata.category(ch) not in {"Cc", "Cf"})
    name = name.replace("/", "-").replace("\\", "-").strip() or "download"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace('"', "'") or "download"
    if ascii_name == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=utf-8''{quote(name, safe='')}"


def attachment(
    content: IO[bytes] | bytes | str | Iterable[Any],
    *,
    filename: str,
    content_type: str | None = None,
    public: bool = False,
) -> HttpResponseBase:
    """A response that downloads `content` as `filename`: an open binary file (streamed by
    FileResponse), bytes or text (in one piece), or any other iterable of chunks (streamed)."""
    response: HttpResponseBase
    if hasattr(content, "read"):
        response = FileResponse(content, content_type=content_type)
    elif isinstance(content, bytes | str):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    return response


def stored_attachment(
    stored: FieldFile,
    *,
    filename: str,
    content_type: str | None = None,
    public: bool = False,
) -> HttpResponseBase:
    """`attachment()` of a file in storage; a file missing from storage is a 404, not a 500."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return attachment(handle, filename=filename, content_type=content_type, public=public)

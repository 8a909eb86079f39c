"""What a knowledge item's media must be: a video is a link to an allowed host (shown as a
link, never embedded, so no foreign script runs on our pages), an infographic an image judged
by its content, a document an upload checked like the agreements' documents."""

from typing import IO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from simpul.core.uploads import JPEG, PNG, DetectedType, check_image_pixels, validate_upload

IMAGE_TYPES = {PNG.code: "PNG", JPEG.code: "JPEG"}


def video_host_allowed(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(
        host == allowed or host.endswith("." + allowed)
        for allowed in (h.lower().strip() for h in settings.SIMPUL_KNOWLEDGE_VIDEO_HOSTS)
        if allowed
    )


def check_video_url(url: str) -> str:
    """The link, or a ValidationError: https only, to a host on the allow-list."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme != "https" or not parts.hostname:
        raise ValidationError(_("Give the video's https:// link."), code="video_scheme")
    if parts.username or parts.password or not video_host_allowed(parts.hostname):
        raise ValidationError(
            _("Videos are linked only from these sites: %(hosts)s.")
            % {"hosts": ", ".join(settings.SIMPUL_KNOWLEDGE_VIDEO_HOSTS)},
            code="video_host",
        )
    return url


def check_infographic(uploaded: IO[bytes]) -> DetectedType:
    """A PNG or JPEG whose content Pillow reads as that format, within the pixel limit."""
    detected = validate_upload(uploaded)
    if detected.code not in IMAGE_TYPES:
        raise ValidationError(
            _("An infographic is a PNG or JPEG image; this file is %(label)s.")
            % {"label": detected.label},
            code="not_image",
        )
    from PIL import Image

    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            if image.format != IMAGE_TYPES[detected.code]:
                raise ValueError("format mismatch")
            check_image_pixels(*image.size)
            image.verify()
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(
            _("The image is damaged and cannot be used."), code="damaged"
        ) from None
    uploaded.seek(0)
    return detected


def check_document(uploaded: IO[bytes]) -> DetectedType:
    return validate_upload(uploaded)

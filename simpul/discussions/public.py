"""What the public sees of discussions: an agreement's progress updates, nothing else.

A progress update is a post of kind "progress update" in one of the agreement's threads: its
author proposes it for the public page by choosing that kind. It appears on the portal's
agreement page while the publication gate (`publication.selectors`) makes the kind
PROGRESS_UPDATE public for the agreement (by default from the active stage), and never after
it is deleted. Only the update's rendered text and date are read: never the thread's title,
other posts, names or attachments. Threads themselves are never public.

Creating, editing or deleting a progress update makes the cached public pages stale
(`services` call `public_progress_update_changed`).
"""

from typing import Any

from simpul.agreements.models import Agreement
from simpul.core import public_cache
from simpul.publication.kinds import InfoKind

from .models import Post

PUBLIC_LIMIT = 10


def public_progress_update_changed(post: Post) -> None:
    if post.kind == Post.Kind.PROGRESS_UPDATE:
        public_cache.bump()


def agreement_progress_updates(agreement: Agreement, kinds: set[str]) -> dict[str, Any]:
    """The portal's agreement page part; `kinds` are the agreement's public kinds (the gate's
    `public_kinds`, which the page has already read)."""
    if InfoKind.PROGRESS_UPDATE not in kinds:
        return {"progress_updates": []}
    updates = (
        Post.objects.filter(
            thread__agreement=agreement,
            kind=Post.Kind.PROGRESS_UPDATE,
            deleted_at__isnull=True,
        )
        .order_by("-created_at")
        .values("html", "created_at")[:PUBLIC_LIMIT]
    )
    return {"progress_updates": list(updates)}

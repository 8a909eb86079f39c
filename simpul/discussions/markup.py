"""Posts' safe Markdown: CommonMark rendered by markdown-it-py, then cleaned by nh3.

Two locks, either enough on its own: markdown-it-py runs with raw HTML off (a `<script>` typed
in a post is text) and refuses `javascript:`/`vbscript:`/`data:` link targets; nh3 (the Rust
ammonia sanitiser) then keeps only the allow-list below, with http, https and mailto links
(`rel="nofollow noopener noreferrer"`). Images are not in the list: a post never makes the
reader's browser fetch anything from elsewhere (an image's address would tell its owner who
read the thread and when).

Mentions are written `@[Name]` (the autocomplete inserts them): a person's full name or
e-mail address, or an organisation's name or acronym. The services resolve them
(services.resolve_mentions); here they are only found and drawn.
"""

import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
    "h3",
    "h4",
    "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

MENTION = re.compile(r"@\[([^\[\]\n]{1,200})\]")

# Headings in a post start at h3: the page has its h1 and the thread's h2s.
_HEADING_SHIFT = {"h1": "h3", "h2": "h4", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "strikethrough"
)


def _shift_headings(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = _HEADING_SHIFT.get(token.tag, token.tag)


def mentions_in(text: str) -> list[str]:
    """The names mentioned, in order, each once (case kept as typed)."""
    seen: dict[str, str] = {}
    for match in MENTION.finditer(text):
        name = " ".join(match.group(1).split())
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def render(text: str) -> str:
    """The post's sanitised HTML."""
    tokens = _md.parse(text)
    _shift_headings(tokens)
    html = _md.renderer.render(tokens, _md.options, {})
    # Markdown escaped the names already; the span only marks them.
    html = MENTION.sub(lambda m: f'<span class="mention">@{m.group(1)}</span>', html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def quote(text: str, author: str) -> str:
    """Markdown quoting another post: its lines behind `> `, under who wrote it."""
    lines = [f"> {line}" if line else ">" for line in text.splitlines()]
    return "\n".join([f"> **{author}:**", ">", *lines]) + "\n\n"

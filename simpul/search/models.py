"""The search index: one row per searchable object, whatever its app.

Filters and visibility are words in `tags` (docs/architecture.md, "Search"), so that "matches
the query, may be seen by this person, of this kind, affair, region and year" is ONE match
against one full-text index on each engine: an FTS5 table over (title_terms, body_terms, tags)
on SQLite, a `tsvector` column with a GIN index on PostgreSQL (both created by migration 0002).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("object"))
    title = models.CharField(_("title"), max_length=500)
    # What the snippet is cut from (the original text, never shown unescaped).
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300)
    public_url = models.CharField(_("public address"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    public = models.BooleanField(_("public"), default=False)
    # The stemmed words (simpul.search.text.terms) the engines index.
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # Filter and visibility words: k<kind> a<affair> g<region> y<year> pub o<org> r<region> u<user>.
    tags = models.TextField(blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_one_document_per_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SearchTerm(models.Model):
    """The index's vocabulary: every stem a document was indexed with, once. It is what a
    misspelt word is corrected against (`simpul.search.typos`); a word stays when its last
    document goes (a correction then finds nothing, and none is shown) until a full rebuild."""

    word = models.CharField(max_length=40, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.word

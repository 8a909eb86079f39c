"""The knowledge app's models, one module per area; import them from here."""

from .items import LICENCE_URLS, Kind, KnowledgeItem, KnowledgeResult, Licence

__all__ = ["LICENCE_URLS", "Kind", "KnowledgeItem", "KnowledgeResult", "Licence"]

"""The knowledge app's models, one module per area; import them from here."""

from .adoption import Adoption
from .items import LICENCE_URLS, Kind, KnowledgeItem, KnowledgeResult, Licence

__all__ = ["LICENCE_URLS", "Adoption", "Kind", "KnowledgeItem", "KnowledgeResult", "Licence"]

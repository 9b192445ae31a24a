"""factx: facts (money, percentages, dates, named entities) out of Vietnamese and English text."""

from .model import ALL_TYPES, ENTITY_TYPES, VALUE_TYPES, Fact
from .pipeline import Document, Pipeline, extract, extract_documents, parse_types

__version__ = "0.1.0"
__all__ = ["extract", "extract_documents", "Document", "Fact", "Pipeline", "parse_types",
           "ALL_TYPES", "VALUE_TYPES", "ENTITY_TYPES", "__version__"]

"""Cyber-incident attribution knowledge graph.

The pipeline: article -> sentences -> claims -> resolved entities -> RDF -> query/export.
"""

from kg.errors import KgError
from kg.models import Article, Claim, Entity, Sentence

__all__ = ["Article", "Claim", "Entity", "KgError", "Sentence"]
__version__ = "0.1.0"

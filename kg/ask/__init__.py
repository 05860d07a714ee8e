"""Plain-English questions over the attribution graph.

``parse(question)`` gives the :class:`StructuredQuery` a question is understood as (no graph needed);
``answer(question, store)`` runs it and returns an :class:`Answer` whose ``to_dict()`` is
``{"question", "query", "sparql", "bindings", "resolved", "answers": [{"name", "type", "affiliation",
"claims": [...]}]}``. A question that fits no known shape raises :class:`kg.errors.QueryError` whose
message lists example questions.
"""

from kg.ask.answer import Answer, AnswerRow, FoundClaim
from kg.ask.engine import answer, run
from kg.ask.parser import parse
from kg.ask.query import StructuredQuery

__all__ = ["Answer", "AnswerRow", "FoundClaim", "StructuredQuery", "answer", "parse", "run"]

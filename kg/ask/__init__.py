"""Plain-English questions over the attribution graph.

``parse(question)`` gives the :class:`StructuredQuery` a question is understood as (no graph needed);
``answer(question, store)`` runs it and returns an :class:`Answer` whose ``to_dict()`` is
``{"question", "query", "sparql", "bindings", "resolved", "answers": [{"name", "type", "affiliation",
"mentions", "score", "why", "top", "claims": [...]}]}``, the rows ranked by the question's soft
preferences (kg.ask.rank), the top group first. A question that fits no known shape raises
:class:`kg.errors.QuestionNotUnderstood` whose ``suggestions`` are the closest readings that parse.
"""

from kg.ask.answer import Answer, AnswerRow, FoundClaim
from kg.ask.engine import answer, run
from kg.ask.parser import parse
from kg.ask.query import StructuredQuery

__all__ = ["Answer", "AnswerRow", "FoundClaim", "StructuredQuery", "answer", "parse", "run"]

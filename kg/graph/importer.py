"""Import claims that follow the JSON Lines contract (``kg ingest --claims``, ``POST /claims``).

Imported claims take the path extracted ones take after extraction: their parties go through the
resolver (:func:`kg.resolve.resolve_entity`, one name resolver per article, so a short or misspelt name
resolves to the fullest name the article's claims give), then the RDF mapping and the store write with
rebuttal upkeep (:func:`kg.graph.loader.store_payloads`). Each claim is attributed to the claims
importer (``prov:wasAttributedTo <id/agent/claims-importer>``), not to the extractor.

An import gives an article's claims: like re-ingesting an article, it replaces the claims stored for
that article (so re-importing the same file changes nothing, and a corrected file replaces the earlier
import). An article the file names only by id must already be in the store; its metadata and text
fingerprint are kept, and its claims' offsets are checked against its stored text length. Every check
runs before the one write: a file with a bad line writes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kg.graph.article_text import stored_text
from kg.graph.loader import IngestReport, store_payloads
from kg.graph.payload import ArticlePayload, prepare
from kg.graph.store import Store
from kg.graph.views import load_query
from kg.graph.vocab import IMPORTER_AGENT
from kg.ingest.claims import ClaimLinesError, ClaimsFile, parse_claims
from kg.models import Article, Claim, Entity


def import_claims(store: Store, text: str, source: str) -> IngestReport:
    """Check every line of a claims file, then store its articles' claims in one write."""
    parsed = parse_claims(text, source)
    article_ids = _article_ids(parsed)
    stored = _stored_articles(store, article_ids)
    errors = _reference_errors(parsed, stored)
    if errors:
        raise ClaimLinesError(source, errors)
    payloads = [_payload(store, parsed, article_id, stored) for article_id in article_ids]
    flags = store_payloads(store, payloads)
    report = IngestReport()
    for payload, changed in zip(payloads, flags, strict=True):
        if not changed:
            report.unchanged += 1
        elif payload.article_id in stored:
            report.changed += 1
        else:
            report.new += 1
        report.claims += payload.claims
        report.actors.update(c.actor for _, c in parsed.claims.get(payload.article_id, []))
    return report


def _article_ids(parsed: ClaimsFile) -> list[str]:
    """Articles in file order: those given with claims, then those given with their text only."""
    return list(dict.fromkeys([*parsed.claims, *parsed.articles]))


def _stored_articles(store: Store, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored metadata (articles.rq row) of each of ``article_ids`` that is in the store."""
    found: dict[str, dict[str, Any]] = {}
    for article_id in article_ids:
        rows = store.select(load_query("articles"), {"fArticle": article_id})
        if rows:
            found[article_id] = rows[0]
    return found


def _reference_errors(parsed: ClaimsFile, stored: dict[str, dict[str, Any]]) -> list[str]:
    """Errors of claims whose article is neither in the file nor in the store, or lies past its end."""
    errors = []
    for article_id, claims in parsed.claims.items():
        if article_id in parsed.articles:
            continue
        row = stored.get(article_id)
        for number, claim in claims:
            if row is None:
                errors.append(
                    f"line {number}: article {article_id!r} is neither in the file nor in the store "
                    "(add a line with its id and text)"
                )
            elif claim.end > int(row.get("textLength") or 0):
                errors.append(
                    f"line {number}: offsets {claim.start}-{claim.end} are past the end of stored "
                    f"article {article_id!r} ({row.get('textLength')} characters)"
                )
    return sorted(errors, key=lambda message: int(message.split(":", 1)[0].removeprefix("line ")))


def _payload(
    store: Store, parsed: ClaimsFile, article_id: str, stored: dict[str, dict[str, Any]]
) -> ArticlePayload:
    claims = resolve_claims([claim for _, claim in parsed.claims.get(article_id, [])])
    article = parsed.articles.get(article_id)
    if article is not None:
        return prepare(article, claims, IMPORTER_AGENT)
    row = stored[article_id]  # _reference_errors made sure it is there
    kept = Article(
        id=article_id,
        # "" for a store written before the text was kept: the stored fingerprint stands for it
        text=stored_text(store, article_id) or "",
        date=_text(row.get("date")),
        url=_text(row.get("url")),
        title=_text(row.get("title")),
        publisher=_text(row.get("publisher")),
    )
    fingerprint = (str(row["textHash"]), int(row["textLength"]))
    return prepare(kept, claims, IMPORTER_AGENT, fingerprint)


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


# --- resolution --------------------------------------------------------------------------------------


def resolve_claims(claims: list[Claim]) -> list[Claim]:
    """The claims of one article with their parties resolved as the extractor resolves its own."""
    from kg.resolve import NameResolver

    names = NameResolver()
    # Every spelling the article's claims give is registered first, so that a short or misspelt name
    # ("Clapper", "Hong Le") resolves to the fullest one whichever line comes first, as the extractor's
    # names resolve against the whole article.
    for claim in claims:
        names.see(claim.actor, claim.actor_type, claim.affiliation or None)
        if claim.target_type != "act":
            names.see(claim.target, claim.target_type, claim.target_affiliation or None)
    return [_resolved(claim, names) for claim in claims]


def _resolved(claim: Claim, names: Any) -> Claim:
    actor = _entity(claim.actor, claim.actor_type, claim.affiliation, claim.evidence, names, speaker=True)
    target = _entity(claim.target, claim.target_type, claim.target_affiliation, claim.evidence, names)
    extra = dict(claim.extra)
    for role, entity, written in (("actor", actor, claim.actor), ("target", target, claim.target)):
        # the name the file used stays findable (skos:altLabel) when the resolver renamed the party
        aliases = tuple(dict.fromkeys([*entity.aliases, *([written] if written != entity.name else [])]))
        extra.update({f"{role}_aliases": aliases, f"{role}_wikidata": entity.wikidata})
        extra[f"{role}_mitre"] = entity.mitre_id
    return replace(
        claim,
        actor=actor.name,
        actor_type=actor.type if actor.type != "act" else "unknown",
        affiliation=actor.affiliation,
        target=target.name,
        target_type=target.type,
        target_affiliation=target.affiliation,
        actor_galaxy=claim.actor_galaxy or actor.galaxy_uuid,
        target_galaxy=claim.target_galaxy or target.galaxy_uuid,
        extra={k: v for k, v in extra.items() if v},
    )


def _entity(
    name: str, kind: str, affiliation: str, context: str, names: Any, speaker: bool = False
) -> Entity:
    """The resolved party; what the file says (a type, an affiliation) wins over what is inferred."""
    from kg.resolve import resolve_entity
    from kg.resolve.names import is_reference

    if kind == "act":  # an act or practice is no party to resolve
        return Entity(name=name.strip(), type="act", affiliation=affiliation)
    if is_reference(name):
        # "the company", "he": the extractor resolves these from the article's sentences; a claims file
        # gives no such context, and the other claims' names are no safe antecedent, so it stays as written
        return Entity(name=name.strip(), type=kind, affiliation=affiliation)
    hint = kind if kind != "unknown" else None
    found = resolve_entity(name, context, names, speaker=speaker, type_hint=hint)
    return replace(
        found,
        name=found.name or name.strip(),
        type=kind if kind != "unknown" else found.type,
        affiliation=affiliation or found.affiliation,
    )

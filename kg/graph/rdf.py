"""Claims -> RDF: the quads one article contributes, all in the article's own named graph.

Shape of the graph (see ``ontology/attribution.ttl`` for the documentation of every term)::

    <id/article/A> a akg:Article, schema:NewsArticle ; dcterms:identifier "A" ; schema:headline ;
        schema:url ; dcterms:date, schema:datePublished (xsd:date) ; prov:wasAttributedTo <publisher> ;
        akg:text ; akg:textHash ; akg:textLength .
    <id/claim/H> a akg:Claim ; prov:wasDerivedFrom <id/article/A> ; akg:claimant <actor> ;
        akg:stance stance:deny ; akg:target <party or act> ; akg:topic topic:state-sponsorship ;
        akg:claimText ; akg:negated ; akg:confidence ; akg:reportedVia ; akg:cue ; akg:evidence <E> ;
        prov:wasAttributedTo <id/agent/extractor or id/agent/claims-importer> .
    <id/agent/...> a prov:SoftwareAgent .
    <E = claim IRI + "/evidence"> a akg:Evidence (an oa:SpecificResource) ; oa:hasSource <id/article/A> ;
        oa:hasSelector <E/position>, <E/quote> .
    <E/position> a oa:TextPositionSelector ; oa:start ; oa:end .
    <E/quote> a oa:TextQuoteSelector ; oa:exact "evidence sentence" .
    <id/actor/S> a akg:Actor, akg:Person ; rdfs:label ; skos:altLabel ; akg:speaksFor <id/actor/T> ;
        owl:sameAs wd:Q.. ; akg:mispGalaxyUuid ; akg:attackId .

Each article graph repeats the description of every party it mentions (one label, one class, at most
one affiliation per party and graph), so deleting one article's graph leaves the others whole and a
query can read a party's description from the graph of the claim that mentions it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import InputError
from kg.graph import external
from kg.graph.vocab import (
    ACTOR_CLASS,
    DCTERMS,
    EXTRACTOR_AGENT,
    OA,
    OWL_SAME_AS,
    PROV,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEMA,
    SKOS_ALT_LABEL,
    act_iri,
    actor_iri,
    akg,
    article_iri,
    claim_iri,
    graph_iri,
    iso_date,
    n,
    stance_iri,
    topic_iri,
    typed,
    wikidata_iri,
)
from kg.models import STANCES, TOPICS, Article, Claim

_PARTY_TYPES = ("person", "government", "organization", "group", "media")
# terms used for every claim, built once
_CLAIM = akg("Claim")
_EVIDENCE_CLASS = akg("Evidence")
_DERIVED_FROM = n(PROV + "wasDerivedFrom")
_CLAIMANT, _STANCE, _TARGET, _TOPIC = akg("claimant"), akg("stance"), akg("target"), akg("topic")
_CLAIM_TEXT, _NEGATED, _CONFIDENCE = akg("claimText"), akg("negated"), akg("confidence")
_REPORTED_VIA, _CUE, _EVIDENCE = akg("reportedVia"), akg("cue"), akg("evidence")
_HAS_SOURCE, _HAS_SELECTOR = n(OA + "hasSource"), n(OA + "hasSelector")
_POSITION_SELECTOR, _QUOTE_SELECTOR = n(OA + "TextPositionSelector"), n(OA + "TextQuoteSelector")
_START, _END, _EXACT = n(OA + "start"), n(OA + "end"), n(OA + "exact")
_TRUE, _FALSE = Literal(True), Literal(False)
_ATTRIBUTED_TO, _SOFTWARE_AGENT = n(PROV + "wasAttributedTo"), n(PROV + "SoftwareAgent")


@dataclass
class _Party:
    """What one article graph says about one party (merged over the claims that mention it)."""

    iri: NamedNode
    label: str
    type: str = "unknown"
    state: bool = False
    affiliation: str = ""
    aliases: set[str] = field(default_factory=set)
    galaxy: str | None = None
    mitre: str | None = None
    wikidata: str | None = None
    affiliation_iri: NamedNode | None = None

    def merge(self, kind: str, affiliation: str = "", galaxy: str | None = None) -> None:
        # first specific type wins, so one graph never gives a party two classes
        if self.type == "unknown" and kind in _PARTY_TYPES:
            self.type = kind
        self.affiliation = self.affiliation or affiliation
        self.galaxy = self.galaxy or galaxy


class _Parties:
    """The parties of one article, keyed by IRI, in first-mention order."""

    def __init__(self) -> None:
        self.by_iri: dict[str, _Party] = {}

    def add(
        self, name: str, kind: str, affiliation: str = "", galaxy: str | None = None, **ids: Any
    ) -> NamedNode | None:
        name = name.strip()
        if not name:
            return None
        info = external.lookup(name, kind)
        if kind == "act" and not info.state:
            return self._add_act(name)
        canonical = info.name or name
        iri = actor_iri(canonical)
        party = self.by_iri.get(iri.value)
        if party is None:
            party = self.by_iri[iri.value] = _Party(iri, canonical)
        kind = "government" if info.state and kind in ("unknown", "act") else kind
        party.merge(kind, affiliation or info.affiliation, galaxy)
        party.state = party.state or info.state
        party.wikidata = party.wikidata or ids.get("wikidata") or info.wikidata
        party.mitre = party.mitre or ids.get("mitre") or info.mitre
        party.aliases.update(a for a in (*info.aliases, *(ids.get("aliases") or ())) if a and a != canonical)
        if name != canonical:
            party.aliases.add(name)
        return iri

    def _add_act(self, name: str) -> NamedNode:
        iri = act_iri(name)
        self.by_iri.setdefault(iri.value, _Party(iri, name, type="act"))
        return iri

    def add_affiliations(self) -> None:
        """Give every affiliation its own node (a state, or the organisation spoken for)."""
        for party in list(self.by_iri.values()):
            if party.affiliation and party.type != "act":
                kind = "government" if external.lookup(party.affiliation, "unknown").state else "organization"
                target = self.add(party.affiliation, kind)
                party.affiliation_iri = target if target != party.iri else None

    def quads(self, graph: NamedNode) -> Iterable[Quad]:
        for party in self.by_iri.values():
            yield from _party_quads(party, graph)


def _party_quads(party: _Party, graph: NamedNode) -> Iterable[Quad]:
    s = party.iri
    if party.type == "act":
        yield Quad(s, RDF_TYPE, akg("Act"), graph)
    else:
        yield Quad(s, RDF_TYPE, akg("Actor"), graph)
        if party.type in ACTOR_CLASS:
            yield Quad(s, RDF_TYPE, n(ACTOR_CLASS[party.type]), graph)
        if party.state:
            yield Quad(s, RDF_TYPE, akg("State"), graph)
    yield Quad(s, RDFS_LABEL, Literal(party.label), graph)
    for alias in sorted(party.aliases):
        yield Quad(s, SKOS_ALT_LABEL, Literal(alias), graph)
    if party.affiliation_iri is not None:
        yield Quad(s, akg("speaksFor"), party.affiliation_iri, graph)
    if party.wikidata:
        yield Quad(s, OWL_SAME_AS, wikidata_iri(party.wikidata), graph)
    if party.galaxy:
        yield Quad(s, akg("mispGalaxyUuid"), Literal(party.galaxy), graph)
    if party.mitre:
        yield Quad(s, akg("attackId"), Literal(party.mitre), graph)


def _article_quads(
    article: Article, parties: _Parties, graph: NamedNode, fingerprint: tuple[str, int] | None
) -> Iterable[Quad]:
    s = article_iri(article.id)
    yield Quad(s, RDF_TYPE, akg("Article"), graph)
    yield Quad(s, RDF_TYPE, n(SCHEMA + "NewsArticle"), graph)
    yield Quad(s, n(DCTERMS + "identifier"), Literal(article.id), graph)
    if article.title:
        yield Quad(s, n(SCHEMA + "headline"), Literal(article.title), graph)
    if article.url:
        yield Quad(s, n(SCHEMA + "url"), typed(article.url, "anyURI"), graph)
    day = iso_date(article.date)
    if day:
        yield Quad(s, n(DCTERMS + "date"), typed(day, "date"), graph)
        yield Quad(s, n(SCHEMA + "datePublished"), typed(day, "date"), graph)
    if article.publisher:
        publisher = parties.add(article.publisher, "media")
        if publisher is not None:
            yield Quad(s, n(PROV + "wasAttributedTo"), publisher, graph)
    if _storable(article.text, fingerprint):
        yield Quad(s, akg("text"), Literal(article.text), graph)
    digest, length = fingerprint or text_fingerprint(article.text)
    yield Quad(s, akg("textHash"), Literal(digest), graph)
    yield Quad(s, akg("textLength"), Literal(length), graph)


def _storable(text: str, fingerprint: tuple[str, int] | None) -> bool:
    """Whether ``text`` goes into the graph as ``akg:text``.

    Not when a stored fingerprint stands for a text the store never held (an article imported by id
    from a store written before the text was kept: its text is ""), nor when the text holds a lone
    surrogate, which no RDF literal can carry (its hash still counts it, as ``surrogatepass`` does).
    """
    if fingerprint is not None and not text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text_fingerprint(text: str) -> tuple[str, int]:
    """The ``akg:textHash`` and ``akg:textLength`` of an article text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), len(text)


def _check(claim: Claim, article: Article) -> None:
    if claim.stance not in STANCES:
        raise InputError(
            f"{article.id}: unknown stance {claim.stance!r} (expected one of {', '.join(STANCES)})"
        )
    if not claim.actor.strip():
        raise InputError(f"{article.id}: a claim without an actor at {claim.start}-{claim.end}")
    if claim.start < 0 or claim.end < claim.start:
        raise InputError(f"{article.id}: bad evidence offsets {claim.start}-{claim.end}")


def claim_node(article_id: str, claim: Claim) -> NamedNode:
    """The deterministic IRI of ``claim`` (hash of article id, offsets, actor, stance, target)."""
    return claim_iri(article_id, claim.start, claim.end, claim.actor, claim.stance, claim.target)


def _claim_quads(
    article: Article, claim: Claim, parties: _Parties, graph: NamedNode, c: NamedNode, agent: NamedNode
) -> Iterable[Quad]:
    extra = claim.extra or {}
    source = article_iri(article.id)
    actor = parties.add(
        claim.actor,
        claim.actor_type,
        claim.affiliation,
        claim.actor_galaxy,
        wikidata=extra.get("actor_wikidata"),
        mitre=extra.get("actor_mitre"),
        aliases=extra.get("actor_aliases"),
    )
    target = parties.add(
        claim.target,
        claim.target_type,
        claim.target_affiliation,
        claim.target_galaxy,
        wikidata=extra.get("target_wikidata"),
        mitre=extra.get("target_mitre"),
        aliases=extra.get("target_aliases"),
    )
    topic = claim.topic if claim.topic in TOPICS else "other"
    yield Quad(c, RDF_TYPE, _CLAIM, graph)
    yield Quad(c, _DERIVED_FROM, source, graph)
    yield Quad(c, _CLAIMANT, actor, graph)  # type: ignore[arg-type]
    yield Quad(c, _STANCE, stance_iri(claim.stance), graph)
    if target is not None:
        yield Quad(c, _TARGET, target, graph)
    yield Quad(c, _TOPIC, topic_iri(topic), graph)
    yield Quad(c, _CLAIM_TEXT, Literal(claim.claim or claim.evidence), graph)
    yield Quad(c, _NEGATED, _TRUE if claim.negated else _FALSE, graph)
    yield Quad(c, _CONFIDENCE, Literal(round(min(max(float(claim.confidence), 0.0), 1.0), 4)), graph)
    if claim.reported_via:
        yield Quad(c, _REPORTED_VIA, Literal(claim.reported_via), graph)
    if claim.cue:
        yield Quad(c, _CUE, Literal(claim.cue), graph)
    yield Quad(c, _ATTRIBUTED_TO, agent, graph)
    yield from _evidence_quads(article, claim, graph, c)


def _evidence_quads(article: Article, claim: Claim, graph: NamedNode, c: NamedNode) -> Iterable[Quad]:
    source = article_iri(article.id)
    evidence = NamedNode(c.value + "/evidence")
    position = NamedNode(evidence.value + "/position")
    quote = NamedNode(evidence.value + "/quote")
    yield Quad(c, _EVIDENCE, evidence, graph)
    yield Quad(evidence, RDF_TYPE, _EVIDENCE_CLASS, graph)
    yield Quad(evidence, _HAS_SOURCE, source, graph)
    yield Quad(evidence, _HAS_SELECTOR, position, graph)
    yield Quad(evidence, _HAS_SELECTOR, quote, graph)
    yield Quad(position, RDF_TYPE, _POSITION_SELECTOR, graph)
    yield Quad(position, _START, Literal(claim.start), graph)
    yield Quad(position, _END, Literal(claim.end), graph)
    yield Quad(quote, RDF_TYPE, _QUOTE_SELECTOR, graph)
    yield Quad(quote, _EXACT, Literal(claim.evidence), graph)


def article_quads(
    article: Article,
    claims: Sequence[Claim],
    agent: str = EXTRACTOR_AGENT,
    fingerprint: tuple[str, int] | None = None,
) -> list[Quad]:
    """Every quad of ``article`` and its ``claims``, all in ``graph_iri(article.id)``.

    Deterministic: the same article and claims give the same list, in the same order. Two claims with
    the same IRI (same offsets, actor, stance and target) are one claim; the first one wins. ``agent``
    is the software agent the claims are attributed to (the extractor, or the claims importer);
    ``fingerprint`` stands in for the text's hash and length when only a stored article's are known
    (``article.text`` is then the stored ``akg:text`` read back, or "" for a store that holds none).
    """
    graph = graph_iri(article.id)
    parties = _Parties()
    agent_node = n(agent)
    # each part yields distinct quads (claims are deduplicated by IRI, parties by IRI), so no set is needed
    out = list(_article_quads(article, parties, graph, fingerprint))
    seen: set[str] = set()
    for claim in claims:
        _check(claim, article)
        c = claim_node(article.id, claim)
        if c.value in seen:
            continue
        seen.add(c.value)
        out.extend(_claim_quads(article, claim, parties, graph, c, agent_node))
    if seen:  # the agent is described in every graph that cites it, like the parties
        out.append(Quad(agent_node, RDF_TYPE, _SOFTWARE_AGENT, graph))
    parties.add_affiliations()
    out.extend(parties.quads(graph))
    return out

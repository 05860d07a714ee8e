"""Response shapes, so that the OpenAPI document says exactly what the routes return."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pydantic import BaseModel, Field

from kg.graph.records import ClaimRecord


class Party(BaseModel):
    iri: str
    name: str
    type: str
    affiliation: str = ""
    affiliation_iri: str | None = None
    galaxy_uuid: str | None = None
    mitre_id: str | None = None
    wikidata: str | None = None
    aliases: list[str] = Field(default_factory=list)


class StoredClaim(BaseModel):
    iri: str
    article: str
    actor: Party
    stance: str
    target: Party
    topic: str
    claim: str
    evidence: str
    start: int
    end: int
    confidence: float
    negated: bool = False
    reported_via: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    rebuts: list[str] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict)


class ClaimPage(BaseModel):
    claims: list[StoredClaim]
    count: int = Field(description="Claims on this page")
    next: str | None = Field(description="URL of the next page, absent on the last one")


class ArticleMeta(BaseModel):
    id: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    claims: int = 0


class ArticlePage(BaseModel):
    articles: list[ArticleMeta]
    count: int
    next: str | None


class ArticleDetail(ArticleMeta):
    records: list[StoredClaim] = Field(description="The article's claims as stored")
    text: str | None = Field(
        None,
        description="The article text as ingested, with ?text=true (null otherwise, and for an article "
        "stored before its text was kept); every claim's start and end point into it",
    )


class IngestResult(BaseModel):
    article: ArticleMeta
    created: bool = Field(description="The article was not in the store before")
    changed: bool = Field(description="The store changed (False when the same text gave the same claims)")
    claims: list[dict[str, Any]] = Field(description="The extracted claims (the extractor's JSON records)")


class ImportResult(BaseModel):
    articles: int = Field(description="Articles the claims belong to")
    new: int = Field(description="Articles that were not in the store")
    changed: int = Field(description="Articles whose stored claims changed")
    unchanged: int = Field(description="Articles whose stored claims were already these (a re-import)")
    claims: int = Field(description="Claims stored for these articles")
    actors: int = Field(description="Distinct actors of the imported claims")


def claim_dict(record: ClaimRecord) -> dict[str, Any]:
    return asdict(record)

"""Hand-made claim records shared by the export tests (no store needed)."""

from __future__ import annotations

from kg.graph.records import ClaimRecord, PartyRecord

ID = "https://w3id.org/attribution-kg/id/"

CHINA = PartyRecord(
    iri=f"{ID}actor/china",
    name="China",
    type="government",
    affiliation="China",
    wikidata="Q148",
    aliases=("PRC", "People's Republic of China"),
)
USA = PartyRecord(iri=f"{ID}actor/united-states", name="United States", type="government")
CLAPPER = PartyRecord(
    iri=f"{ID}actor/james-clapper",
    name="James Clapper",
    type="person",
    affiliation="United States",
    affiliation_iri=f"{ID}actor/united-states",
)
HONG_LEI = PartyRecord(
    iri=f"{ID}actor/hong-lei",
    name="Hong Lei",
    type="person",
    affiliation="China",
    affiliation_iri=f"{ID}actor/china",
)
APT1 = PartyRecord(
    iri=f"{ID}actor/apt1",
    name="APT1",
    type="group",
    affiliation="China",
    galaxy_uuid="6abcd2e6-ff6b-4a6f-a8a7-f8c0bd1eb5e7",
    mitre_id="G0006",
    aliases=("Comment Crew", "PLA Unit 61398"),
)
MANDIANT = PartyRecord(iri=f"{ID}actor/mandiant", name="Mandiant", type="organization")
HACKING = PartyRecord(iri=f"{ID}act/hacking", name="hacking", type="act")
NOBODY = PartyRecord(iri=f"{ID}actor/x", name="", type="unknown")


def record(
    n: int,
    actor: PartyRecord,
    stance: str,
    target: PartyRecord,
    date: str | None = "2015-09-25",
    **fields: object,
) -> ClaimRecord:
    values: dict[str, object] = {
        "iri": f"{ID}claim/{n:04d}",
        "article": fields.pop("article", "a1"),
        "actor": actor,
        "stance": stance,
        "target": target,
        "topic": "cyber-espionage",
        "claim": f"claim {n}",
        "evidence": f'Evidence sentence {n}, with "quotes", commas; and a\nnewline.',
        "start": n * 10,
        "end": n * 10 + 9,
        "confidence": 0.8,
        "date": date,
    }
    values.update(fields)
    return ClaimRecord(**values)  # type: ignore[arg-type]


def sample() -> list[ClaimRecord]:
    """Two articles' worth of claims: dated and undated, several stances, rebuttals, an act target."""
    return [
        record(1, CLAPPER, "accuse", CHINA, topic="cyber-attack", url="https://example.org/a1", title="T1"),
        record(2, CLAPPER, "accuse", CHINA, date="2015-09-26"),
        record(3, CLAPPER, "accuse", CHINA, date="2015-10-03"),
        record(4, HONG_LEI, "deny", CHINA, rebuts=(f"{ID}claim/0001", f"{ID}claim/0002")),
        record(5, HONG_LEI, "condemn", HACKING, date=None),
        record(6, MANDIANT, "accuse", APT1, date="2013-02-18", article="a2", confidence=1.0),
        record(7, MANDIANT, "accuse", APT1, date=None, article="a2", reported_via="a report"),
        record(8, CHINA, "deny", APT1, date="2013-02-19", article="a2", extra={"cue": "groundless"}),
        record(9, USA, "warn", CHINA, date="2015-09-25T12:00:00", negated=True),
        record(10, NOBODY, "assert", USA, date="not a date", confidence=0.0),
        record(11, HONG_LEI, "deny", HACKING, date="2015-09-25"),
    ]

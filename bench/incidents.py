"""Score incident linking against gold incident labels: B-cubed P/R/F1 across articles, and statuses.

    .venv/bin/python bench/incidents.py [--labels eval/incidents.gold.json] [--sets corpus,dev]
                                        [--extracted] [--verbose]

The gold claims of each set (``../shared/eval/corpus/corpus.gold.json``, ``../shared/eval/dev.gold.json``)
are imported through the claims importer (``kg ingest --claims``: resolution, RDF mapping, incident
mentions, the derived incidents graph) into one temporary store per set, so claims about one operation
in different articles can meet; the incidents are then read back from the store as ``kg incidents``
gives them. Every gold claim the labels assign to an incident is an item of the B-cubed score; a claim
the linker left out is a cluster of its own. The status of each labelled incident is that of the
predicted incident holding most of its claims; "status from the gold clusters" computes it instead from
the incident's own gold claims, which measures the attribution record apart from the clustering.

``--extracted`` scores end to end as well: the articles' claims as the extractor finds them, each
matched to the gold claim of the same sentence with the same stance and actor (unmatched gold claims
count as unlinked).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from questions import EVAL, _matches, claims_file, gold_claims, load_article  # noqa: E402

from kg.graph import open_store  # noqa: E402
from kg.graph.importer import import_claims  # noqa: E402
from kg.incidents import attribution_record, incidents_in_store  # noqa: E402
from kg.incidents.model import ClaimFacts, Incident, LinkedClaim  # noqa: E402
from kg.incidents.score import b_cubed  # noqa: E402
from kg.settings import Settings  # noqa: E402

SETS = {"corpus": (EVAL / "corpus", "corpus.gold.json"), "dev": (EVAL, "dev.gold.json")}
GROUPS = {"corpus": ("corpus",), "dev": ("dev",), "all": ("corpus", "dev")}  # "all": one store for both
DEFAULT_LABELS = ROOT / "eval" / "incidents.gold.json"


def read_labels(path: Path) -> tuple[dict[tuple[str, str], str | None], dict[str, str]]:
    """Gold claim -> incident label (None: about no incident), and incident label -> status.

    The labels file (eval/incidents.gold.json) has ``incidents`` (id, name, aliases, victim,
    first_reported, articles, status) and ``claims``: article -> gold claim id -> {"incident": id or
    null, "also": [...]}; a claim's first incident is its label."""
    data = json.loads(path.read_text(encoding="utf-8"))
    statuses = {str(inc["id"]): str(inc["status"]) for inc in data["incidents"] if inc.get("status")}
    labels = {
        (article, claim_id): (str(label["incident"]) if label.get("incident") else None)
        for article, claims in data["claims"].items()
        for claim_id, label in claims.items()
    }
    return labels, statuses


def _gold_key(gold_claim: dict, claim) -> tuple:
    return (claim.article, claim.start, claim.end, claim.stance)


def import_gold(store, names: tuple[str, ...]) -> dict[tuple, list[tuple[str, dict]]]:
    """Import the sets' gold claims into ``store``; (article, start, end, stance) -> [(gold id, gold)]."""
    lines, index = [], defaultdict(list)
    for name in names:
        eval_dir, filename = SETS[name]
        gold = json.loads((eval_dir / filename).read_text(encoding="utf-8"))
        for ga in gold["articles"]:
            article = load_article(ga, eval_dir)
            claims = gold_claims(ga, article)
            lines.append(claims_file(article, claims))
            for g, c in zip(ga["claims"], claims, strict=True):
                index[_gold_key(g, c)].append((g["id"], g))
    import_claims(store, "".join(lines), f"{'+'.join(names)} gold claims")
    return index


def fill_extracted(store, names: tuple[str, ...]) -> dict[str, dict]:
    """Extract the sets' articles and store them as ``kg ingest`` does; article id -> its gold article."""
    from kg.extract import get_extractor

    extractor, gold_articles, batch = get_extractor(), {}, []
    for name in names:
        eval_dir, filename = SETS[name]
        for ga in json.loads((eval_dir / filename).read_text(encoding="utf-8"))["articles"]:
            article = load_article(ga, eval_dir)
            batch.append((article, extractor.extract(article)))
            gold_articles[article.id] = ga
    store.replace_articles(batch)
    return gold_articles


def extracted_clusters(incidents, gold_articles) -> dict[tuple[str, str], str]:
    """Gold claim -> the incident of the extracted claim that matches it (same article, a gold stance,
    evidence holding the gold evidence, a gold actor name)."""
    out: dict[tuple[str, str], str] = {}
    for inc in incidents:
        for lc in inc.claims:
            c = lc.claim
            for g in gold_articles.get(c.article, {}).get("claims", ()):
                stances = {g["stance"], *g.get("alt_stances", ())}
                if (
                    (c.article, g["id"]) not in out
                    and c.stance in stances
                    and g.get("evidence_contains", "\0") in c.evidence
                    and _matches(c.actor, g["actor"])
                ):
                    out[(c.article, g["id"])] = inc.id
                    break
    return out


def predicted_clusters(incidents, index) -> tuple[dict[tuple[str, str], str], dict[str, object]]:
    """Gold claim -> predicted incident id (through the stored claim of the same sentence and stance)."""
    out: dict[tuple[str, str], str] = {}
    by_id = {}
    for inc in incidents:
        by_id[inc.id] = inc
        for lc in inc.claims:
            c = lc.claim
            candidates = index.get((c.article, c.start, c.end, c.stance), [])
            free = [(gid, g) for gid, g in candidates if (c.article, gid) not in out]
            pick = next(
                (gid for gid, g in free if _matches(c.actor, g["actor"]) and _matches(c.target, g["target"])),
                None,
            )
            pick = pick or next((gid for gid, g in free if _matches(c.actor, g["actor"])), None)
            pick = pick or (free[0][0] if free else None)
            if pick:
                out[(c.article, pick)] = inc.id
    return out, by_id


def _facts(record) -> ClaimFacts:
    return ClaimFacts(
        record.iri, record.article, record.date, record.actor.name, record.actor.type,
        record.actor.affiliation, record.stance, record.target.name, record.target.type,
        record.target.affiliation, record.negated, record.claim, str(record.extra.get("cue") or ""),
        record.evidence, record.start, record.end,
    )  # fmt: skip


def oracle_statuses(records, index, labels, statuses) -> tuple[int, int, list[str]]:
    """The status computed from each labelled incident's own gold claims (the clustering taken from the
    labels): a measure of the attribution record alone."""
    members = defaultdict(list)
    used: set[tuple[str, str]] = set()
    for record in records:
        candidates = index.get((record.article, record.start, record.end, record.stance), [])
        free = [(gid, g) for gid, g in candidates if (record.article, gid) not in used]
        pick = next((gid for gid, g in free if _matches(record.actor.name, g["actor"])), None)
        pick = pick or (free[0][0] if free else None)
        if pick is None:
            continue
        used.add((record.article, pick))
        label = labels.get((record.article, pick))
        if label:
            members[label].append(LinkedClaim(_facts(record), "oracle", label))
    right, total, wrong = 0, 0, []
    for label, claims in sorted(members.items()):
        if label not in statuses:
            continue
        incident = Incident(label, label, "incident", (), (), None, None, None, (), tuple(claims))
        got = attribution_record(incident).status
        total += 1
        right += got == statuses[label]
        if got != statuses[label]:
            wrong.append(f"{label}: gold {statuses[label]}, from its gold claims {got}")
    return right, total, wrong


def status_matches(labels, statuses, predicted, by_id, verbose: bool) -> tuple[int, int]:
    members = defaultdict(list)
    for item, label in labels.items():
        members[label].append(item)
    right = total = 0
    for label, status in sorted(statuses.items()):
        items = members.get(label, [])
        if not items:
            continue
        total += 1
        held = Counter(predicted[i] for i in items if i in predicted)
        got = attribution_record(by_id[held.most_common(1)[0][0]]).status if held else "unattributed"
        right += got == status
        if verbose:
            print(
                f"   status {label}: gold {status}, predicted {got}" + ("" if held else " (no claim linked)")
            )
    return right, total


def score_set(name: str, labels, statuses, verbose: bool, extracted: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="kg-incidents-") as folder:
        store = open_store(Settings(store=folder))
        try:
            if extracted:
                gold_articles = fill_extracted(store, GROUPS[name])
                index = {(a, 0, 0, ""): [] for a in gold_articles}
            else:
                index = import_gold(store, GROUPS[name])
            incidents = incidents_in_store(store)
            records = [] if extracted else list(store.claims())
        finally:
            store.close()
    if extracted:
        predicted, by_id = extracted_clusters(incidents, gold_articles), {i.id: i for i in incidents}
    else:
        predicted, by_id = predicted_clusters(incidents, index)
    articles = {k[0] for k in index}
    gold = {item: label for item, label in labels.items() if item[0] in articles and label}
    unlabelled = [item for item, label in labels.items() if item[0] in articles and not label]
    local_statuses = {label: s for label, s in statuses.items() if label in set(gold.values())}
    score = b_cubed(gold, predicted)
    linked = sum(1 for item in gold if item in predicted)
    spurious = sum(1 for item in unlabelled if item in predicted)
    right, total = status_matches(gold, local_statuses, predicted, by_id, verbose)
    o_right, o_total, o_wrong = oracle_statuses(records, index, gold, local_statuses)
    if verbose:
        for line in o_wrong:
            print(f"   oracle status {line}")
    if verbose:
        for inc in incidents:
            print(
                f"   {inc.id}: {len(inc.claims)} claims, {len(inc.articles)} articles; {'; '.join(inc.merged_because)[:160]}"
            )
    return {
        "set": name,
        "items": score.items,
        "linked": linked,
        "precision": round(score.precision, 3),
        "recall": round(score.recall, 3),
        "f1": round(score.f1, 3),
        "status_right": right,
        "status_total": total,
        "incidents_predicted": len(incidents),
        "incidents_gold": len(set(gold.values())),
        "unlabelled": len(unlabelled),
        "unlabelled_linked": spurious,
        "oracle_status_right": o_right,
        "oracle_status_total": o_total,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--sets", default="corpus,dev,all", help="corpus, dev, all (both in one store)")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--extracted", action="store_true", help="also score on the extractor's claims")
    args = parser.parse_args()
    if not args.labels.is_file():
        print(f"no incident labels at {args.labels}", file=sys.stderr)
        return 1
    labels, statuses = read_labels(args.labels)
    runs = [(name.strip(), False) for name in args.sets.split(",")]
    runs += [(name, True) for name, _ in runs] if args.extracted else []
    for name, extracted in runs:
        result = score_set(name, labels, statuses, args.verbose, extracted)
        print(
            f"{result['set']}{' (extracted claims)' if extracted else ''}: B-cubed P {result['precision']:.3f} R {result['recall']:.3f} "
            f"F1 {result['f1']:.3f} over {result['items']} labelled claims ({result['linked']} linked); "
            f"status {result['status_right']}/{result['status_total']} incidents right; "
            f"{result['incidents_predicted']} incidents predicted for {result['incidents_gold']} labelled; "
            f"{result['unlabelled_linked']}/{result['unlabelled']} claims about no incident linked to one; "
            f"status from the gold clusters {result['oracle_status_right']}/{result['oracle_status_total']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

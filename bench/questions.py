"""Score ``kg ask`` on the gold questions (``../shared/eval``), each asked of a store holding only its article.

    .venv/bin/python bench/questions.py [--gold seed|dev|corpus|all] [--oracle] [--out DIR] [--verbose]
    .venv/bin/python bench/questions.py --timing-store DIR [--repeat 3]

Each question is asked of an embedded store (in a temporary directory) holding only its article, with
the claims the extractor finds in it; the answers go to ANSWERS-*.jsonl and ``score.py --questions``
scores them. ``--gold all`` is the seed, dev and corpus (``corpus/corpus.gold.json``) questions.

``--oracle`` asks every question twice: once of a store holding the article's *gold* claims, imported
as a JSON Lines claims file through the claims importer (``kg ingest --claims``: the same resolution,
mapping and rebuttal upkeep as extracted claims), so the question layer is measured without extraction
errors; and once end to end, with the extracted claims. Its last line is
``oracle: N/M right; extracted: K/M right`` over the corpus questions (the last set asked).

An answer is scored by its top group (``Answer.top``: the rows of the best score, see
docs/questions.md): their names, the names their evidence uses and a spokesperson's state go to
``score.py``; rows ranked below are not submitted. For the corpus questions the figures of folds 0-2
of ``corpus/folds.json`` (those the question layer is tuned on) and of the held-out folds 3-4 are
printed beside the total.

For each wrong question the script tells whether the expected answer was absent from the store's claims
(an extraction miss) or present but not picked (a question-layer miss).

``--timing-store DIR`` instead times one question of each kind on an existing embedded store (e.g. one
built by ``bench/claims.py --store DIR`` with real articles ingested beside it): the first answer and the
median of ``--repeat`` more, the share spent in SPARQL, the rows fetched and whether the answer was
bounded ("truncated").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))

from kg.ask import Answer, answer  # noqa: E402
from kg.ask.match import core, norm  # noqa: E402
from kg.errors import KgError  # noqa: E402
from kg.graph import open_store  # noqa: E402
from kg.graph.importer import import_claims  # noqa: E402
from kg.graph.rebuttals import refresh_rebuttals  # noqa: E402
from kg.ingest.readers import read_file  # noqa: E402
from kg.models import Article, Claim  # noqa: E402
from kg.settings import Settings  # noqa: E402


def load_article(gold_article: dict, eval_dir: Path) -> Article:
    path = eval_dir / gold_article["file"]
    if not path.exists():
        path = eval_dir.parent / gold_article["file"]
    items = [a for a in read_file(path) if isinstance(a, Article)]
    if not items:
        raise SystemExit(f"cannot read {path}")
    article = items[0]
    return Article(
        gold_article["article"],
        article.text,
        article.source,
        article.date,
        article.url,
        article.title,
        article.publisher,
    )


def _sentence_at(text: str, needle: str) -> tuple[int, int]:
    at = text.find(needle)
    if at < 0:
        return 0, 0
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    ends = [e for e in (text.find(". ", at + len(needle)), text.find("\n", at + len(needle))) if e >= 0]
    end = min(ends) + 1 if ends else len(text)
    return start, end


def gold_claims(gold_article: dict, article: Article, alias: int = 0) -> list[Claim]:
    """The gold claims as an extractor would emit them (the ``alias``-th actor and target name of each,
    or the last when there are fewer: a check that questions find parties under any of their names)."""
    out = []
    for gold in gold_article["claims"]:
        start, end = _sentence_at(article.text, gold.get("evidence_contains", ""))
        out.append(
            Claim(
                article=article.id,
                actor=gold["actor"][min(alias, len(gold["actor"]) - 1)],
                actor_type=gold.get("actor_type", "unknown"),
                affiliation=gold.get("affiliation") or "",
                stance=gold["stance"],
                target=gold["target"][min(alias, len(gold["target"]) - 1)],
                topic=gold.get("topic", "other"),
                claim=gold.get("claim", ""),
                evidence=article.text[start:end],
                start=start,
                end=end,
                confidence=1.0,
            )
        )
    return out


_EXTRACTED: dict[str, list[Claim]] = {}  # article id -> its extracted claims (several questions per article)


def claims_for(gold_article: dict, article: Article, oracle: bool, alias: int = 0) -> list[Claim]:
    if oracle:
        return gold_claims(gold_article, article, alias)
    from kg.extract import get_extractor

    if article.id not in _EXTRACTED:
        _EXTRACTED[article.id] = get_extractor().extract(article)
    return _EXTRACTED[article.id]


def claims_file(article: Article, claims: list[Claim]) -> str:
    """The article and its claims as a JSON Lines claims file (an article line, then a line per claim)."""
    meta = {"date": article.date, "url": article.url, "title": article.title, "publisher": article.publisher}
    head = {"id": article.id, "text": article.text} | {k: v for k, v in meta.items() if v}
    lines = [head, *(claim.to_dict() for claim in claims)]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def fill_store(store, article: Article, claims: list[Claim], oracle: bool) -> None:
    """Gold claims go in through the claims importer; extracted ones as ``kg ingest`` stores them."""
    if oracle:
        import_claims(store, claims_file(article, claims), f"{article.id} (gold claims)")
        return
    store.replace_article(article, claims)
    refresh_rebuttals(store)  # as ingest does after every batch


def _matches(name: str, aliases: list[str]) -> bool:
    n, c = norm(name), core(name)
    return any(n == norm(a) or c == core(a) or f" {norm(a)} " in f" {n} " for a in aliases if norm(a))


def diagnose(question: dict, names: list[str], claims: list[Claim]) -> list[str]:
    """Why a question went wrong: which expected answers the extractor never produced."""
    notes = []
    for group in question["answers"]:
        if any(_matches(n, group) for n in names):
            continue
        held = [
            c for c in claims if not c.negated and (_matches(c.actor, group) or _matches(c.target, group))
        ]
        if held:
            shown = "; ".join(f"{c.actor} {c.stance} {c.target}" for c in held[:4])
            notes.append(f"question layer: {group[0]} is in the store ({shown}) but was not picked")
        else:
            notes.append(f"extractor: no claim by or about {group[0]}")
    for bad in question.get("must_not", []):
        if any(_matches(n, [bad]) for n in names):
            notes.append(f"answered {bad}, which must not be an answer")
    return notes


def answer_names(result: Answer) -> list[str]:
    """The names an answer is scored by: its top group (the rows of the best score; the rows ranked
    below are not submitted), each party under its graph label, the names its evidence uses and, for a
    spokesperson, the state or body it speaks for."""
    return [n for row in result.top for n in (row.name, *row.mentions, row.speaks_for) if n]


def ask_gold(
    gold: dict, eval_dir: Path, oracle: bool, verbose: bool, alias: int = 0
) -> tuple[list[dict], float]:
    """Ask each question of ``gold`` of a store holding only its article; the answer records and the
    time spent answering."""
    articles = {a["article"]: a for a in gold["articles"]}
    default = gold["articles"][0]["article"] if len(gold["articles"]) == 1 else None
    records, spent = [], 0.0
    for question in gold["questions"]:
        article_id = question.get("article") or default
        gold_article = articles[article_id]
        article = load_article(gold_article, eval_dir)
        claims = claims_for(gold_article, article, oracle, alias)
        with tempfile.TemporaryDirectory(prefix="kg-questions-") as folder:
            store = open_store(Settings(store=folder))
            try:
                fill_store(store, article, claims, oracle)
                began = time.perf_counter()
                try:
                    names = answer_names(answer(question["q"], store))
                except KgError as exc:
                    print(f"   error: {question['q']}: {exc.message}")
                    names = []
                spent += time.perf_counter() - began
            finally:
                store.close()
        record = {"q": question["q"], "answers": names}
        if "article" in question:
            record["article"] = question["article"]
        records.append(record)
        notes = diagnose(question, names, claims)
        if notes or verbose:
            print(f"-- {article_id}: {question['q']} -> {names[:6]}")
            for note in notes:
                print(f"   {note}")
    return records, spent


TIMED_QUESTIONS = [
    "who denied sponsorship of attacks?",
    "who accused China?",
    "who did James Clapper accuse?",
    "who denied involvement in the Yahoo breach?",
    "which states were accused of espionage, and by whom?",
    "who rebutted whom?",
    "what did Hong Lei say about hackers?",
]


def time_questions(folder: Path, repeat: int) -> None:
    """Time each kind of question on the store in ``folder``: first answer, median, SPARQL share."""
    import statistics

    store = open_store(Settings(store=str(folder)))
    select, spent = store.select, [0.0, 0]

    def timed_select(sparql: str, bindings: dict | None = None) -> list:
        began = time.perf_counter()
        rows = select(sparql, bindings)
        spent[0] += time.perf_counter() - began
        spent[1] += len(rows)
        return rows

    store.select = timed_select  # type: ignore[method-assign]
    try:
        print(f"store {folder}: {store.stats()}")
        for question in TIMED_QUESTIONS:
            times = []
            for run in range(1 + repeat):
                spent[:] = [0.0, 0]
                began = time.perf_counter()
                result = answer(question, store)
                times.append(time.perf_counter() - began)
                if run == 0:
                    first_sparql, rows = spent[0], spent[1]
            median = statistics.median(times[1:]) if repeat else times[0]
            print(
                f"{question:55} first {times[0]:7.2f} s (SPARQL {first_sparql / times[0]:4.0%}, {rows:6} rows)"
                f"  median {median:7.2f} s  answers {len(result.answers):4}"
                f"{'  truncated' if result.truncated else ''}"
            )
    finally:
        store.close()


GOLD_FILES = {"seed": "seed.gold.json", "dev": "dev.gold.json", "corpus": "corpus/corpus.gold.json"}
FOLDS_FILE = "corpus/folds.json"  # article id -> fold (0-4)
TUNED_FOLDS = frozenset({0, 1, 2})  # the folds whose failures the question layer was tuned on


def fold_figures(score_text: str, folds: dict[str, int]) -> dict[str, tuple[int, int]]:
    """(right, asked) of the tuned and the held-out folds, from ``score.py --questions`` output."""
    figures = {"tuned": [0, 0], "held out": [0, 0]}
    for line in score_text.splitlines():
        verdict, _, rest = line.partition(" ")
        article = rest.split(":", 1)[0].strip()
        if verdict not in {"ok", "BAD"} or article not in folds:
            continue
        split = figures["tuned" if folds[article] in TUNED_FOLDS else "held out"]
        split[0] += verdict == "ok"
        split[1] += 1
    return {k: (v[0], v[1]) for k, v in figures.items()}


def run_set(name: str, args: argparse.Namespace, out: Path, oracle: bool) -> tuple[int, int]:
    """Ask, write and score one gold set; (right, asked) as ``score.py --questions`` counts them."""
    gold_path = args.eval_dir / GOLD_FILES[name]
    records, spent = ask_gold(
        json.loads(gold_path.read_text()), gold_path.parent, oracle, args.verbose, args.alias
    )
    label = f"{name}-oracle" if oracle else name
    answers = out / f"ANSWERS-{label}.jsonl"
    answers.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    scored = subprocess.run(
        [sys.executable, str(args.eval_dir / "score.py"), "--questions", str(gold_path), str(answers)],
        check=False,
        capture_output=True,
        text=True,
    )
    (out / f"SCORE-{label}.txt").write_text(scored.stdout)
    if args.verbose:
        print(scored.stdout, end="")
    right, asked = (int(x) for x in scored.stdout.strip().splitlines()[-1].split()[1].split("/"))
    splits = ""
    folds_path = args.eval_dir / FOLDS_FILE
    if name == "corpus" and folds_path.exists():
        figures = fold_figures(scored.stdout, json.loads(folds_path.read_text()))
        shown = ", ".join(f"{k} {r}/{n}" for k, (r, n) in figures.items())
        splits = f" (folds {','.join(map(str, sorted(TUNED_FOLDS)))} tuned / others held out: {shown})"
    print(
        f"== {name}{' (oracle: gold claims, imported)' if oracle else ' (extracted claims)'}: "
        f"{right}/{asked} right{splits}, {spent / max(len(records), 1) * 1000:.1f} ms per answer; "
        f"{out / f'SCORE-{label}.txt'}"
    )
    return right, asked


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", choices=(*GOLD_FILES, "all"), default="all")
    parser.add_argument(
        "--oracle", action="store_true", help="also ask with the gold claims imported (see above)"
    )
    parser.add_argument("--alias", type=int, default=0, help="with --oracle: use each gold claim's N-th name")
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where ANSWERS-*.jsonl and SCORE-*.txt go (default: a temp dir)",
    )
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--timing-store", type=Path, default=None, help="time questions on this store")
    parser.add_argument(
        "--repeat", type=int, default=3, help="with --timing-store: timed runs after the first"
    )
    args = parser.parse_args()
    if args.timing_store:
        time_questions(args.timing_store, args.repeat)
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-answers-"))
    out.mkdir(parents=True, exist_ok=True)
    figures = {}
    for name in GOLD_FILES if args.gold == "all" else (args.gold,):
        extracted = run_set(name, args, out, oracle=False)
        figures[name] = (run_set(name, args, out, oracle=True), extracted) if args.oracle else None
    if args.oracle:
        name = "corpus" if "corpus" in figures else next(reversed(figures))
        (right, asked), (got, _) = figures[name]
        print(f"oracle: {right}/{asked} right; extracted: {got}/{asked} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())

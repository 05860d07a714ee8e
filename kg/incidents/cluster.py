"""Claims about the same operation across articles become one incident: :func:`cluster_incidents`.

Claims of one article linked to the same operation form a group. Groups merge when they name the same
operation (same galaxy value, or the same operation name), or when they are about the same victim and
their articles were published within the lexicon's window of each other, unless each side already names a
different operation (two ransomware outbreaks at one hospital stay two incidents). Every merge is
written down in ``merged_because``. Analyst edits come last: a split takes its claims out into an incident
of their own that no rule merges again; a merge joins the incidents holding its claims.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kg.graph.vocab import slug
from kg.incidents.lexicon import incident_lexicon
from kg.incidents.model import Edit, Incident, LinkedClaim
from kg.resolve.matcher import phrase_key
from kg.resolve.places import canonical_state


@dataclass
class _Group:
    """The claims of one article about one operation (or of one analyst split)."""

    article: str
    key: str
    claims: list[LinkedClaim] = field(default_factory=list)
    pinned: str = ""  # the split edit that made it; pinned groups take no automatic merge

    @property
    def date(self) -> str | None:
        return next((c.claim.date for c in self.claims if c.claim.date), None)

    @property
    def victims(self) -> set[str]:
        """Victims that can tie articles together: a state is too broad a victim to say two articles
        report one operation ("an attack on the United States")."""
        return {phrase_key(c.victim) for c in self.claims if c.victim and not canonical_state(c.victim)}

    @property
    def operations(self) -> set[str]:
        return {c.key for c in self.claims if c.key.startswith("op:")}


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.reasons: dict[int, list[tuple[str, str]]] = defaultdict(list)  # (why, analyst edit id or "")

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int, reason: str, edit: str = "") -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[rb] = ra
        self.reasons[ra].extend([*self.reasons.pop(rb, []), (reason, edit)])
        return True


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) if a and b else None
    except ValueError:
        return None


def _same_victim(a: str, b: str) -> bool:
    """Keys of one victim: equal, or one the start of the other ("hollywoodpresbyterian" and
    "hollywoodpresbyterianmedicalcenter")."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def _groups(linked: Sequence[LinkedClaim], edits: Sequence[Edit]) -> list[_Group]:
    split_of = {claim: edit for edit in edits if edit.action == "split" for claim in edit.claims}
    groups: dict[tuple[str, str, str], _Group] = {}
    for item in linked:
        edit = split_of.get(item.claim.id)
        pin = edit.id if edit else ""
        key = (pin, item.claim.article if not pin else "", item.key if not pin else "")
        group = groups.setdefault(key, _Group(item.claim.article, item.key, pinned=pin))
        group.claims.append(item)
    return list(groups.values())


def _rule_merges(groups: list[_Group], union: _Union) -> None:
    window = incident_lexicon().window_days
    free = [i for i, g in enumerate(groups) if not g.pinned]
    by_key: dict[str, int] = {}
    for i in free:
        for key in groups[i].operations:
            if key in by_key:
                union.join(
                    by_key[key],
                    i,
                    f"{groups[by_key[key]].article} and {groups[i].article} both name "
                    f"{groups[i].claims[0].name if groups[i].key == key else key}",
                )
            else:
                by_key[key] = i
    joiner = _Joiner(groups, union, {i: set(groups[i].operations) for i in free}, window)
    for i, j in _victim_pairs(groups, free):
        gi, gj = groups[i], groups[j]
        shared = next((v for v in gi.victims for w in gj.victims if _same_victim(v, w)), None)
        if shared is not None:
            victim = next(c.victim for c in gi.claims if phrase_key(c.victim) == shared)
            joiner.join(i, j, f"{gi.article} and {gj.article} report on the same victim, {victim}")
    for i, j, name in _headline_pairs(groups, free):
        joiner.join(i, j, f"the headline of {groups[i].article} names {name}, of {groups[j].article}")
    story = incident_lexicon().story_days
    for i, j, names in _story_pairs(groups, free):
        joiner.join(
            i, j, f"{groups[i].article} and {groups[j].article} tell one story ({', '.join(names)})", story
        )


@dataclass
class _Joiner:
    """Joins groups unless they are too far apart in time or each names a different operation."""

    groups: list[_Group]
    union: _Union
    ops: dict[int, set[str]]
    window: int

    def join(self, i: int, j: int, reason: str, window: int | None = None) -> None:
        ri, rj = self.union.find(i), self.union.find(j)
        if ri == rj or (self.ops[ri] and self.ops[rj] and not self.ops[ri] & self.ops[rj]):
            return
        apart = _days_apart(self.groups[i].date, self.groups[j].date)
        if apart is not None and apart > (window or self.window):
            return
        when = f"published {apart} days apart" if apart is not None else "undated"
        if self.union.join(i, j, f"{reason} ({when})"):
            self.ops[self.union.find(i)] = self.ops[ri] | self.ops[rj]


def _headline(group: _Group) -> str:
    return next((c.name for c in group.claims if c.key.startswith("article:")), "")


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


def _headline_pairs(groups: list[_Group], free: list[int]) -> list[tuple[int, int, str]]:
    """(article subject, other group, name): a headline that names another article's victim or
    operation ("Yahoo execs botched response to 2014 breach" and "the hack of Yahoo")."""
    named: dict[str, list[int]] = defaultdict(list)
    for i in free:
        for c in groups[i].claims:
            for name in (c.victim, c.name if c.key.startswith("op:") else ""):
                if (len(name) >= 4 or (len(name) == 3 and name.isupper())) and not canonical_state(name):
                    named[_words(name).strip()].append(i)
    out = []
    for i in free:
        headline = _words(_headline(groups[i]))
        if headline.strip():
            for name, holders in named.items():
                if f" {name} " in headline:
                    out.extend(
                        (i, j, name) for j in dict.fromkeys(holders) if groups[j].article != groups[i].article
                    )
    return out


def _story_pairs(groups: list[_Group], free: list[int]) -> list[tuple[int, int, list[str]]]:
    """Article subjects whose headlines share two names or more: one story told twice."""
    holders: dict[str, list[int]] = defaultdict(list)
    names: dict[int, set[str]] = {}
    for i in free:
        found = {n.casefold() for c in groups[i].claims for n in c.headline_names}
        if found:
            names[i] = found
            for name in found:
                holders[name].append(i)
    pairs = {(a, b) for members in holders.values() for a in members for b in members if a < b}
    out = []
    for a, b in sorted(pairs):
        shared = sorted(names[a] & names[b])
        if len(shared) >= 2 and groups[a].article != groups[b].article:
            out.append((a, b, shared))
    return out


def _victim_pairs(groups: list[_Group], free: list[int]) -> list[tuple[int, int]]:
    """Pairs of groups whose victims may match (same first letters of a victim key), in group order."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i in free:
        for victim in groups[i].victims:
            buckets[victim[:4]].append(i)
    pairs = {
        (a, b)
        for members in buckets.values()
        for x, a in enumerate(members)
        for b in members[x + 1 :]
        if a != b
    }
    return sorted((min(p), max(p)) for p in pairs)


def _analyst_merges(groups: list[_Group], union: _Union, edits: Sequence[Edit]) -> None:
    at = {c.claim.id: i for i, g in enumerate(groups) for c in g.claims}
    for edit in edits:
        if edit.action != "merge":
            continue
        held = [at[c] for c in edit.claims if c in at]
        for other in held[1:]:
            why = f"merged by {edit.by} on {edit.at[:10]} (edit {edit.id})" + (
                f": {edit.note}" if edit.note else ""
            )
            union.join(held[0], other, why, edit.id)


def cluster_incidents(linked: Sequence[LinkedClaim], edits: Sequence[Edit] = ()) -> list[Incident]:
    """The incidents the linked claims form, oldest first (ids unique and derived from their names)."""
    groups = _groups(linked, edits)
    union = _Union(len(groups))
    _rule_merges(groups, union)
    _analyst_merges(groups, union, edits)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        members[union.find(i)].append(i)
    edits_by_id = {e.id: e for e in edits}
    built = [
        _incident([groups[i] for i in idx], union.reasons.get(root, []), edits_by_id)
        for root, idx in members.items()
    ]
    built.sort(key=lambda inc: (inc.first_reported or "9999", inc.name, inc.claims[0].claim.id))
    return _unique_ids(built)


def _incident(groups: list[_Group], reasons: list[tuple[str, str]], edits: dict[str, Edit]) -> Incident:
    claims = [c for g in groups for c in g.claims]
    named = Counter(c.name for c in claims if c.key.startswith("op:"))
    described = Counter(c.name for c in claims)
    pinned = [edits[g.pinned] for g in groups if g.pinned in edits]
    name = next((e.name for e in pinned if e.name), "") or (named or described).most_common(1)[0][0]
    dates = sorted(d for d in (c.claim.date for c in claims) if d)
    op = next((c.operation for c in claims if c.operation), None)
    from kg.incidents.names import operation_by_uuid

    known = operation_by_uuid(op) if op else None
    aliases = dict.fromkeys(
        [
            *(known.synonyms if known else ()),
            *(c.name for c in claims),
            *(" ".join(c.surface.split()) for c in claims if c.key.startswith("op:")),
        ]
    )
    aliases.pop(name, None)
    split_reason = [f"split off by {e.by} on {e.at[:10]} (edit {e.id})" for e in pinned]
    return Incident(
        id=slug(name),
        name=name,
        kind=known.kind if known else "incident",
        aliases=tuple(a for a in aliases if a),
        victims=tuple(dict.fromkeys(c.victim for c in claims if c.victim)),
        galaxy_uuid=known.uuid if known else None,
        first_reported=dates[0] if dates else None,
        last_reported=dates[-1] if dates else None,
        articles=tuple(dict.fromkeys(c.claim.article for c in claims)),
        claims=tuple(claims),
        merged_because=tuple([*split_reason, *(why for why, _ in reasons)]),
        edits=tuple(dict.fromkeys([*(e.id for e in pinned), *(edit for _, edit in reasons if edit)])),
    )


def _unique_ids(incidents: list[Incident]) -> list[Incident]:
    """Ids from names; a name held by several incidents takes the year first reported, then a number."""
    from dataclasses import replace

    counts = Counter(i.id for i in incidents)
    seen: Counter[str] = Counter()
    out = []
    for inc in incidents:
        ident = inc.id
        if counts[ident] > 1:
            ident = f"{ident}-{(inc.first_reported or 'undated')[:4]}"
            seen[ident] += 1
            if seen[ident] > 1:
                ident = f"{ident}-{seen[ident]}"
        out.append(replace(inc, id=ident))
    return out

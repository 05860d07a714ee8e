"""Scoring incident clusters against labels: B-cubed precision, recall and F1 (Bagga & Baldwin 1998).

For each labelled item, precision is the share of the items in its predicted cluster that share its
gold label, recall the share of the items with its gold label that share its predicted cluster; both
are averaged over the items. An item the system left unlinked is a cluster of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    items: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def b_cubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable | None]) -> BCubed:
    """B-cubed over the items of ``gold`` (item -> gold label); ``predicted`` maps items to clusters,
    and an item missing from it (or mapped to None) is a singleton."""
    if not gold:
        return BCubed(0.0, 0.0, 0)
    cluster = {item: predicted.get(item) or ("singleton", item) for item in gold}
    by_cluster: dict[Hashable, set[Hashable]] = defaultdict(set)
    by_label: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in gold.items():
        by_cluster[cluster[item]].add(item)
        by_label[label].add(item)
    precision = recall = 0.0
    for item, label in gold.items():
        same_cluster, same_label = by_cluster[cluster[item]], by_label[label]
        both = len(same_cluster & same_label)
        precision += both / len(same_cluster)
        recall += both / len(same_label)
    return BCubed(precision / len(gold), recall / len(gold), len(gold))

"""A hand-made set of short articles about four operations, their claims and incident labels.

Invented texts in the style of the corpus: WannaCry named in two articles (one under its alias
"WannaCrypt"), the DNC hack described in two ("the breach at the DNC", "the DNC hack"), the Sony
Pictures attack, the Yahoo breach and the Equifax breach. Each claim carries its incident label and each
incident its expected status.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.models import Article, Claim


@dataclass(frozen=True)
class Labelled:
    article: Article
    claims: list[tuple[Claim, str | None]]  # a claim and its incident label (None: about no incident)


def _article(ident: str, date: str, title: str, body: list[str]) -> Article:
    return Article(ident, "\n".join([title, date, "", *body]), date=date, title=title)


def _claim(article: Article, sentence: str, actor: str, actor_type: str, affiliation: str, stance: str,
           target: str, target_type: str = "government", topic: str = "cyber-attack") -> Claim:  # fmt: skip
    start = article.text.index(sentence)
    return Claim(article.id, actor, actor_type, affiliation, stance, target, topic, sentence[:60], sentence,
                 start, start + len(sentence), 1.0, target_type=target_type)  # fmt: skip


def build() -> list[Labelled]:
    out = []
    a = _article("wannacry-nhs", "2017-05-13", "Ransomware cripples hospitals", [
        "The WannaCry attack on the NHS crippled hospitals across England on Friday.",
        "Microsoft president Brad Smith blamed North Korea for the outbreak.",
        "North Korea denied any involvement and called the accusation a smear.",
    ])  # fmt: skip
    out.append(Labelled(a, [
        (_claim(a, "Microsoft president Brad Smith blamed North Korea for the outbreak.", "Brad Smith", "person",
                "Microsoft", "accuse", "North Korea"), "wannacry"),
        (_claim(a, "North Korea denied any involvement and called the accusation a smear.", "North Korea",
                "government", "", "deny", "North Korea"), "wannacry"),
    ]))  # fmt: skip
    b = _article("wannacrypt-us", "2017-12-19", "White House names culprit", [
        "Homeland security adviser Tom Bossert said North Korea was directly responsible for WannaCrypt.",
    ])  # fmt: skip
    out.append(Labelled(b, [
        (_claim(b, b.text.splitlines()[3], "Tom Bossert", "person", "United States", "accuse", "North Korea"),
         "wannacry"),
    ]))  # fmt: skip
    c = _article("dnc-crowdstrike", "2016-06-15", "Security firm traces political hack", [
        "CrowdStrike said Russian government hackers were behind the breach at the Democratic National Committee.",
    ])  # fmt: skip
    out.append(Labelled(c, [
        (_claim(c, c.text.splitlines()[3], "CrowdStrike", "organization", "", "accuse", "Russia"), "dnc"),
    ]))  # fmt: skip
    d = _article("dnc-times", "2016-07-26", "Intelligence agencies weigh in", [
        "The FBI said it was investigating the DNC hack.",
        "The New York Times reported that Russia was behind it, citing officials.",
    ])  # fmt: skip
    out.append(Labelled(d, [
        (_claim(d, "The New York Times reported that Russia was behind it, citing officials.", "The New York Times",
                "media", "", "accuse", "Russia"), "dnc"),
    ]))  # fmt: skip
    e = _article("sony-fbi", "2014-12-20", "FBI blames Pyongyang", [
        "The FBI said North Korea was responsible for the attack on Sony Pictures' network.",
        "A group calling itself the Guardians of Peace claimed responsibility for the hack.",
    ])  # fmt: skip
    out.append(Labelled(e, [
        (_claim(e, e.text.splitlines()[3], "FBI", "government", "United States", "accuse", "North Korea"), "sony"),
        (_claim(e, e.text.splitlines()[4], "Guardians of Peace", "group", "", "acknowledge", "the hack", "act"),
         "sony"),
    ]))  # fmt: skip
    f = _article("yahoo", "2016-09-22", "Yahoo confirms theft of accounts", [
        "Yahoo said the breach at Yahoo affected 500 million accounts.",
        "The company said it did not know who was responsible.",
    ])  # fmt: skip
    out.append(Labelled(f, [
        (_claim(f, f.text.splitlines()[3], "Yahoo", "organization", "", "acknowledge", "the breach", "act",
                "data-breach"), "yahoo"),
    ]))  # fmt: skip
    g = _article("equifax", "2017-09-20", "Researchers point at China", [
        "Researchers at FireEye blamed Chinese hackers for the breach at Equifax.",
        "Separately, Germany warned Turkey about election interference.",
    ])  # fmt: skip
    out.append(Labelled(g, [
        (_claim(g, g.text.splitlines()[3], "FireEye", "organization", "", "accuse", "China"), "equifax"),
    ]))  # fmt: skip
    return out


STATUSES = {"wannacry": "contested", "dnc": "settled", "sony": "acknowledged", "yahoo": "unattributed",
            "equifax": "attributed"}  # fmt: skip

"""The Jinja2 environment of the web UI: templates and static files are package data of ``api.ui``."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi.templating import Jinja2Templates

from api.ui import pages
from kg.models import STANCES, TOPICS

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"
EXTERNAL_LINKS = {
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/{}"),
    "mitre_attack": ("MITRE ATT&CK", "https://attack.mitre.org/groups/{}/"),
    "misp_galaxy": ("MISP galaxy", "https://github.com/search?type=code&q=repo%3AMISP%2Fmisp-galaxy+{}"),
}


def _external(kind: str, value: str) -> dict[str, str]:
    label, pattern = EXTERNAL_LINKS.get(kind, (kind, ""))
    return {"label": label, "value": value, "href": pattern.format(quote(value)) if pattern else ""}


def _number(value: Any) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
    env = templates.env
    env.globals.update(
        stances=STANCES,
        topics=TOPICS,
        actor_id=pages.actor_id,
        claim_id=pages.claim_id,
        external=_external,
        page_sizes=pages.PAGE_SIZES,
    )
    env.filters["number"] = _number
    env.filters["pct"] = lambda value: f"{float(value or 0) * 100:.0f}%"
    return templates

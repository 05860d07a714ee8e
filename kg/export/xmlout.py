"""Small helpers shared by the XML writers (GEXF, GraphML): incremental element output with lxml."""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

# Characters XML 1.0 forbids; article text can carry them (form feeds, stray control bytes).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """A value as text XML accepts: forbidden control characters dropped."""
    return _NOT_XML.sub("", str(value))


def leaf(xf: etree.xmlfile, tag: str, attributes: Mapping[str, object]) -> None:
    """Write one element without children."""
    with xf.element(tag, {k: xml_text(v) for k, v in attributes.items()}):
        pass

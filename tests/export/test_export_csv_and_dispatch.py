"""CSV rows, format names and media types, filter checks, and the CLI's input errors."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_samples import APT1, CHINA, CLAPPER, record, sample
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.export import (
    FORMATS,
    check_filters,
    check_format,
    file_extension,
    media_type,
    write_csv,
    write_records,
)
from kg.export.csv import COLUMNS, claim_row
from kg.graph.records import ClaimFilter


def csv_bytes(records) -> bytes:
    out = io.BytesIO()
    write_csv(records, out)
    return out.getvalue()


def test_csv_has_a_header_and_one_row_per_claim_that_read_back_intact():
    records = sample()
    rows = list(csv.reader(io.StringIO(csv_bytes(records).decode("utf-8"), newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1:] == [claim_row(r) for r in records]
    assert len(rows) == len(records) + 1


def test_csv_flattens_parties_lists_and_missing_values():
    row = dict(
        zip(
            COLUMNS,
            claim_row(record(6, CLAPPER, "accuse", APT1, date=None, extra={"cue": "said"})),
            strict=True,
        )
    )
    assert row["target_aliases"] == "Comment Crew; PLA Unit 61398"
    assert row["target_mitre_id"] == "G0006"
    assert row["date"] == "" and row["reported_via"] == "" and row["actor_wikidata"] == ""
    assert row["negated"] == "false" and row["confidence"] == "0.8"
    assert row["extra"] == '{"cue": "said"}'
    rebutting = dict(zip(COLUMNS, claim_row(sample()[3]), strict=True))
    assert rebutting["rebuts"].split() == [sample()[0].iri, sample()[1].iri]


def test_csv_records_end_in_crlf_and_quote_embedded_quotes():
    data = csv_bytes([record(1, CLAPPER, "accuse", CHINA)])
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == 2
    assert b'"Evidence sentence 1, with ""quotes"", commas; and a\nnewline."' in data


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_a_media_type_and_an_extension(fmt):
    assert "/" in media_type(fmt)
    assert file_extension(fmt).startswith(fmt[:2]) and not file_extension(fmt).startswith(".")
    assert check_format(f" {fmt.upper()} ") == fmt


def test_media_types_of_the_main_formats():
    assert media_type("stix") == "application/stix+json;version=2.1"
    assert media_type("nq") == "application/n-quads"
    assert media_type("csv").startswith("text/csv")


def test_unknown_format_is_an_input_error():
    with pytest.raises(InputError, match="unknown export format"):
        media_type("pdf")


def test_rdf_formats_cannot_be_written_from_records():
    with pytest.raises(InputError, match="RDF dump"):
        write_records(sample(), "ttl", io.BytesIO())


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (ClaimFilter(stance="blame"), "unknown stance"),
        (ClaimFilter(topic="spying"), "unknown topic"),
        (ClaimFilter(date_from="25/09/2015"), "not an ISO date"),
        (ClaimFilter(date_to="2015-13-01"), "not an ISO date"),
        (ClaimFilter(date_from="2016-01-01", date_to="2015-01-01"), "empty date range"),
    ],
)
def test_bad_filter_values_are_input_errors(filters, message):
    with pytest.raises(InputError, match=message):
        check_filters(filters)


@pytest.mark.parametrize(
    "filters",
    [
        None,
        ClaimFilter(),
        ClaimFilter(stance="deny", topic="hacking", date_from="2015-01-01", date_to="2015-01-01"),
    ],
)
def test_good_filters_pass(filters):
    assert check_filters(filters) == filters


KG = Path(sys.executable).with_name("kg")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "gexf", "--stance", "blame"], "kg: error: unknown stance 'blame'"),
        (["--format", "csv", "--from", "yesterday"], "kg: error: start date 'yesterday' is not an ISO date"),
    ],
)
def test_cli_reports_bad_filters_in_one_line(args, message, tmp_path):
    env = {**os.environ, "KG_STORE": str(tmp_path / "store")}
    done = subprocess.run([str(KG), "export", *args], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith(message)
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "store").exists()  # failed before opening the store


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=5))
def test_any_evidence_text_survives_the_csv_round_trip(texts):
    records = [
        record(n, CLAPPER, "accuse", CHINA, evidence=text, claim=text[::-1]) for n, text in enumerate(texts)
    ]
    rows = list(csv.reader(io.StringIO(csv_bytes(records).decode("utf-8"), newline="")))
    assert [(row[COLUMNS.index("evidence")], row[COLUMNS.index("claim")]) for row in rows[1:]] == [
        (r.evidence, r.claim) for r in records
    ]

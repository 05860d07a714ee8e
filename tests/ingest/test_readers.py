"""Reading inputs: every supported kind, and every bad input gets a clear error naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import parse_date, parse_header, read_paths
from kg.ingest.readers import article_from_record, decode


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty input"),
        (b"   \n\t ", "empty input"),
        (b"\x00\x01\x02binary\x00", "binary data"),
        (b"\xff\xfe\xfa not utf8 \xc3\x28", "not UTF-8"),
        (bytes(range(1, 32)) * 50, "binary data"),
    ],
)
def test_bad_bytes_are_refused_with_the_reason(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(raw, "x.txt")


def test_utf8_bom_is_dropped() -> None:
    assert decode("\ufeffHello".encode(), "x.txt") == "Hello"


@pytest.mark.parametrize(
    ("text", "title", "date", "url"),
    [
        ("A title\n2017-04-04\n\nBody.", "A title", "2017-04-04", None),
        (
            "<source> http://e.x/a </source>\n<date> 2017_01_03 </date>\n<text>\nBody",
            None,
            "2017-01-03",
            "http://e.x/a",
        ),
        ("2017-02-13\n\nBody starts here.", None, "2017-02-13", None),
        ("Just a body line.\nAnother line.", None, None, None),
        ("", None, None, None),
    ],
)
def test_header_metadata(text: str, title: str | None, date: str | None, url: str | None) -> None:
    header = parse_header(text)
    assert (header.title, header.date, header.url) == (title, date, url)
    assert text[header.body_start :].startswith("Body") or not header.lines


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2017-04-04", "2017-04-04"),
        ("March 7, 2017", "2017-03-07"),
        ("7 Mar 2017", "2017-03-07"),
        ("soon", None),
    ],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_title_suffix_gives_the_publisher() -> None:
    header = parse_header("Callisto hackers targeted Foreign Office data - BBC News\n2017-04-14\n\nBody")
    assert header.publisher == "BBC News"


def test_read_paths_mixes_good_and_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("China denied the hacking allegations.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x9f\x92\x96")
    (tmp_path / "page.html").write_text(
        "<html><head><title>T</title></head><body><nav>menu</nav><article><p>"
        + "Officials said the attack came from Russia and denied any role of their own. " * 5
        + "</p></article><footer>(c) footer</footer></body></html>",
        encoding="utf-8",
    )
    feed = [{"id": "a1", "text": "Text one.", "date": "2017-01-02"}, {"text": "no id"}, "not an object"]
    (tmp_path / "feed.jsonl").write_text(
        "\n".join(json.dumps(r) for r in feed) + "\n{broken\n", encoding="utf-8"
    )
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    articles = {a.id: a for a in items if not isinstance(a, InputError)}
    errors = [str(e) for e in items if isinstance(e, InputError)]
    assert set(articles) == {"good", "page", "a1"}
    assert articles["a1"].date == "2017-01-02"
    assert "menu" not in articles["page"].text and "Russia" in articles["page"].text
    assert len(errors) == 6
    assert any("empty.txt" in e for e in errors) and any("junk.txt" in e for e in errors)
    assert any("feed.jsonl:2" in e and "id" in e for e in errors)
    assert any("feed.jsonl:4" in e and "not JSON" in e for e in errors)
    assert any("missing.txt" in e for e in errors)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "x"}, "no 'text'"),
        ({"text": "t"}, "without an 'id'"),
        ([1], "JSON object"),
        ({"id": "x", "text": " "}, "no 'text'"),
    ],
)
def test_bad_records(record: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        article_from_record(record, "body")


def test_seed_reads_byte_exact() -> None:
    path = Path(__file__).parents[1] / "data" / "register-2015-usa-china-cyber.txt"
    (article,) = list(read_paths([path]))
    assert article.text == path.read_text(encoding="utf-8")
    assert article.id == "register-2015-usa-china-cyber"


def test_notes_beside_articles_are_skipped_in_folders_but_read_when_named(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("Officials blamed Russia for the hack.", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text("Where the articles come from.", encoding="utf-8")
    (tmp_path / "README").write_text("About this folder.", encoding="utf-8")
    assert [a.id for a in read_paths([tmp_path])] == ["article"]
    assert [a.id for a in read_paths([tmp_path / "SOURCES.md"])] == ["SOURCES"]


def test_an_article_over_the_size_limit_is_refused_by_name(tmp_path: Path, monkeypatch) -> None:
    from kg.settings import get_settings

    monkeypatch.setenv("KG_MAX_ARTICLE_CHARS", "100")
    get_settings.cache_clear()
    try:
        (tmp_path / "huge.txt").write_text("Officials blamed Russia. " * 10, encoding="utf-8")
        (tmp_path / "small.txt").write_text("Officials blamed Russia.", encoding="utf-8")
        items = list(read_paths([tmp_path]))
    finally:
        get_settings.cache_clear()
    assert [a.id for a in items if not isinstance(a, InputError)] == ["small"]
    (error,) = [e for e in items if isinstance(e, InputError)]
    assert "huge.txt: article too large (250 characters" in str(error)

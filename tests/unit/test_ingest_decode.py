"""Bytes to text: refusals with reason codes, BOMs, UTF-8, legacy encodings, the size limit."""

from __future__ import annotations

import codecs

import pytest

from samestory.config import IngestConfig
from samestory.errors import InputError
from samestory.ingest import read_bytes, read_file
from samestory.ingest.decode import decode_bytes, read_limited, sniff_binary

RUSSIAN = (
    "Переговоры о квотах продолжились\n\n"
    "МОСКВА, 9 окт — РИА Новости. Представители двух вымышленных портовых городов провели в пятницу "
    "переговоры о квотах на вылов рыбы, сообщил источник, знакомый с ходом встречи.\n\n"
    "Переговоры продолжались более шести часов и завершились поздно вечером.\n"
)
FRENCH = (
    "Le maire inaugure la nouvelle médiathèque\n\n"
    "La médiathèque de la commune fictive de Saint-Aubin a ouvert ses portes samedi, après deux années "
    "de travaux. « C'est un lieu à la fois pour les élèves, les familles et les aînés », a déclaré le maire.\n\n"
    "Elle propose déjà plus de douze mille ouvrages, dont une bibliothèque sonore très fréquentée.\n"
)


@pytest.mark.parametrize(
    "data,reason,fragment",
    [
        (b"", "empty", "empty"),
        (b"  \n\t\r\n ", "empty", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00", "binary", "gzip"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary", "JPEG"),
        (b"hello\x00world", "binary", "NUL"),
        (bytes(range(1, 32)) * 10 + b"text", "binary", "control"),
    ],
)
def test_refusals(data, reason, fragment):
    with pytest.raises(InputError) as exc:
        decode_bytes(data, source="x.txt")
    assert exc.value.reason == reason
    assert fragment in str(exc.value) and str(exc.value).startswith("x.txt: ")
    assert "\n" not in str(exc.value)


def test_utf8_and_boms():
    assert decode_bytes("Ça va".encode()) == ("Ça va", "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + "Ça va".encode()) == ("Ça va", "utf-8")
    assert decode_bytes(codecs.BOM_UTF16_LE + "Ça va".encode("utf-16-le")) == ("Ça va", "utf-16")
    assert decode_bytes(codecs.BOM_UTF32_LE + "Ça va".encode("utf-32-le")) == ("Ça va", "utf-32")


def test_cp1251_file_is_detected(tmp_path):
    p = tmp_path / "ria.txt"
    p.write_bytes(RUSSIAN.encode("cp1251"))
    a = read_file(p)
    assert a.encoding == "cp1251"
    assert a.title == "Переговоры о квотах продолжились"
    assert a.metadata["dateline"]["place"] == "МОСКВА" and a.credits == ("RIA Novosti",)


def test_latin1_file_is_detected(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_bytes(FRENCH.encode("latin-1"))
    a = read_file(p)
    assert a.encoding in ("latin-1", "cp1252")
    assert a.title == "Le maire inaugure la nouvelle médiathèque"
    assert "« C'est un lieu à la fois" in a.text


def test_forced_encoding():
    russian = RUSSIAN.replace("—", "-")  # KOI8-R has no em dash
    data = russian.encode("koi8-r")
    text, enc = decode_bytes(data, encoding="koi8_r")
    assert text == russian and enc == "koi8-r"
    a = read_bytes(data, source="ria.txt", config=IngestConfig(encoding="koi8-r"))
    assert a.encoding == "koi8-r" and a.title == "Переговоры о квотах продолжились"
    with pytest.raises(InputError) as exc:
        decode_bytes("é".encode("latin-1"), encoding="utf-8")
    assert exc.value.reason == "undecodable"
    with pytest.raises(InputError) as exc:
        decode_bytes(b"abc", encoding="no-such-codec")
    assert exc.value.reason == "undecodable" and "no-such-codec" in str(exc.value)


def test_koi8r_is_detected():
    russian = RUSSIAN.replace("—", "-").replace("«", '"').replace("»", '"')
    assert decode_bytes(russian.encode("koi8-r")) == (russian, "koi8-r")


@pytest.mark.parametrize(
    "text,codec",
    [
        ("Ça coûte très cher, déjà.", "cp1252"),
        ("Die Straße war gesperrt, über hundert Fahrzeuge mussten umkehren.", "latin-1"),
        ("Zażółć gęślą jaźń. Wczoraj w Warszawie odbyło się spotkanie ministrów.", "cp1250"),
        ("日本語のテキストです。東京で会議が開かれました。", "shift_jis"),
        ("中文新闻报道，会议在北京举行。", "gb18030"),
    ],
)
def test_legacy_encodings_decode_to_the_same_text(text, codec):
    assert decode_bytes(text.encode(codec))[0] == text


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    p.write_text("word " * 400)
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or pytest.fail("file was opened"))
    with pytest.raises(InputError) as exc:
        read_limited(p, 1000)
    assert exc.value.reason == "too-large" and "2,000 bytes" in str(exc.value) and "1,000" in str(exc.value)
    assert not opened


def test_too_large_via_read_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 400)
    with pytest.raises(InputError) as exc:
        read_file(p, IngestConfig(max_bytes=1000))
    assert exc.value.reason == "too-large" and exc.value.source == str(p)


def test_sniff_binary_leaves_text_alone():
    assert sniff_binary(b"Plain text with tabs\tand form feeds\x0c.\r\n") is None
    assert sniff_binary("Кириллица".encode("cp1251")) is None


def test_utf8_over_gives_the_size_only_when_over():
    from samestory.ingest.decode import utf8_over

    for text in ("", "abc", "é" * 10, "Паром", "\U0001f600" * 3, "a\udc80b"):
        size = len(text.encode("utf-8", "surrogatepass"))
        for limit in (0, 1, size - 1, size, size + 1, 4 * len(text)):
            if limit >= 0:
                assert utf8_over(text, limit) == (size if size > limit else None), (text, limit)

"""Tests for ``pressespiegel.analyze.dates``: seed articles plus focused rule cases."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from pressespiegel.analyze.dates import DateMention, find_dates

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"


def _value_at(text: str, published: date | None, phrase: str, occurrence: int = 0) -> str | None:
    """The value of the mention overlapping the ``occurrence``-th ``phrase`` in ``text``."""
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.index(phrase, pos + 1)
    hits = [m for m in find_dates(text, published) if m.start < pos + len(phrase) and pos < m.end]
    assert hits, f"no mention at {phrase!r}"
    return hits[0].value


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not available")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- Seeds (expected values from the brief) -------------------------------------------------------


def test_seed_000_dienstag_is_publication_day() -> None:
    text = _seed("000")
    assert _value_at(text, date(2023, 9, 12), "am Dienstag") == "2023-09-12"


def test_seed_000_year_2014_and_no_false_positives() -> None:
    text = _seed("000")
    mentions = find_dates(text, date(2023, 9, 12))
    assert _value_at(text, date(2023, 9, 12), "2014") == "2014"
    found = {m.text for m in mentions}
    for noise in ("80", "200", "50", "255", "SA-22"):
        assert noise not in found
    assert all("Kilometer" not in m.text and "Meter" not in m.text for m in mentions)


def test_seed_001_range_and_last_week() -> None:
    text = _seed("001")
    pub = date(2023, 9, 5)
    assert _value_at(text, pub, "vom 10. bis zum 13. September") == "2023-09-10/2023-09-13"
    assert _value_at(text, pub, "vergangene Woche") == "2023-W35"
    assert _value_at(text, pub, "Mitte August") == "2023-08"
    assert _value_at(text, pub, "im vergangenen Jahr") == "2022"


def test_seed_002_partial_month_full_date_and_late_monday() -> None:
    text = _seed("002")
    pub = date(2023, 9, 5)
    assert _value_at(text, pub, "Mitte August") == "2023-08"
    assert _value_at(text, pub, "am 25. April 2019") == "2019-04-25"
    assert _value_at(text, pub, "am späten Montagabend") == "2023-09-04"
    assert _value_at(text, pub, "Ende Mai") == "2023-05"
    found = {m.text for m in find_dates(text, pub)}
    assert not any("Jahrestag" in t or t.startswith("70") for t in found)


def test_seed_003_announced_for_monday_is_next_day() -> None:
    text = _seed("003")
    pub = date(2025, 7, 13)  # a Sunday
    assert _value_at(text, pub, "für Montag") == "2025-07-14"
    assert _value_at(text, pub, "Am Montag wird") == "2025-07-14"
    assert _value_at(text, pub, "am Samstag bei seinem Besuch") == "2025-07-12"
    assert _value_at(text, pub, "Nacht auf Samstag") == "2025-07-12"
    assert _value_at(text, pub, "am Wochenende") == "2025-07-12/2025-07-13"
    found = {m.text for m in find_dates(text, pub)}
    assert "597" not in found and "6000" not in found


def test_seed_004_forum_until_wednesday() -> None:
    text = _seed("004")
    pub = date(2023, 9, 11)
    assert _value_at(text, pub, "am Sonntag begonnen") == "2023-09-10"
    assert _value_at(text, pub, "bis Mittwoch") == "2023-09-13"
    assert _value_at(text, pub, "im April 2019") == "2019-04"
    assert "1200" not in {m.text for m in find_dates(text, pub)}


# --- Rules ----------------------------------------------------------------------------------------

PUB = date(2023, 9, 5)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Das Treffen fand am 3. Jänner 2021 statt.", "3. Jänner 2021", "2021-01-03"),
        ("Die Frist endet am 30. Sept. 2024.", "30. Sept. 2024", "2024-09-30"),
        ("Er war gestern in Berlin.", "gestern", "2023-09-04"),
        ("Vorgestern hatte es geregnet.", "Vorgestern", "2023-09-03"),
        ("Die Abstimmung findet morgen statt.", "morgen", "2023-09-06"),
        ("Heute Morgen wurde er verhaftet.", "Heute Morgen", "2023-09-05"),
        ("Die Gespräche sollen kommende Woche beginnen.", "kommende Woche", "2023-W37"),
        ("Die Gespräche sollen nächsten Monat beginnen.", "nächsten Monat", "2023-10"),
        ("Die Firma wurde vor vier Jahren gegründet.", "vor vier Jahren", "2019"),
        ("Er kam vor drei Tagen an.", "vor drei Tagen", "2023-09-02"),
        ("Das war im vergangenen Jahr.", "vergangenen Jahr", "2022"),
        ("Der Vertrag läuft bis Ende 2025.", "Ende 2025", "2025"),
        ("Er wurde Anfang August entlassen.", "Anfang August", "2023-08"),
        ("Die Wahl ist Ende Oktober geplant.", "Ende Oktober", "2023-10"),
        ("In der Nacht zum Montag brannte es.", "Nacht zum Montag", "2023-09-04"),
        ("Die Minister trafen sich am Freitag.", "Freitag", "2023-09-01"),
        ("Die Minister wollen sich am Freitag treffen.", "Freitag", "2023-09-08"),
        ("Der Gipfel ist für Donnerstag angesetzt.", "Donnerstag", "2023-09-07"),
        ("Das Gesetz gilt seit 2014.", "2014", "2014"),
        ("Von 1990 bis 1994 war er Minister.", "Von 1990 bis 1994", "1990/1994"),
        ("Die Saison 2022/23 war lang.", "2022/23", "2022/2023"),
        ("In den neunziger Jahren boomte das Geschäft.", "neunziger Jahren", "199"),
        ("Sie tagte vom 1. bis 3. März 2020.", "vom 1. bis 3. März 2020", "2020-03-01/2020-03-03"),
        ("Die Anschläge vom 11.09.2001 veränderten alles.", "11.09.2001", "2001-09-11"),
        ("Er starb im Juli.", "Juli", "2023-07"),
        ("Die Steuer steigt im Dezember.", "Dezember", "2023-12"),
        ("Im Oktober vergangenen Jahres wurde sie gegründet.", "Oktober vergangenen Jahres", "2022-10"),
    ],
)
def test_rules(text: str, phrase: str, value: str) -> None:
    assert _value_at(text, PUB, phrase) == value


@pytest.mark.parametrize(
    "text",
    [
        "Russland hat 200.000 Soldaten an die Grenze verlegt.",
        "Der Zug fährt nur bis zu 80 Kilometer pro Stunde.",
        "Die SA-22-Systeme wurden beim Manöver Sapad 23 getestet.",
        "Anlässlich des 70. Jahrestags sprach er auf Seite 2014 des Protokolls.",
        "Die Strecke ist 1200 Kilometer lang, rund 1900 Menschen wohnen dort.",
        "Er fuhr jeden Montag nach Berlin.",
        "Der Grünen-Abgeordnete Jerzy Montag kritisierte das.",
        "Das berichtete die Welt am Sonntag.",
        "In den letzten Jahren und den vergangenen Wochen stieg die Zahl.",
        "Am Morgen regnete es, am Abend schneite es.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_offsets_relative_flag_and_no_publication_date() -> None:
    text = "Am Dienstag, dem 12. September 2023, und am Montag sagte er, dass er seit 2019 dort lebt."
    mentions = find_dates(text, None)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    by_text = {m.text: m for m in mentions}
    assert by_text["Dienstag, dem 12. September 2023"].value == "2023-09-12"
    assert by_text["Dienstag, dem 12. September 2023"].relative is False
    assert by_text["Montag"].value is None and by_text["Montag"].relative is True
    assert by_text["2019"].value == "2019"
    with_pub = {m.text: m for m in find_dates(text, PUB)}
    assert with_pub["Montag"].value == "2023-09-04" and with_pub["Montag"].relative is True


def test_vorjahr_follows_the_named_year() -> None:
    text = "Im Jahr 2014 verkaufte Opel mehr Autos als im Vorjahr."
    assert _value_at(text, date(2015, 1, 10), "Vorjahr") == "2013"


def test_mention_is_frozen_kw_only() -> None:
    m = DateMention(text="2019", start=0, end=4, value="2019", relative=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.value = "2020"  # type: ignore[misc]
    with pytest.raises(TypeError):
        DateMention("2019", 0, 4, "2019", False)  # type: ignore[call-arg]

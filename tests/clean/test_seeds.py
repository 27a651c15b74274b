"""The five seed scrapes: every boilerplate kind removed, every article paragraph kept.

Expectations were written by reading each seed by hand: the paragraph counts and the first words
of each heading and paragraph come from that reading, not from the program's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pressespiegel.clean import make_article
from pressespiegel.records import Article, PublicationDate, RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "src" / "pressespiegel" / "data" / "sample" / "seeds"


def load(name: str, *, sidecar: bool = False) -> Article:
    path = SEEDS / name
    meta: dict[str, str] = {}
    if sidecar:
        import json

        meta = json.loads((SEEDS / (name + ".meta.json")).read_text())
    return make_article(RawDocument(source=str(path), text=path.read_text(encoding="utf-8"), **meta))


def removed(article: Article, reason: str) -> list[str]:
    return [r.text for r in article.boilerplate if r.reason == reason]


def starts(article: Article) -> list[str]:
    return [p.text for p in article.paragraphs]


def assert_paragraphs(article: Article, expected: list[tuple[str, str]]) -> None:
    """Each (kind, opening words) in order, and nothing else."""
    got = [(p.kind, p.text) for p in article.paragraphs]
    assert len(got) == len(expected), "\n".join(f"{k}: {t[:60]}" for k, t in got)
    for (kind, text), (want_kind, opening) in zip(got, expected, strict=True):
        assert text.startswith(opening), (text[:80], opening)
        assert kind == want_kind, (text[:60], kind, want_kind)


def test_dpa_afx_wire_000() -> None:
    a = load("000_6164cdf80299ab38.txt")
    assert a.agencies == ("dpa-AFX",)
    assert a.outlet == "dpa-AFX"  # a wire copy with no other outlet named
    assert a.language == "de"
    # no date line; "Seit Anfang September 2023" in the text supports the month, weekdays no day
    assert a.published == PublicationDate(value="2023-09", method="content", reliable=False)
    assert_paragraphs(
        a,
        [
            ("lead", "Nordkoreas Machthaber"),  # the dateline is credited and removed
            ("p", "Die USA warnten Kim unterdessen"),
            ("heading", "Ukrainische Armee: Kommen im Süden"),
            ("p", "Wie schwierig und wohl auch verlustreich"),
            ("p", "Der russische Gegner versuche ständig"),
            ("heading", "Putin bestreitet ukrainische Erfolge"),
            ("p", "Kremlherrscher Putin hält"),
            ("heading", "Scholz: Rückzug russischer Truppen"),
            ("p", "Auch Bundeskanzler Olaf Scholz"),
            ("p", "Scholz verteidigte erneut"),
            ("heading", "Russland meldet angeblichen Drohnenangriff"),
            ("p", "Russland berichtete am Dienstag"),
            ("heading", "London: Moskau baut Flugabwehr"),
            ("p", "Zum Schutz gegen ukrainische Drohnenangriffe"),
        ],
    )
    assert a.paragraphs[-1].text.endswith('"denen die Stadt derzeit an den meisten Tagen ausgesetzt ist".')
    assert removed(a, "signoff") == ["/dg/DP/nas"]
    assert removed(a, "dateline") == ["KIEW/WLADIWOSTOK (dpa-AFX) -"]


def test_tageblatt_001_paywall_caption_pullquote_comments() -> None:
    a = load("001_bf90d92cbe0a7255.txt")
    assert a.title == "Ukraine-Krieg / USA: Kim will mit Putin in Russland über Waffenlieferungen sprechen"
    assert a.agencies == ("AFP",)
    assert not a.teaser  # the paywall offer is there, but the full text follows it
    assert len(removed(a, "paywall")) == 3
    assert removed(a, "caption")[0].startswith("Der russische Präsident Wladimir Putin und Nordkoreas")
    assert removed(a, "repeated-headline") == [
        "Ukraine-KriegUSA: Kim will mit Putin in Russland über Waffenlieferungen sprechen",
        "Ukraine-Krieg / USA: Kim will mit Putin in Russland über Waffenlieferungen sprechen",
    ]
    assert removed(a, "header") == ["Headlines"]
    assert removed(a, "pull-quote") == [
        "Warum nicht? Sie sind unsere Nachbarn.",
        "Sergej Schoigu, russischer Verteidigungsminister",
    ]
    comments = removed(a, "comment")
    assert comments[:2] == ["fraulein smilla", "6. September 2023 - 9.10"]
    assert a.lead is not None and a.lead.startswith("Nordkoreas Machthaber Kim Jong-un will nach US-Angaben")
    assert a.paragraphs[-1].text.endswith("zu weiteren Gesprächen nach Nordkorea.")  # "(AFP)" stripped
    headings = [p.text for p in a.paragraphs if p.kind == "heading"]
    assert headings == ["Drohnen-Abschüsse in Russland", "Warnungen der Vereinten Nationen"]
    assert sum(p.kind == "p" for p in a.paragraphs) == 11
    assert "Kyrill" not in a.text and "0.99" not in a.text


def test_tageblatt_001_outlet_and_date_from_sidecar() -> None:
    a = load("001_bf90d92cbe0a7255.txt", sidecar=True)
    assert a.outlet == "Tageblatt"
    assert a.published is not None and a.published.value == "2023-09-05" and a.published.reliable


def test_dw_002_navigation_captions_signoff_update_note() -> None:
    a = load("002_5bc1b6dced17491d.txt")
    assert a.outlet == "DW"
    assert a.title == "Ukraine aktuell: Kim will Waffen liefern"
    assert a.agencies == ("AFP", "Reuters", "dpa", "AP")
    assert a.published is not None
    assert (a.published.value, a.published.reliable) == ("2023-09-05", True)
    assert len(removed(a, "navigation")) == 3
    assert removed(a, "header") == ["KonflikteUkraine"]
    assert removed(a, "link") == ["https://p.dw.com/p/4VxN1"]
    captions = removed(a, "caption")
    assert "Kim Jong Un und Wladimir Putin geben sich die Hand" in captions
    assert "Ukraine | Gepard-Panzer in der Region Kiew (26.07.2023)" in captions
    assert "Russisches Militär in Belarus" in captions
    assert len(captions) == 10  # five images, each alt text + caption
    assert removed(a, "signoff") == ["se/mak/AR/djo (afp, rtr, dpa, ap)"]
    assert len(removed(a, "update-note")) == 1
    assert [p.text for p in a.paragraphs if p.kind == "list"] == [
        "Kim will in Russland über Waffenlieferungen an Russland reden",
        "Deutschland liefert Munition für Gepard-Panzer",
        "Russland rekrutiert offenbar Kubaner als Söldner",
        "Selenskyj besucht Regionen Donezk und Saporischschja",
        "Rumänien weist ukrainische Darstellung zu russischen Drohnen zurück",
    ]
    headings = [p.text for p in a.paragraphs if p.kind == "heading"]
    assert headings == [
        "Das Wichtigste in Kürze:",
        "Offenbar Treffen von Kim Jong Un und Wladimir Putin geplant",
        "Deutschland liefert Munition für Gepard-Panzer",
        "Illegales russisches Netzwerk rekrutiert in Kuba Söldner",
        "Selenskyj besucht umkämpfte Gebiete Donezk und Saporischschja",
        "Rumänien weist ukrainische Darstellung zurück",
        "Russland sagt Großmanöver ab",
    ]
    assert a.lead is not None and a.lead.endswith("Ein Überblick.")
    assert sum(p.kind == "p" for p in a.paragraphs) == 18
    for gone in ("Zum Inhalt springen", "picture alliance", "fortlaufend aktualisiert", "Getty Images"):
        assert gone not in a.text


def test_dtz_003_outlet_title_ui_related_block() -> None:
    a = load("003_75449339fc79c0d2.txt")
    assert a.outlet == "Deutsche Tageszeitung"
    assert a.title == "Nordkoreas Machthaber Kim sagt Russland volle Unterstützung im Ukraine-Krieg zu"
    assert a.agencies == ()  # the photo is AFP's; the text carries no agency credit
    assert len(removed(a, "repeated-headline")) == 3
    assert removed(a, "ui") == ["Textgröße ändern:"]
    assert removed(a, "signoff") == ["(S.A.Dudajev--DTZ)"]
    related = removed(a, "related")
    assert related[0] == "Empfohlen" and len(related) == 10
    assert len(a.paragraphs) == 11 and all(p.kind in {"lead", "p"} for p in a.paragraphs)
    assert a.paragraphs[-1].text.endswith("in der Ukraine erwartet.")
    for gone in ("Steuererklärung", "Plastikabkommen", "Smotrich", "Textgröße"):
        assert gone not in a.text


def test_dpa_afx_004_correction_note_and_date() -> None:
    a = load("004_6ac34fa1d59485e6.txt")
    assert a.agencies == ("dpa-AFX",)
    assert len(removed(a, "correction")) == 1
    assert a.published is not None and (a.published.value, a.published.reliable) == ("2023-09", False)
    assert len(a.paragraphs) == 13
    assert a.paragraphs[-1].text.endswith("für Putins Kurs zugesichert.")
    assert removed(a, "signoff") == ["/dg/bal/DP/nas"]


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_every_seed_is_german_and_keeps_a_stable_id(name: str) -> None:
    first, second = load(name), load(name)
    assert first.language == "de" and first.language_score > 0.9
    assert first.id == second.id and len(first.id) == 16

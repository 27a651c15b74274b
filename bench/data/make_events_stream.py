#!/usr/bin/env python3
"""Build the "events and copies" evaluation stream (bench/data/events_stream.jsonl).

Deterministic (fixed seed).  Sources:
  * German Wikinews texts (CC BY-NC-SA 4.0) from the quotes corpus
    (--wikinews, default /work/shared/data/quotes/wikinews2024/{train,dev}.jsonl)
  * the five raw seed scrapes (--seeds, default /work/shared/seeds)
  * hand-written rewrites in bench/data/events_rewrites.jsonl

Per event: one original (the real text; an agency dateline was added to about
half of them), 1-3 scripted reprints (new headline, boilerplate, lead
shortened/replaced, last paragraph cut, word substitutions, ...) and, for 27
events, 1-2 hand-written rewrites.  Plus distractors: real articles about other
events, many on the same broad topic or from nearby dates.

Usage:  python bench/data/make_events_stream.py [--check-only]
Evaluation data only -- not shipped in the package.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20240917
HERE = Path(__file__).resolve().parent
DEFAULT_WIKINEWS = Path("/work/shared/data/quotes/wikinews2024")
DEFAULT_SEEDS = Path("/work/shared/seeds")
OUT = HERE / "events_stream.jsonl"
REWRITES = HERE / "events_rewrites.jsonl"

# ---------------------------------------------------------------------------
# Events: (event id, Wikinews doc id, agency of the original or None,
#          dateline city, kicker/rubric, 2 alternative headlines, teaser)
# ---------------------------------------------------------------------------
EVENTS = [
    (
        "ev001",
        "7537",
        None,
        None,
        "Raumfahrt",
        [
            "Discovery soll am 13. Juli abheben",
            "NASA nennt Termin für ersten Shuttle-Start nach Columbia-Unglück",
        ],
        "Die NASA hat einen Termin für den ersten Shuttle-Flug seit dem Columbia-Unglück genannt.",
    ),
    (
        "ev002",
        "9837",
        "dpa-AFX",
        "HERZOGENAURACH",
        "Übernahme",
        [
            "Adidas übernimmt Reebok für 3,1 Milliarden Euro",
            "Sportartikel: Adidas schluckt US-Rivalen Reebok",
        ],
        "Adidas-Salomon übernimmt den US-Konkurrenten Reebok.",
    ),
    (
        "ev003",
        "12554",
        None,
        None,
        "Luftfahrt",
        [
            "Frankreich verhängt Flugverbot gegen Cameroon Airlines",
            "Sicherheitsmängel: Cameroon Airlines darf nicht mehr nach Frankreich",
        ],
        "Wegen Sicherheitsmängeln darf Cameroon Airlines Frankreich nicht mehr anfliegen.",
    ),
    (
        "ev004",
        "12706",
        None,
        None,
        "Hurrikan",
        ["„Rita“ wird zum Hurrikan – Texas ruft Notstand aus", "Hurrikan Rita nimmt Kurs auf Texas"],
        "Der Sturm „Rita“ ist zum Hurrikan geworden und bedroht Texas.",
    ),
    (
        "ev005",
        "19569",
        "AFP",
        "Athen",
        "Erdbeben",
        ["Starkes Erdbeben erschüttert Griechenland", "Erdstöße in Athen und auf Kreta – zwei Verletzte"],
        "Ein starkes Erdbeben hat Griechenland erschüttert.",
    ),
    (
        "ev006",
        "21016",
        "SID",
        "Melbourne",
        "Tennis",
        ["Federer gewinnt Australian Open gegen Baghdatis", "Tennis: Federer holt siebten Grand-Slam-Titel"],
        "Roger Federer hat die Australian Open gewonnen.",
    ),
    (
        "ev007",
        "25328",
        None,
        None,
        "Mafia",
        [
            "Mafiaboss Provenzano nach 43 Jahren gefasst",
            "Cosa-Nostra-Chef Provenzano in Sizilien festgenommen",
        ],
        "Italiens meistgesuchter Mafiaboss ist gefasst.",
    ),
    (
        "ev008",
        "27237",
        "dpa",
        "MÜNCHEN",
        "Braunbär",
        ["Bayern gibt Braunbären zum Abschuss frei", "Schnappauf: „Der Bär ist außer Rand und Band“"],
        "Der Braunbär in Bayern darf geschossen werden.",
    ),
    (
        "ev009",
        "30019",
        None,
        None,
        "Nachruf",
        ["Pink-Floyd-Mitgründer Syd Barrett ist tot", "Trauer um Syd Barrett"],
        "Syd Barrett, Mitgründer von Pink Floyd, ist tot.",
    ),
    (
        "ev010",
        "32117",
        None,
        None,
        "2. Bundesliga",
        ["Jena schlägt Spitzenreiter Köln 3:2", "Aufsteiger Jena bleibt ungeschlagen – 3:2 gegen Köln"],
        "Der FC Carl Zeiss Jena hat den 1. FC Köln mit 3:2 besiegt.",
    ),
    (
        "ev011",
        "34005",
        None,
        None,
        "Walfang",
        ["Island erlaubt wieder kommerziellen Walfang", "Trotz Moratorium: Island jagt wieder Wale"],
        "Island nimmt den kommerziellen Walfang wieder auf.",
    ),
    (
        "ev012",
        "36593",
        None,
        None,
        "Raumfahrt",
        ["Satellit COROT soll Exoplaneten aufspüren", "Planetenjäger COROT gestartet"],
        "Der Forschungssatellit COROT ist ins All gestartet.",
    ),
    (
        "ev013",
        "43924",
        None,
        None,
        "Bahn",
        ["Bahn und GDL einigen sich auf neue Verhandlungen", "Lokführer: Keine Streiks bis Ende September"],
        "Im Tarifstreit der Lokführer gibt es eine Wende.",
    ),
    (
        "ev014",
        "45626",
        "dpa",
        "BERLIN",
        "Bundesregierung",
        [
            "Müntefering tritt als Vizekanzler und Arbeitsminister zurück",
            "Rücktritt: Müntefering verlässt das Kabinett",
        ],
        "Franz Müntefering gibt seine Regierungsämter ab.",
    ),
    (
        "ev015",
        "47946",
        None,
        None,
        "London",
        ["Großfeuer im Londoner Camden Market", "Camden Market in Flammen"],
        "Auf dem Londoner Camden Market ist ein Großbrand ausgebrochen.",
    ),
    (
        "ev016",
        "50777",
        "dpa",
        "TOKIO",
        "Japan",
        ["Amoklauf in Tokio: Sieben Tote in Akihabara", "Messerangriff in Tokioter Einkaufsviertel"],
        "Ein Amokläufer hat in Tokio sieben Menschen getötet.",
    ),
    (
        "ev017",
        "55268",
        None,
        None,
        "Elektroauto",
        ["Tesla liefert Batterien für Elektro-Smart", "Daimler setzt bei E-Smart auf Tesla-Akkus"],
        "Tesla Motors liefert Batterien für den Elektro-Smart von Daimler.",
    ),
    (
        "ev018",
        "55730",
        None,
        None,
        "Kenia",
        [
            "Mehr als 100 Tote nach Explosion eines Tanklasters in Kenia",
            "Kenia: Tanklaster explodiert – über hundert Tote",
        ],
        "In Kenia sind nach einem Tanklasterunglück mehr als hundert Menschen gestorben.",
    ),
    (
        "ev019",
        "58800",
        None,
        None,
        "Software",
        ["Windows 7 erscheint am 22. Oktober", "Microsoft: Windows 7 kommt im Oktober"],
        "Windows 7 kommt im Oktober in den Handel.",
    ),
    (
        "ev020",
        "59262",
        "dpa",
        "STOCKHOLM",
        "Nobelpreis",
        ["Herta Müller erhält Literaturnobelpreis", "Nobelpreis für Literatur geht an Herta Müller"],
        "Herta Müller bekommt den Literaturnobelpreis.",
    ),
    (
        "ev021",
        "62459",
        None,
        None,
        "Thailand",
        [
            "Thailands Regierungschef stellt Neuwahl in Aussicht",
            "Abhisit will Parlament im September auflösen",
        ],
        "Thailands Premier Abhisit stellt die Auflösung des Parlaments in Aussicht.",
    ),
    (
        "ev022",
        "63711",
        "dpa",
        "BERLIN",
        "Atomkraft",
        ["Koalition verlängert Laufzeiten der Atomkraftwerke", "Atom-Einigung: Acht bis 14 Jahre länger"],
        "Die Koalition hat sich auf längere Laufzeiten für Atomkraftwerke geeinigt.",
    ),
    (
        "ev023",
        "63732",
        None,
        None,
        "Demonstration",
        ["„Freiheit statt Angst“: Tausende demonstrieren in Berlin", "Demo gegen Überwachung in Berlin"],
        "In Berlin haben Tausende gegen staatliche Überwachung demonstriert.",
    ),
    (
        "ev024",
        "64070",
        "dpa",
        "BERLIN",
        "Bundesrat",
        ["Kraft wird erste Bundesratspräsidentin", "Hannelore Kraft an der Spitze des Bundesrats"],
        "Hannelore Kraft ist zur Präsidentin des Bundesrats gewählt worden.",
    ),
    (
        "ev025",
        "65110",
        "dpa",
        "KUNDUS",
        "Bundeswehr",
        ["Guttenberg reist mit Ehefrau und Kerner nach Afghanistan", "Kritik an Guttenbergs Truppenbesuch"],
        "Verteidigungsminister Guttenberg hat überraschend die Truppe in Afghanistan besucht.",
    ),
    (
        "ev026",
        "67339",
        None,
        None,
        "Thailand",
        ["Hochwasser in Südthailand: Mindestens 35 Tote", "Flut in Thailand: Lage bleibt kritisch"],
        "Die Überschwemmungen im Süden Thailands haben Dutzende Tote gefordert.",
    ),
    (
        "ev027",
        "67374",
        "Reuters",
        "Tokio",
        "Fukushima",
        ["Fukushima: Tepco leitet verseuchtes Wasser ins Meer", "Radioaktives Wasser fließt in den Pazifik"],
        "Tepco lässt radioaktives Wasser aus Fukushima in den Pazifik ab.",
    ),
    (
        "ev028",
        "69157",
        "AFP",
        "Cape Canaveral",
        "Raumfahrt",
        ["Atlantis gelandet – Shuttle-Ära beendet", "Letzte Shuttle-Mission zu Ende"],
        "Die Raumfähre Atlantis ist von ihrer letzten Mission zurück.",
    ),
    (
        "ev029",
        "69650",
        None,
        None,
        "Pakistan",
        ["Anschlag in Quetta: Mindestens 24 Tote", "Taliban bekennen sich zu Anschlag auf General"],
        "Bei einem Anschlag in Quetta sind mehr als 20 Menschen getötet worden.",
    ),
    (
        "ev030",
        "69852",
        "Reuters",
        "Kiew",
        "Ukraine",
        ["Sieben Jahre Haft für Timoschenko gefordert", "Timoschenko-Prozess: Anklage fordert sieben Jahre"],
        "Die Anklage fordert sieben Jahre Haft für Julia Timoschenko.",
    ),
    (
        "ev031",
        "70653",
        "dpa-AFX",
        "FRANKFURT",
        "Börse",
        ["Dax schließt deutlich im Plus", "Börse Frankfurt: Dax legt um 1,3 Prozent zu"],
        "Der Dax hat die Woche mit Gewinnen beendet.",
    ),
    (
        "ev032",
        "72093",
        "Reuters",
        "Mexiko-Stadt",
        "Erdbeben",
        ["Erdbeben der Stärke 7,4 erschüttert Mexiko", "Mexiko: Starkes Beben im Süden"],
        "Ein schweres Erdbeben hat den Süden Mexikos erschüttert.",
    ),
    (
        "ev033",
        "75701",
        "dpa",
        "INGOLSTADT",
        "Unfall",
        ["Busunglück auf der A9: Ein Toter, 35 Verletzte", "Reisebus kippt bei Ingolstadt um"],
        "Bei einem Busunglück auf der A9 ist ein Mensch gestorben.",
    ),
    (
        "ev034",
        "80634",
        "AFP",
        "Guatemala-Stadt",
        "Guatemala",
        ["22 Mädchen sterben bei Brand in Kinderheim", "Guatemala: Tödliches Feuer in Waisenhaus"],
        "Bei einem Brand in einem Kinderheim in Guatemala sind 22 Mädchen gestorben.",
    ),
    (
        "ev035",
        "82511",
        None,
        None,
        "Radsport",
        [
            "Tour de France: Gaviria erster Träger des Gelben Trikots",
            "Tour-Auftakt: Froome stürzt, Gaviria siegt",
        ],
        "Die 105. Tour de France hat begonnen.",
    ),
    (
        "ev036",
        "82520",
        "AFP",
        "Tokio",
        "Japan",
        ["Unwetter in Japan: Mindestens 81 Tote", "Japan: Zahl der Flutopfer steigt"],
        "Schwere Unwetter haben in Japan Dutzende Menschen getötet.",
    ),
    (
        "ev037",
        "83753",
        "SID",
        "Trondheim",
        "Handball-EM",
        ["Handball-EM: Deutschland schlägt Niederlande 34:23", "DHB-Team gewinnt EM-Auftakt"],
        "Die deutschen Handballer sind mit einem Sieg in die EM gestartet.",
    ),
    (
        "ev038",
        "84297",
        "AFP",
        "Jakarta",
        "Flugzeugabsturz",
        [
            "Boeing mit 62 Menschen an Bord in Indonesien vermisst",
            "Sriwijaya Air: Maschine nach Start verschwunden",
        ],
        "In Indonesien ist eine Boeing 737 kurz nach dem Start verschwunden.",
    ),
    (
        "ev039",
        "84342",
        "dpa",
        "WASHINGTON",
        "Nachruf",
        ["Früherer US-Außenminister George Shultz gestorben", "George Shultz mit 100 Jahren gestorben"],
        "Der frühere US-Außenminister George Shultz ist tot.",
    ),
    (
        "ev040",
        "84585",
        None,
        None,
        "Chile",
        ["Chile führt die Ehe für alle ein", "Chiles Parlament stimmt für gleichgeschlechtliche Ehe"],
        "Chile führt die gleichgeschlechtliche Ehe ein.",
    ),
]

# Kim–Putin, September 2023: four seed articles, one story-level event, each
# seed its own origin (000 and 004 are separate dpa-AFX pieces of different days).
KIM_EVENT = "ev-kim-2023"
KIM_SEEDS = [
    # (id, seed file prefix, outlet, agency, published, title)
    (
        "ev-kim-2023-s001",
        "001",
        "Online-Zeitung (AFP-Material, Paywall-Seite)",
        "AFP",
        "2023-09-05T17:40",
        "Ukraine-Krieg / USA: Kim will mit Putin in Russland über Waffenlieferungen sprechen",
    ),
    ("ev-kim-2023-s002", "002", "DW", None, "2023-09-05T19:05", "Ukraine aktuell: Kim will Waffen liefern"),
    (
        "ev-kim-2023-s004",
        "004",
        "dpa-AFX",
        "dpa-AFX",
        "2023-09-11T11:20",
        "Kreml bestätigt geplantes Treffen von Putin und Kim in Russland",
    ),
    (
        "ev-kim-2023-s000",
        "000",
        "dpa-AFX",
        "dpa-AFX",
        "2023-09-12T09:35",
        "Kim Jong Un zu Treffen mit Putin in Russland eingetroffen",
    ),
]
# seeds that get scripted reprints (clean wire bodies)
KIM_REPRINTED = {
    "000": [
        "Kim ist in Russland: Treffen mit Putin steht bevor",
        "Nordkoreas Machthaber in Russland eingetroffen",
    ],
    "004": [
        "Moskau und Pjöngjang bestätigen Kim-Besuch in Russland",
        "Kim reist zu Putin – Kreml bestätigt Besuch",
    ],
}

# Distractors: real Wikinews articles of *other* events; many share the broad
# topic (and often the period) of one of the events above.  Value = the event
# whose topic they mimic (documentation only, not part of the gold labels).
DISTRACTORS = {
    "48343": "ev005",
    "72767": "ev032",
    "66494": "ev005",
    "60475": "ev032",
    "83783": "ev037",
    "8562": "ev001",
    "23714": "ev001",
    "60990": "ev028",
    "69813": "ev028",
    "35877": "ev012",
    "28114": "ev008",
    "28446": "ev008",
    "70915": "ev030",
    "19560": "ev003",
    "12611": "ev003",
    "63385": "ev038",
    "5248": "ev038",
    "35359": "ev038",
    "80534": "ev010",
    "64617": "ev010",
    "84711": "ev006",
    "59270": "ev020",
    "56998": "ev021",
    "52546": "ev021",
    "55265": "ev017",
    "55767": "ev017",
    "75720": "ev033",
    "82396": "ev033",
    "66614": "ev022",
    "60843": "ev022",
    "58768": "ev023",
    "67437": "ev025",
    "56533": "ev004",
    "61440": "ev004",
    "30797": "ev026",
    "53890": "ev026",
    "62691": "ev026",
    "5167": "ev014",
    "45701": "ev013",
    "48687": "ev013",
    "50033": "ev007",
    "43595": "ev007",
    "28493": "ev009",
    "48551": "ev009",
    "33591": "ev009",
    "81851": "ev019",
    "8067": "ev035",
    "82467": "ev036",
    "46588": "ev039",
    "76695": "ev027",
    "45244": "ev029",
    "80806": "ev029",
    "80698": "ev034",
    "6103": "ev015",
    "62831": "ev016",
    "64095": "ev024",
    "49037": "ev031",
    "45274": "ev031",
    "77143": KIM_EVENT,
    "74557": KIM_EVENT,
    "12716": KIM_EVENT,
    "18890": "ev033",
    "44357": "ev021",
}
# seed 003 (Lavrov in Wonsan, July 2025): same actors as the Kim event, other event
SEED_DISTRACTORS = [
    (
        "dx-seed003",
        "003",
        "Deutsche Tageszeitung",
        "AFP",
        "2025-07-13T10:50",
        "Nordkoreas Machthaber Kim sagt Russland volle Unterstützung im Ukraine-Krieg zu",
    )
]

# Fictional outlet names (no real publication is implied).
REPRINT_OUTLETS = [
    "Weserland-Bote",
    "Allgäuer Tagespost",
    "Saale-Echo",
    "Neckar-Rundschau online",
    "Westfälisches Morgenblatt",
    "Ostsee-Kurier",
    "Eifel-Anzeiger",
    "Lausitzer Abendblatt",
    "nachrichten-heute.example",
    "Portal24 News",
    "Rheintal-Nachrichten",
    "Harzer Volksblatt",
    "Mainfranken-Post",
    "Oberland-Zeitung",
    "Spreewald-Rundschau",
    "news-ticker.example",
]
REWRITE_OUTLETS = [
    "Frankfurter Tagesbote",
    "Hamburger Abendzeitung",
    "Münchner Morgenpost online",
    "Kölner Stadtbote",
    "Berliner Tagesspiegel-Kurier",
    "Stuttgarter Nachrichtenblatt",
    "Leipziger Volksbote",
    "Bremer Weser-Blatt",
]

TRAILING_JUNK = re.compile(
    r"^(Links(?=[A-ZÄÖÜ„])|Hintergrund$|Siehe auch|Themenverwandte Artikel|Quellen$"
    r"|Tabelle\b|– Themenverwandte)"
)

# ---------------------------------------------------------------------------
# text helpers
# ---------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Split raw text into paragraphs (any newline run), normalise spaces."""
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in re.split(r"\n+", text)]
    paras = [p for p in paras if p]
    while paras and TRAILING_JUNK.match(paras[-1]):
        paras.pop()
    return paras


ABBREV = {
    "Nr",
    "Chr",
    "v",
    "z",
    "B",
    "bzw",
    "ca",
    "St",
    "Dr",
    "Prof",
    "u",
    "a",
    "sog",
    "Mio",
    "Mrd",
    "ggf",
    "vgl",
    "usw",
    "etc",
}


def sentences(par: str) -> list[str]:
    out, start = [], 0
    for m in re.finditer(r"[.!?][“\"]?\s+(?=[A-ZÄÖÜ„\"])", par):
        before = par[start : m.start()].split()
        last = before[-1] if before else ""
        if re.fullmatch(r"\d+", last) or last.rstrip(".") in ABBREV or len(last) == 1:
            continue
        out.append(par[start : m.end()].strip())
        start = m.end()
    out.append(par[start:].strip())
    return [s for s in out if s]


def wc(text: str) -> int:
    return len(text.split())


def fmt(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M")


def stable_rng(*parts) -> random.Random:
    h = hashlib.sha256(("|".join(map(str, (SEED, *parts)))).encode()).hexdigest()
    return random.Random(int(h[:16], 16))


def split_of(event: str) -> str:
    """Fixed rule: parity of the first md5 byte of the event id."""
    return "tune" if int(hashlib.md5(event.encode()).hexdigest()[:2], 16) % 2 == 0 else "test"


def dateline(agency: str | None, city: str | None) -> str:
    if not agency:
        return ""
    if agency in ("dpa", "dpa-AFX"):
        return f"{city.upper()} ({agency}) - "
    return f"{city} ({agency}) - "


# ---------------------------------------------------------------------------
# reprint machinery
# ---------------------------------------------------------------------------
# (pattern, replacement) -- light edits that copy desks make
SUBSTITUTIONS = [
    (r"\bKremlchef\b", "Russlands Präsident"),
    (r"\bKreml-Chef\b", "Russlands Präsident"),
    (r"\bsagte\b", "erklärte"),
    (r"\berklärte\b", "sagte"),
    (r"\bzunächst\b", "vorerst"),
    (r"\bbisher\b", "bislang"),
    (r"\bbislang\b", "bisher"),
    (r"\bbereits\b", "schon"),
    (r"\bjedoch\b", "allerdings"),
    (r"\bderzeit\b", "aktuell"),
    (r"\brund\b", "etwa"),
    (r"\bmehr als\b", "über"),
    (r"\bMenschen\b", "Personen"),
    (r"\bMillionen\b", "Mio."),
    (r"\bMilliarden\b", "Mrd."),
    (r"\bProzent\b", "%"),
    (r"\baußerdem\b", "zudem"),
    (r"\bUS-amerikanischen\b", "amerikanischen"),
    (r"\bBundeskanzlerin\b", "Kanzlerin"),
    (r"\bVereinigten Staaten\b", "USA"),
    (r"\binsgesamt\b", "alles in allem"),
]
HEADER_POOL = [
    "Zum Inhalt springen",
    "Startseite › {rubrik} › {kicker}",
    "Lesezeit: {mins} Min.",
    "Teilen: Facebook | X | WhatsApp | E-Mail",
    "Anzeige",
    "Veröffentlicht am {date} Uhr",
    "Von unserer Online-Redaktion",
    "{kicker}",
]
CAPTIONS = [
    "Symbolbild. Foto: picture alliance/dpa",
    "Foto: Archiv/dpa",
    "Archivbild. Foto: Redaktion/dpa",
    "Foto: –/dpa",
    "(Symbolfoto) Foto: IMAGO",
    "Bild: AP/dpa",
]
FOOTER_POOL = [
    "Mehr zum Thema: {kicker}",
    "Kommentare ({n})",
    "Newsletter: Die wichtigsten Nachrichten des Tages – jeden Morgen in Ihrem Postfach. Jetzt anmelden!",
    "Teilen auf Facebook | X | WhatsApp",
    "Diese Meldung wurde automatisch aus dem Nachrichtenangebot übernommen.",
    "Haben Sie einen Fehler entdeckt? Schreiben Sie uns.",
    "© {outlet} {year}. Alle Rechte vorbehalten.",
    "Weitere Nachrichten aus aller Welt lesen Sie hier.",
]
COMMENTS = [
    "Leser_K. schrieb: Danke für die schnelle Info!",
    "hans_w: Wieso erfährt man das erst jetzt?",
    "Marie1978: Schlimm. Meine Gedanken sind bei den Betroffenen.",
    "gast123: Das war ja abzusehen.",
    "T. Becker: Endlich mal eine gute Nachricht.",
    "nordlicht: Quelle? Steht doch alles schon seit heute früh online.",
]
ADDED_SENDINGS = [
    "Weitere Einzelheiten waren zunächst nicht bekannt.",
    "Wir halten Sie auf dem Laufenden.",
    "Eine Stellungnahme lag bis Redaktionsschluss nicht vor.",
    "Die Meldung wird aktualisiert.",
    "Ob es weitere Entwicklungen gibt, war am Abend noch offen.",
]
RUBRIKEN = ["Nachrichten", "Politik", "Panorama", "Welt", "Wirtschaft", "Sport", "Kultur", "Wissen"]
CREDIT_TAGS = {
    "dpa": ["dpa"],
    "AFP": ["AFP", "afp"],
    "Reuters": ["Reuters", "rtr"],
    "SID": ["SID", "sid"],
    "dpa-AFX": ["dpa-AFX"],
}
# regional dpa services that reprints of Bavarian stories may carry
REGIONAL_TAGS = {"ev008": "dpa/lby", "ev033": "dpa/lby"}


def make_reprint(
    rng: random.Random,
    *,
    ev: dict,
    paras: list[str],
    body_start_dt: datetime,
    other_titles: list[str],
    outlet: str,
) -> tuple[str, list[str]]:
    """Return (text, list of applied operations) for one scripted reprint."""
    ops: list[str] = []
    paras = [p for p in paras]
    # 1. lead: shorten or replace (or keep)
    r = rng.random()
    sents0 = sentences(paras[0])
    if r < 0.4 and len(sents0) > 1:
        keep = 1 if len(sents0) < 4 else 2
        paras[0] = " ".join(sents0[:keep])
        ops.append("lead_shortened")
    elif r < 0.7:
        rest = " ".join(sents0[1:])
        paras[0] = ev["teaser"] + (" " + rest if rest and rng.random() < 0.5 else "")
        ops.append("lead_replaced")
    # 2. cut the last paragraph
    if len(paras) >= 3 and rng.random() < 0.5:
        paras.pop()
        ops.append("last_par_cut")
    # 3. word substitutions
    subs = [s for s in SUBSTITUTIONS if re.search(s[0], " ".join(paras))]
    rng.shuffle(subs)
    nsub = min(len(subs), rng.randint(1, 4))
    if ev.get("force_sub"):
        forced = [s for s in subs if s[0] == ev["force_sub"]]
        subs = forced + [s for s in subs if s not in forced]
        nsub = max(nsub, len(forced))
    for pat, repl in subs[:nsub]:
        paras = [re.sub(pat, repl, p) for p in paras]
    if nsub:
        ops.append(f"substitutions:{nsub}")
    # 4. quote style of the CMS
    if rng.random() < 0.3:
        paras = [p.replace("„", '"').replace("“", '"') for p in paras]
        ops.append("quotes_ascii")
    # 5. merge two paragraphs
    if len(paras) >= 3 and rng.random() < 0.25:
        i = rng.randrange(len(paras) - 1)
        paras[i : i + 2] = [paras[i] + " " + paras[i + 1]]
        ops.append("paragraphs_merged")
    # 6. an added sentence at the end
    if rng.random() < 0.3:
        paras.append(rng.choice(ADDED_SENDINGS))
        ops.append("sentence_added")
    # 7. agency credit: dateline kept / regional tag / moved to the end
    agency = ev["agency"]
    if agency:
        mode = rng.random()
        tag = rng.choice(
            CREDIT_TAGS.get(agency, [agency])
            + ([REGIONAL_TAGS[ev["event"]]] if ev["event"] in REGIONAL_TAGS else [])
        )
        if mode < 0.6 and ev["city"]:
            city = ev["city"].upper() if agency in ("dpa", "dpa-AFX") else ev["city"]
            paras[0] = f"{city} ({tag}) - " + body_first_after_dateline(paras, ev)
        else:
            paras[-1] = paras[-1] + f" ({tag})"
            ops.append("credit_at_end")
    # 8. boilerplate around / inside
    fill = dict(
        kicker=ev["kicker"],
        rubrik=rng.choice(RUBRIKEN),
        mins=rng.randint(1, 4),
        date=body_start_dt.strftime("%d.%m.%Y, %H:%M"),
        n=rng.randint(0, 48),
        outlet=outlet,
        year=body_start_dt.year,
    )
    head = [h.format(**fill) for h in rng.sample(HEADER_POOL, rng.randint(1, 4))]
    if rng.random() < 0.6:
        head.append(rng.choice(CAPTIONS))
    if rng.random() < 0.7 and other_titles:
        pos = rng.randint(1, max(1, len(paras) - 1))
        paras.insert(pos, "Lesen Sie auch: " + rng.choice(other_titles))
        ops.append("lesen_sie_auch")
    foot = [f.format(**fill) for f in rng.sample(FOOTER_POOL, rng.randint(1, 3))]
    if rng.random() < 0.35:
        foot += rng.sample(COMMENTS, rng.randint(1, 2))
        ops.append("comments")
    if agency == "dpa" and rng.random() < 0.5:
        foot.insert(
            0,
            f"© dpa-infocom, dpa:{body_start_dt.strftime('%y%m%d')}-99-"
            f"{rng.randint(100000, 999999)}/{rng.randint(2, 9)}",
        )
    ops.append("boilerplate")
    return "\n\n".join(head + paras + foot), ops


def body_first_after_dateline(paras: list[str], ev: dict) -> str:
    """First paragraph with any existing dateline removed."""
    return re.sub(r"^[A-ZÄÖÜa-zäöüß/ \-]+ \([^)]*\) - ", "", paras[0])


def strip_wire_codes(text: str) -> list[str]:
    """Clean body of a dpa-AFX seed for reprinting (no correction note, no /xx/ codes)."""
    paras = paragraphs(text)
    paras = [p for p in paras if not p.startswith("date ")]
    paras[-1] = re.sub(r"(/[A-Za-z]{1,4})+\s*$", "", paras[-1]).strip()
    return paras


# ---------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------


def load_wikinews(root: Path) -> dict[str, dict]:
    docs = {}
    for name in ("train", "dev"):
        with open(root / f"{name}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                doc_id = d["documentName"].split(" - ", 1)[0]
                m = re.search(r"\((\d{4}-\d\d-\d\d)\)\s*$", d["documentName"])
                title = re.sub(r"\s*\(\d{4}-\d\d-\d\d\)\s*$", "", d["documentName"].split(" - ", 1)[1])
                docs[doc_id] = {
                    "documentName": d["documentName"],
                    "title": title,
                    "date": m.group(1),
                    "paras": paragraphs(d["originalText"]),
                }
    return docs


def load_seed(root: Path, prefix: str) -> tuple[str, str]:
    path = next(root.glob(f"{prefix}_*.txt"))
    raw = path.read_text(encoding="utf-8")
    text = re.sub(r"\n[ \t\u00a0]*\n(\s*\n)+", "\n\n", raw.strip())
    return path.name, text


def doc_time(doc_id: str, date: str) -> datetime:
    rng = stable_rng("time", doc_id)
    return datetime.fromisoformat(date) + timedelta(hours=rng.randint(12, 21), minutes=rng.randint(0, 59))


# ---------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------


def build(wikinews: Path, seeds: Path) -> list[dict]:
    docs = load_wikinews(wikinews)
    lines = REWRITES.read_text(encoding="utf-8").splitlines()
    rewrites = [json.loads(line) for line in lines if line.strip()]
    events = [
        dict(event=e, doc=d, agency=a, city=c, kicker=k, alt_titles=t, teaser=s)
        for e, d, a, c, k, t, s in EVENTS
    ]
    other_titles = [docs[d]["title"] for d in DISTRACTORS]
    rows: list[dict] = []

    def add(**kw):
        kw["split"] = split_of(kw["event"])
        rows.append(kw)

    orig_by_event: dict[str, dict] = {}
    for ev in events:
        doc = docs[ev["doc"]]
        eid = ev["event"]
        t0 = doc_time(ev["doc"], doc["date"])
        paras = list(doc["paras"])
        if ev["agency"]:
            paras[0] = dateline(ev["agency"], ev["city"]) + paras[0]
        oid = f"{eid}-o"
        orig = dict(
            id=oid,
            event=eid,
            origin=oid,
            kind="original",
            outlet=ev["agency"] if ev["agency"] else "Wikinews",
            agency=ev["agency"],
            published=fmt(t0),
            title=doc["title"],
            text="\n\n".join(paras),
            source_doc=doc["documentName"],
        )
        add(**orig)
        orig_by_event[eid] = dict(orig, t0=t0)
        rng = stable_rng("reprints", eid)
        n = rng.randint(1, 3)
        outlets = rng.sample(REPRINT_OUTLETS, n)
        for k in range(n):
            rr = stable_rng("reprint", eid, k)
            dt = t0 + timedelta(minutes=rr.randint(10, 360))
            title = ev["alt_titles"][k] if k < 2 else f"{ev['kicker']}: {doc['title']}"
            text, ops = make_reprint(
                rr,
                ev=ev,
                paras=list(doc["paras"]),
                body_start_dt=dt,
                other_titles=other_titles,
                outlet=outlets[k],
            )
            add(
                id=f"{eid}-r{k + 1}",
                event=eid,
                origin=oid,
                kind="reprint",
                outlet=outlets[k],
                agency=ev["agency"],
                published=fmt(dt),
                title=title,
                text=text,
                source_doc=doc["documentName"],
                edits=ops,
            )

    # Kim–Putin seeds: one event, four origins (+ reprints of the two dpa-AFX pieces)
    for sid, prefix, outlet, agency, published, title in KIM_SEEDS:
        fname, text = load_seed(seeds, prefix)
        add(
            id=sid,
            event=KIM_EVENT,
            origin=sid,
            kind="original",
            outlet=outlet,
            agency=agency,
            published=published,
            title=title,
            text=text,
            source_doc=fname,
        )
        if prefix in KIM_REPRINTED:
            t0 = datetime.fromisoformat(published)
            paras = strip_wire_codes(text)
            m = re.match(r"^([A-ZÄÖÜ/]+) \(dpa-AFX\) - ", paras[0])
            ev = dict(
                event=KIM_EVENT,
                agency="dpa-AFX",
                city=m.group(1) if m else None,
                kicker="Nordkorea",
                teaser="Kim Jong Un und Wladimir Putin wollen sich in Russland treffen.",
                force_sub=r"\bKremlchef\b",
            )
            paras[0] = body_first_after_dateline(paras, ev)
            for k, alt in enumerate(KIM_REPRINTED[prefix]):
                rr = stable_rng("reprint", sid, k)
                if k > 0 and rr.random() < 0.5:
                    continue
                dt = t0 + timedelta(minutes=rr.randint(10, 360))
                outlet_r = stable_rng("kim-outlet", sid, k).choice(REPRINT_OUTLETS)
                rtext, ops = make_reprint(
                    rr, ev=ev, paras=list(paras), body_start_dt=dt, other_titles=other_titles, outlet=outlet_r
                )
                add(
                    id=f"{sid}-r{k + 1}",
                    event=KIM_EVENT,
                    origin=sid,
                    kind="reprint",
                    outlet=outlet_r,
                    agency="dpa-AFX",
                    published=fmt(dt),
                    title=alt,
                    text=rtext,
                    source_doc=fname,
                    edits=ops,
                )

    # hand-written rewrites (independent origins)
    for rw in rewrites:
        o = orig_by_event[rw["event"]]
        assert rw["source_doc"] == o["source_doc"], rw["id"]
        rr = stable_rng("rewrite", rw["id"])
        dt = o["t0"] + timedelta(minutes=rr.randint(60, 30 * 60))
        add(
            id=rw["id"],
            event=rw["event"],
            origin=rw["id"],
            kind="rewrite",
            outlet=rr.choice(REWRITE_OUTLETS),
            agency=None,
            published=fmt(dt),
            title=rw["title"],
            text=rw["text"],
            source_doc=rw["source_doc"],
        )

    # distractors
    for d in DISTRACTORS:
        doc = docs[d]
        did = f"dx-{d}"
        add(
            id=did,
            event=did,
            origin=did,
            kind="distractor",
            outlet="Wikinews",
            agency=None,
            published=fmt(doc_time(d, doc["date"])),
            title=doc["title"],
            text="\n\n".join(doc["paras"]),
            source_doc=doc["documentName"],
        )
    for did, prefix, outlet, agency, published, title in SEED_DISTRACTORS:
        fname, text = load_seed(seeds, prefix)
        add(
            id=did,
            event=did,
            origin=did,
            kind="distractor",
            outlet=outlet,
            agency=agency,
            published=published,
            title=title,
            text=text,
            source_doc=fname,
        )

    rows.sort(key=lambda r: (r["published"], r["id"]))
    return rows


KEYS = [
    "id",
    "event",
    "origin",
    "kind",
    "outlet",
    "agency",
    "published",
    "title",
    "text",
    "source_doc",
    "split",
    "edits",
]


def check(rows: list[dict]) -> dict:
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        assert r["kind"] in ("original", "reprint", "rewrite", "distractor"), r["id"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", r["published"]), r["id"]
        assert r["text"].strip() and r["title"].strip(), r["id"]
        o = by_id.get(r["origin"])
        assert o is not None, f"{r['id']}: origin {r['origin']} missing"
        assert o["event"] == r["event"], f"{r['id']}: origin in other event"
        if r["kind"] == "reprint":
            assert o["kind"] == "original" and o["id"] != r["id"], r["id"]
            dt = (
                datetime.fromisoformat(r["published"]) - datetime.fromisoformat(o["published"])
            ).total_seconds() / 60
            assert 10 <= dt <= 360, (r["id"], dt)
        else:
            assert r["origin"] == r["id"], r["id"]
        if r["kind"] == "rewrite":
            o = by_id[f"{r['event']}-o"]
            dt = (
                datetime.fromisoformat(r["published"]) - datetime.fromisoformat(o["published"])
            ).total_seconds() / 3600
            assert 1 <= dt <= 30, (r["id"], dt)
        if r["kind"] == "distractor":
            assert sum(1 for x in rows if x["event"] == r["event"]) == 1, r["id"]
    pubs = [r["published"] for r in rows]
    assert pubs == sorted(pubs), "not sorted"
    splits = {}
    for r in rows:
        splits.setdefault(r["event"], set()).add(r["split"])
    assert all(len(s) == 1 for s in splits.values()), "event split inconsistent"
    kinds = Counter(r["kind"] for r in rows)
    multi = {e for e in splits if sum(1 for r in rows if r["event"] == e) > 1}
    rw_events = {r["event"] for r in rows if r["kind"] == "rewrite"}
    ratios = []
    for r in rows:
        if r["kind"] == "rewrite":
            o = by_id[f"{r['event']}-o"]
            ratios.append(wc(r["text"]) / wc(re.sub(r"^[^()]*\([^)]*\) - ", "", o["text"])))
    stats = dict(
        lines=len(rows),
        kinds=dict(kinds),
        events_with_versions=len(multi),
        events_with_rewrites=len(rw_events),
        origins=len({r["origin"] for r in rows}),
        split_events=Counter(next(iter(splits[e])) for e in multi),
        split_lines=Counter(r["split"] for r in rows),
        originals_with_agency=sum(1 for r in rows if r["kind"] == "original" and r["agency"]),
        rewrite_len_ratio=(round(min(ratios), 2), round(max(ratios), 2)) if ratios else None,
    )
    assert len(multi) >= 40 and len(rw_events) >= 25 and kinds["distractor"] >= 60, stats
    assert all(0.6 <= x <= 1.0 for x in ratios), ratios
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wikinews", type=Path, default=DEFAULT_WIKINEWS)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check-only", action="store_true", help="validate an existing stream file")
    args = ap.parse_args(argv)
    if args.check_only:
        lines = args.out.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
    else:
        rows = build(args.wikinews, args.seeds)
        with open(args.out, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({k: r[k] for k in KEYS if k in r}, ensure_ascii=False) + "\n")
    stats = check(rows)
    print(json.dumps(stats, ensure_ascii=False, default=dict, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Lexicon for German temporal expressions: calendar words, relative anchors and tense cues.

Source: own work for pressespiegel, written by hand from German news usage (dpa/AFP/DW style and
Austrian variants such as "Jänner"); Apache-2.0 like the rest of the package. Nothing here is
derived from the Wikinews evaluation sentences in ``bench/data/dates_de.jsonl`` (CC BY-NC-SA);
those are used to measure ``analyze/dates.py`` only.

The finder in ``analyze/dates.py`` builds its regular expressions from these tables, so a new
month abbreviation, number word or tense cue is added here and nowhere else. Keys are matched
case-sensitively exactly as written unless a comment says otherwise.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A word set from a whitespace-separated block (keeps long lists readable)."""
    return frozenset(text.split())


# Month names and their abbreviations (with the full stop they carry in text) → month number.
MONTHS: dict[str, int] = {
    "Januar": 1, "Jänner": 1, "Jan.": 1,
    "Februar": 2, "Feber": 2, "Feb.": 2, "Febr.": 2,
    "März": 3, "Mrz.": 3,
    "April": 4, "Apr.": 4,
    "Mai": 5,
    "Juni": 6, "Jun.": 6,
    "Juli": 7, "Jul.": 7,
    "August": 8, "Aug.": 8,
    "September": 9, "Sept.": 9, "Sep.": 9,
    "Oktober": 10, "Okt.": 10,
    "November": 11, "Nov.": 11,
    "Dezember": 12, "Dez.": 12,
}  # fmt: skip

# Weekday names → ``date.weekday()`` index (Monday = 0). "Sonnabend" is the northern Saturday.
WEEKDAYS: dict[str, int] = {
    "Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3,
    "Freitag": 4, "Samstag": 5, "Sonnabend": 5, "Sonntag": 6,
}  # fmt: skip

# Parts of the day, glued to a weekday ("Montagabend") or following a day anchor
# ("gestern Abend", "heute Morgen"). They do not change the date, only narrow it.
PARTS_OF_DAY: tuple[str, ...] = (
    "morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht", "früh",
)  # fmt: skip

# Adjectives that may sit between "am" and a weekday without changing which day it is
# ("am späten Montagabend", "am frühen Dienstagmorgen").
DAY_TIME_ADJECTIVES: tuple[str, ...] = ("späten", "frühen", "spätem", "frühem")

# Deictic day words → offset in days from the publication date. Lower-case adverbs only:
# capitalised "Morgen" is the noun ("am Morgen") except at the start of a sentence.
DAY_ANCHORS: dict[str, int] = {
    "vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2,
}  # fmt: skip

# The same anchors as attributive adjectives ("am heutigen Samstag", "am gestrigen Abend").
# They count as a date only before a weekday or a day noun (see DAY_NOUNS): "die heutige
# Türkei" means "present-day", not the publication date.
DAY_ANCHOR_ADJECTIVES: dict[str, int] = {
    "vorgestrigen": -2, "gestrigen": -1, "heutigen": 0, "morgigen": 1,
}  # fmt: skip

# Nouns that turn an anchor adjective into a date: "am heutigen Tag / Morgen / Abend".
DAY_NOUNS: tuple[str, ...] = ("Tag", "Tage", "Morgen", "Vormittag", "Mittag", "Nachmittag", "Abend", "Nacht")

# Stems of words that shift a named period relative to the publication date, with their shift:
# "vergangene Woche" (-1), "dieses Jahr" (0), "kommenden Monat" (+1). Any adjective ending
# (-e, -en, -em, -er, -es) may follow the stem.
PERIOD_SHIFTS: dict[str, int] = {
    "vergangen": -1, "letzt": -1, "vorig": -1,
    "dies": 0, "laufend": 0,
    "kommend": 1, "nächst": 1,
}  # fmt: skip

# Singular period nouns (and their genitive) → unit. Plurals ("in den letzten Jahren") are
# durations, not dates, and are deliberately absent.
PERIOD_UNITS: dict[str, str] = {
    "Woche": "week", "Monat": "month", "Monats": "month", "Jahr": "year", "Jahres": "year",
    "Wochenende": "weekend", "Wochenendes": "weekend",
}  # fmt: skip

# "vor vier Jahren": unit nouns after "vor" + number → unit (singular after "einem/einer").
AGO_UNITS: dict[str, str] = {
    "Tag": "day", "Tagen": "day", "Woche": "week", "Wochen": "week",
    "Monat": "month", "Monaten": "month", "Jahr": "year", "Jahren": "year",
}  # fmt: skip

# Number words for counts in relative expressions ("vor zwei Wochen"); the inflected forms of
# "ein" appear after "vor" ("vor einem Jahr", "vor einer Woche").
NUMBER_WORDS: dict[str, int] = {
    "ein": 1, "eins": 1, "einem": 1, "einer": 1, "einen": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20,
    "dreißig": 30, "fünfzig": 50, "hundert": 100,
}  # fmt: skip

# Words naming a part of a month or year: "Anfang/Mitte/Ende August" → month precision,
# "Mitte 2007" → year precision. The value keeps the precision of the period, not of the part.
PARTIAL_WORDS: tuple[str, ...] = ("Anfang", "Anfangs", "Beginn", "Mitte", "Ende", "Endes")

# Decade words: "in den neunziger Jahren" → the 1990s (ISO value "199").
DECADE_WORDS: dict[str, int] = {
    "zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5,
    "sechziger": 6, "siebziger": 7, "achtziger": 8, "neunziger": 9,
}  # fmt: skip

# Weekday phrases that are names, not dates: newspapers published on Sundays.
WEEKDAY_NAME_PREFIXES: tuple[str, ...] = (
    "Welt am", "Bild am", "Rundschau am", "Tagesspiegel am", "Kurier am", "NZZ am", "Blick am",
    "Krone am", "Presse am", "Zeitung am", "Echo am", "Post am", "Kleine am",
)  # fmt: skip

# Names that contain a four-digit number which is not a date reference (sports clubs).
NAMES_WITH_YEAR: tuple[str, ...] = (
    "1899 Hoffenheim", "TSG 1899", "1860 München", "TSV 1860", "Hannover 1896", "Mainz 1905",
    "Schalke 1904", "Bayer 1904", "VfL 1848", "Gladbach 1900", "Dortmund 1909", "BVB 1909",
)  # fmt: skip

# Words directly before a weekday or "Wochenende" that make it a recurring time, not a date:
# "jeden Montag", "nur am Wochenende".
GENERIC_PREFIXES: tuple[str, ...] = (
    "jeden", "jedes", "jedem", "nur am", "immer am", "meist am", "an", "jährlich am", "alljährlich am",
    "jeweils am", "traditionell am", "einem", "einen", "einer",
)  # fmt: skip

# --- Tense cues: decide whether a bare weekday or a month without year points back or ahead. ---
# The cue nearest to the expression in the same sentence decides; a preposition or modifier
# directly before the expression overrides both.

# Words directly before the expression that fix the direction on their own.
LOCAL_FUTURE_CUES: tuple[str, ...] = (
    "für", "ab", "bis", "bis zum", "bis zur", "auf den", "zum", "kommenden", "nächsten", "ab dem",
)  # fmt: skip
LOCAL_PAST_CUES: tuple[str, ...] = ("seit", "vom", "vergangenen", "letzten", "vorigen", "zuletzt am")

# Forms of "werden": future only with an infinitive ("wird stattfinden"); with a participle in
# the sentence they are the passive ("werden ... gefunden") and no cue at all.
WERDEN_FORMS: frozenset[str] = _words("wird werden wirst werde")

# Finite verbs that mark future or intention (present tense modals count: "kann am Samstag
# die Reise antreten").
FUTURE_CUES: frozenset[str] = _words(
    """
    wird werden wirst werde soll sollen solle will wollen wolle plant planen planten geplant
    vorgesehen voraussichtlich kann können könne könnte könnten würde würden dürfte dürften
    angesetzt anberaumt bevorstehen
    """
)

# Past auxiliaries and frequent strong/irregular preterite forms (weak preterites ending in
# -te/-ten are recognised by pattern in ``dates.py``).
PAST_CUES: frozenset[str] = _words(
    """
    hatte hatten hattest war waren wurde wurden worden gewesen gab gaben kam kamen starb starben
    fand fanden ging gingen begann begannen traf trafen stand standen lag lagen fiel fielen
    sprach sprachen rief riefen zog zogen erhielt erhielten hielt hielten verließ verließen
    schrieb schrieben nahm nahmen brach brachen flog flogen fuhr fuhren las blieb blieben
    entschied entschieden gewann gewannen verlor verloren sank sanken stieg stiegen trat traten
    wies wiesen bot boten schlug schlugen schoss schossen stürzte brannte bekam bekamen
    unterschrieb unterschrieben beschloss beschlossen wusste wussten ließ ließen sah sahen
    lief liefen galt galten saß saßen tat taten geschah verschwand
    """
)

# Perfect auxiliaries: a past cue only when the sentence also holds a past participle.
PERFECT_AUXILIARIES: frozenset[str] = _words("hat haben habe hätte hätten ist sind sei seien")

# Lower-case words ending in -te/-ten that are not preterite verbs (ordinals, adjectives).
NOT_PRETERITE: frozenset[str] = _words(
    """
    heute zweite zweiten dritte dritten vierte vierten fünfte fünften siebte siebten achte achten
    neunte neunten zehnte zehnten elfte elften zwölfte zwölften gute guten alte alten harte harten
    weite weiten breite breiten späte späten rechte rechten halte konkrete konkreten absolute
    absoluten private privaten direkte direkten gesamte gesamten bekannte bekannten weitere
    verletzte verletzten getötete getöteten beschuldigte beschuldigten mutmaßliche
    deutschen monate leute bitte mitte seite
    """
)

# --- Year guards: a bare four-digit number is a year unless the context says "count". ---

# Nouns after a number that make it a quantity ("2000 Menschen", "1200 Kilometer").
QUANTITY_NOUNS: frozenset[str] = _words(
    """
    Menschen Personen Leute Soldaten Polizisten Beamte Beamten Einwohner Bürger Bürgerinnen
    Mitglieder Mitgliedern Besucher Besuchern Teilnehmer Teilnehmern Zuschauer Zuschauern
    Mitarbeiter Mitarbeitern Beschäftigte Beschäftigten Stellen Arbeitsplätze Kinder Schüler
    Studenten Tote Toten Opfer Verletzte Verletzten Flüchtlinge Gefangene Häftlinge Stimmen
    Euro Dollar Franken Pfund Rubel Yen Yuan Cent Kronen Mark Meter Metern Kilometer Kilometern
    Quadratkilometer Quadratmeter Quadratmetern Hektar Tonnen Kilogramm Kilo Gramm Liter Grad
    Prozent Punkte Punkten Stück Mal Seiten Exemplare Exemplaren Fahrzeuge Fahrzeugen Autos
    Häuser Häusern Wohnungen Haushalte Haushalten Drohnen Raketen Panzer Patronen Granaten
    Fälle Fällen Angriffe Angriffen Artikel Artikeln Dateien Nutzer Nutzern Kunden Stunden
    Minuten Sekunden Tage Tagen Schiffe Flugzeuge Betten Plätze Sitze Sitzen Tiere Bäume
    Megawatt Kilowatt PS Volt Bit Byte Pixel Zeichen Wörter Unterschriften Anträge Anzeigen
    """
)

# Words before a number that make it a count, not a year ("rund 2000", "mehr als 1900").
QUANTITY_CUES: tuple[str, ...] = (
    "rund", "etwa", "ungefähr", "über", "mehr als", "weniger als", "fast", "knapp", "ca.", "circa",
    "insgesamt", "mindestens", "höchstens", "bis zu", "allein", "weitere", "nur noch", "gut",
)  # fmt: skip

# Words before a number that make it a label: page, item or line numbers.
NUMBER_LABELS: tuple[str, ...] = (
    "Seite", "Seiten", "S.", "Nr.", "Nummer", "Artikel", "Art.", "Paragraf", "Paragraph", "§",
    "Kapitel", "Band", "Heft", "Flug", "Linie", "Bus", "Tel.", "Telefon", "Postfach", "PLZ", "Zimmer",
    "Raum", "Gleis", "Kanal", "Modell", "Typ", "Version", "Platz", "Rang", "Startnummer",
)  # fmt: skip

# Bare four-digit numbers are years only inside this window; older or later years need a cue
# such as "im Jahr 1633". Counts in news text are far more often ≥ 2100 or < 1800.
BARE_YEAR_MIN = 1800  # news rarely names earlier years without "im Jahr"; "1200 Kilometer" stays out
BARE_YEAR_MAX = 2099  # beyond this, four digits are counts ("6000 Bürger")

"""Lexicon for German quotation attribution: cue verbs, cue prepositions, role nouns, pronouns.

Source: written by hand for pressespiegel from German news usage. The cue counts derived from
GermEval 2023 SpkAtt / GePaDe (parliamentary debates, Rehbein et al. 2023, CC BY-SA 4.0;
``shared/data/quotes/lexicons/cues_gepade_spkatt2023_traindev.tsv``) were consulted for the verb
list, so the module is credited to GePaDe and shared under CC BY-SA 4.0. Nothing here comes from
the Wikinews quotation corpus or its lexicon (CC BY-NC-SA: used for evaluation only).

Verbs are keyed by their lemma as ``simplemma`` gives it; separable verbs by the full infinitive
("mitteilen"), and the quote finder glues a clause-final particle back on ("teilte ... mit").
"""

from __future__ import annotations

# Speech, writing and thought verbs that introduce what somebody said.
CUE_VERBS: frozenset[str] = frozenset(
    [
        "sagen",
        "erklären",
        "betonen",
        "mitteilen",
        "hervorgehen",
        "erwähnen",
        "einwenden",
        "anregen",
        "berichten",
        "ankündigen",
        "bestätigen",
        "kritisieren",
        "fordern",
        "warnen",
        "schreiben",
        "meinen",
        "äußern",
        "hinzufügen",
        "ergänzen",
        "unterstreichen",
        "versichern",
        "bekräftigen",
        "zitieren",
        "behaupten",
        "vermuten",
        "befürchten",
        "bezeichnen",
        "nennen",
        "verweisen",
        "hinweisen",
        "einräumen",
        "angeben",
        "bekanntgeben",
        "feststellen",
        "zurückweisen",
        "vorwerfen",
        "drohen",
        "auffordern",
        "erläutern",
        "beteuern",
        "bestreiten",
        "dementieren",
        "antworten",
        "fragen",
        "rufen",
        "verkünden",
        "melden",
        "twittern",
        "kommentieren",
        "entgegnen",
        "erwidern",
        "widersprechen",
        "argumentieren",
        "begründen",
        "bilanzieren",
        "resümieren",
        "mahnen",
        "appellieren",
        "beklagen",
        "bemängeln",
        "loben",
        "begrüßen",
        "gestehen",
        "zusagen",
        "versprechen",
        "erwarten",
        "hoffen",
        "ausgehen",
        "rechnen",
        "verlauten",
        "verlautbaren",
        "schildern",
        "erzählen",
        "beschreiben",
        "verdeutlichen",
        "klarstellen",
        "klarmachen",
        "präzisieren",
        "anmerken",
        "bemerken",
        "festhalten",
        "zugeben",
        "annehmen",
        "glauben",
        "vermelden",
        "ausführen",
        "darlegen",
        "bezweifeln",
        "anzweifeln",
        "verlangen",
        "empfehlen",
        "raten",
        "vorschlagen",
        "beschuldigen",
        "anprangern",
        "verurteilen",
        "protestieren",
        "ablehnen",
        "zusichern",
        "prognostizieren",
        "vorhersagen",
        "schätzen",
        "veranschlagen",
        "beziffern",
        "informieren",
        "unterrichten",
        "wissen",
        "denken",
        "finden",
        "meinen",
        "sprechen",
        "reden",
        "hervorheben",
        "herausstellen",
        "erinnern",
        "zeigen",
        "überzeugen",
        "bedauern",
        "bezeichnen",
        "verteidigen",
        "signalisieren",
        "andeuten",
        "einschätzen",
        "folgern",
        "schließen",
        "verraten",
        "offenbaren",
        "enthüllen",
        "beteuern",
        "klagen",
        "jubeln",
        "spotten",
        "scherzen",
    ]
)

# Thought/opinion verbs are cues only with a complement clause ("glaubt, dass ..."), never for
# a following direct quotation on their own; kept apart so rules can treat them more strictly.
WEAK_CUE_VERBS: frozenset[str] = frozenset(
    [
        "wissen",
        "denken",
        "finden",
        "glauben",
        "hoffen",
        "erwarten",
        "rechnen",
        "ausgehen",
        "zeigen",
        "erinnern",
        "schließen",
        "annehmen",
        "schätzen",
        "überzeugen",
    ]
)

# Separable particles that can stand at the end of the clause ("teilte ... mit").
SEPARABLE_PARTICLES: frozenset[str] = frozenset(
    [
        "mit",
        "an",
        "zu",
        "fest",
        "hin",
        "ein",
        "bekannt",
        "vor",
        "zurück",
        "aus",
        "dar",
        "klar",
        "heraus",
        "hervor",
        "dagegen",
        "hinzu",
        "auf",
        "ab",
    ]
)

# Passive / impersonal cue phrases: "hieß es", "verlautete".
IMPERSONAL_CUES: frozenset[str] = frozenset({"heißen", "verlauten"})

# Source nouns that also name an event after which something happens ("Nach den Ermittlungen fuhr
# er in den Urlaub"): after "nach" they cite a source only with their author ("nach den
# Ermittlungen der Polizei", "nach einer Stellungnahme von Amnesty"). Wikinews train: "Nach einer
# Stellungnahme der US-Armee", "nach den Berechnungen der Meteorologen".
SOURCE_NOUNS_NEEDING_AUTHOR: frozenset[str] = frozenset(
    [
        "Stellungnahme",
        "Stellungnahmen",
        "Statement",
        "Beitrag",
        "Pflichtmitteilung",
        "Pressemitteilung",
        "Analyse",
        "Ermittlungen",
        "Berechnung",
        "Berechnungen",
        "Planungen",
        "Meldung",
        "Meldungen",
        "Hinweis",
        "Hochrechnung",
        "Hochrechnungen",
        "Umfragen",
        "Gutachten",
    ]
)

# Nouns that turn "nach ... " into a source reference ("nach Angaben der Polizei").
SOURCE_NOUNS: frozenset[str] = SOURCE_NOUNS_NEEDING_AUTHOR | frozenset(
    [
        "Angaben",
        "Angabe",
        "Informationen",
        "Information",
        "Aussage",
        "Aussagen",
        "Auskunft",
        "Auskünften",
        "Worten",
        "Ansicht",
        "Einschätzung",
        "Einschätzungen",
        "Meinung",
        "Darstellung",
        "Darstellungen",
        "Schätzung",
        "Schätzungen",
        "Berichten",
        "Bericht",
        "Erkenntnissen",
        "Erkenntnisstand",
        "Polizeiangaben",
        "Behördenangaben",
        "Regierungsangaben",
        "Medienberichten",
        "Medienbericht",
        "Augenzeugenberichten",
        "Zeugenaussagen",
        "Experten",
        "Expertenangaben",
        "Mitteilung",
        "Erklärung",
        "Überzeugung",
        "Auffassung",
        "Sicht",
        "Recherchen",
        "Unterlagen",
        "Umfrage",
        "Prognose",
        "Prognosen",
        "Studie",
        "Vorhersage",
        "Quellenlage",
        # "dem Vernehmen nach", "eigenem Bekunden nach"
        "Bekunden",
        "Vernehmen",
    ]
)

# Compounds ending like this are source nouns as well ("Polizeiangaben", "Medienberichten").
SOURCE_NOUN_SUFFIXES: tuple[str, ...] = (
    "angaben",
    "berichten",
    "informationen",
    "aussagen",
    "meldungen",
    "schätzungen",
    "bericht",
    "meinung",
    "meldung",
    "berechnungen",
    "ermittlungen",
)

# "X zufolge", "laut X", "nach X" (with a source noun), "gemäß X".
POSTPOSITION_CUES: frozenset[str] = frozenset({"zufolge"})
PREPOSITION_CUES: frozenset[str] = frozenset({"laut", "lt.", "gemäß", "gemäss"})

# Words after which "so" is the cue of a post-posed attribution: "..., so Peskow".
SO_CUE = "so"

# Role nouns (heads) of speaker phrases. Compounds are recognised by suffix (ROLE_SUFFIXES).
ROLE_NOUNS: frozenset[str] = frozenset(
    [
        "Sprecher",
        "Sprecherin",
        "Minister",
        "Ministerin",
        "Kanzler",
        "Kanzlerin",
        "Präsident",
        "Präsidentin",
        "Chef",
        "Chefin",
        "Vorsitzende",
        "Vorsitzender",
        "Leiter",
        "Leiterin",
        "Direktor",
        "Direktorin",
        "Sekretär",
        "Sekretärin",
        "Botschafter",
        "Botschafterin",
        "Gouverneur",
        "Gouverneurin",
        "Bürgermeister",
        "Bürgermeisterin",
        "Abgeordnete",
        "Abgeordneter",
        "Politiker",
        "Politikerin",
        "Experte",
        "Expertin",
        "Analyst",
        "Analystin",
        "Ökonom",
        "Ökonomin",
        "Professor",
        "Professorin",
        "Anwalt",
        "Anwältin",
        "Richter",
        "Richterin",
        "Staatsanwalt",
        "Staatsanwältin",
        "Ermittler",
        "Ermittlerin",
        "Kommandeur",
        "General",
        "Generalin",
        "Admiral",
        "Oberst",
        "Premier",
        "Premierministerin",
        "Premierminister",
        "Regierungschef",
        "Regierungschefin",
        "König",
        "Königin",
        "Papst",
        "Kardinal",
        "Bischof",
        "Trainer",
        "Trainerin",
        "Manager",
        "Managerin",
        "Gründer",
        "Gründerin",
        "Geschäftsführer",
        "Geschäftsführerin",
        "Vorstand",
        "Vorständin",
        "Berater",
        "Beraterin",
        "Beauftragte",
        "Beauftragter",
        "Kommissar",
        "Kommissarin",
        "Diplomat",
        "Diplomatin",
        "Senator",
        "Senatorin",
        "Machthaber",
        "Herrscher",
        "Staatschef",
        "Staatschefin",
        "Oppositionsführer",
        "Oppositionsführerin",
        "Aktivist",
        "Aktivistin",
        "Forscher",
        "Forscherin",
        "Wissenschaftler",
        "Wissenschaftlerin",
        "Arzt",
        "Ärztin",
        "Polizist",
        "Polizistin",
        "Sänger",
        "Sängerin",
        "Autor",
        "Autorin",
        "Journalist",
        "Journalistin",
        "Korrespondent",
        "Korrespondentin",
        "Vertreter",
        "Vertreterin",
        "Mitglied",
        "Gewerkschafter",
        "Gewerkschafterin",
        "Funktionär",
        "Funktionärin",
        "Kandidat",
        "Kandidatin",
        "Spitzenkandidat",
        "Spitzenkandidatin",
        "Staatssekretär",
        "Staatssekretärin",
        "Vize",
        "Vizekanzler",
        "Vizepräsident",
        "Vizepräsidentin",
        "Ministerpräsident",
        "Ministerpräsidentin",
        "Bundeskanzler",
        "Bundeskanzlerin",
        "Bundespräsident",
        "Bundespräsidentin",
        "Kremlchef",
        "Kremlsprecher",
        "Kremlherrscher",
        "Außenminister",
        "Außenministerin",
        "Verteidigungsminister",
        "Verteidigungsministerin",
        "Innenminister",
        "Innenministerin",
        "Finanzminister",
        "Finanzministerin",
        "Wirtschaftsminister",
        "Wirtschaftsministerin",
        "Landrat",
        "Landrätin",
        "Stadtrat",
        "Stadträtin",
        "Pfarrer",
        "Pfarrerin",
        "Bürgerrechtler",
        "Bürgerrechtlerin",
        "Polizeisprecher",
        "Polizeisprecherin",
        "Regierungssprecher",
        "Regierungssprecherin",
        "Parteichef",
        "Parteichefin",
        "Fraktionschef",
        "Fraktionschefin",
        "Generalsekretär",
        "Generalsekretärin",
        "Ombudsmann",
        # descriptors and roles of modern news (sport, culture, local politics)
        "Kollege",
        "Kollegin",
        "Coach",
        "Mutter",
        "Vater",
        "Witwe",
        "Dissident",
        "Dissidentin",
        "Nationalrat",
        "Nationalrätin",
        "Ständerat",
        "Ständerätin",
        "Staatsrat",
        "Staatsrätin",
        "Stürmer",
        "Stürmerin",
        "Torwart",
        "Kapitän",
        "Kapitänin",
        "Regisseur",
        "Regisseurin",
        "Schauspieler",
        "Schauspielerin",
        "Unternehmer",
        "Unternehmerin",
        "Mitbegründer",
        "Mitbegründerin",
        "Schulleiter",
        "Schulleiterin",
    ]
)

# Suffixes of role compounds: "Kremlsprecher", "SPD-Politiker", "Airbus-Chef", "Außenministerin".
ROLE_SUFFIXES: tuple[str, ...] = (
    "sprecher",
    "sprecherin",
    "minister",
    "ministerin",
    "kanzler",
    "kanzlerin",
    "präsident",
    "präsidentin",
    "chef",
    "chefin",
    "vorsitzende",
    "vorsitzender",
    "leiter",
    "leiterin",
    "direktor",
    "direktorin",
    "sekretär",
    "sekretärin",
    "politiker",
    "politikerin",
    "experte",
    "expertin",
    "beauftragte",
    "beauftragter",
    "kommissar",
    "kommissarin",
    "botschafter",
    "botschafterin",
    "führer",
    "führerin",
    "herrscher",
    "analyst",
    "analystin",
    "kandidat",
    "kandidatin",
    "abgeordnete",
    "abgeordneter",
    "anwalt",
    "anwältin",
    "meister",
    "meisterin",
    "vertreter",
    "vertreterin",
    "berater",
    "beraterin",
    "koordinator",
    "koordinatorin",
    "manager",
    "managerin",
    "trainer",
    "trainerin",
    "gouverneur",
    "gouverneurin",
    "bürgermeister",
    "bürgermeisterin",
    "senator",
    "senatorin",
    "richter",
    "richterin",
    "ermittler",
    "ermittlerin",
    "forscher",
    "forscherin",
    "professor",
    "professorin",
    "funktionär",
    "funktionärin",
    "ankläger",
    "anklägerin",
    "rabbiner",
    "kollege",
    "kollegin",
    "loge",
    "login",
    "kontrolleur",
    "kontrolleurin",
    "verwalter",
    "verwalterin",
    "jährige",
    "jähriger",
    "platzierte",
    "platzierter",
    "spieler",
    "spielerin",
    "fahrer",
    "fahrerin",
)

# Endings of a role noun in the genitive or weak declension ("des Parteichefs", "dem Präsidenten").
ROLE_INFLECTIONS: tuple[str, ...] = ("s", "es", "en", "n")

# Lower-case particles inside personal names ("Heike van Laak", "Karl-Theodor zu Guttenberg").
# Particles inside a person's name that count as part of it when a name is split from its role
# or checked ("Ursula von der Leyen", "Rafael van der Vaart", "Mohammed bin Salman").
SURNAME_PARTICLES: frozenset[str] = frozenset(["von", "van", "de", "al", "bin"])

NAME_PARTICLES: frozenset[str] = frozenset(
    ["von", "van", "de", "der", "den", "al", "bin", "zu", "da", "di", "del", "la", "le", "ter"]
)

# Cue verbs that report a speech act without its content only with one of these words in the
# sentence: "Die Gewerkschaft drohte mit Streik", but "Ihm droht eine Haftstrafe".
REPORTED_VERB_REQUIRES: dict[str, frozenset[str]] = {"drohen": frozenset(["mit"])}

# Nouns (and compound heads) that name the quotation following them, which is then a title or
# name, not speech: das Motto „…“, die Studie „…“, das Fachmagazin „…“, des Buches „…“.
# A compound counts by its head only for heads this long ("Fachmagazin"), so that "Mitglied" is no
# "Lied".
MIN_TITLE_HEAD = 5
TITLE_NOUN_SUFFIXES: tuple[str, ...] = (
    "titel",
    "motto",
    "buch",
    "film",
    "lied",
    "song",
    "album",
    "überschrift",
    "schlagzeile",
    "studie",
    "magazin",
    "zeitschrift",
    "organisation",
    "grundsatz",
    "auszeichnung",
    "typ",
    "projekt",
    "programm",
    "kampagne",
    "ausstellung",
    "roman",
    "serie",
    "sendung",
    "slogan",
    "stichwort",
    "bakterium",
    "virus",
    "bereich",
    "verein",
    "festival",
)

# Lower-case words that continue an organisation's name ("Ärzte ohne Grenzen").
NAME_TAILS: frozenset[tuple[str, str]] = frozenset([("ohne", "Grenzen")])

# Collective / institutional speakers that count as a speaker head without a name.
INSTITUTION_SUFFIXES: tuple[str, ...] = (
    "ministerium",
    "amt",
    "regierung",
    "polizei",
    "behörde",
    "agentur",
    "armee",
    "militär",
    "gericht",
    "kommission",
    "verband",
    "partei",
    "rat",
    "staatsanwaltschaft",
    "zeitung",
    "blatt",
    "sender",
    "unternehmen",
    "konzern",
    "gewerkschaft",
    "institut",
    "dienst",
    "kreml",
    "stab",
    "fraktion",
)

# Personal pronouns that can be the subject of a cue verb, with the gender they agree with.
PRONOUNS: dict[str, str] = {
    "er": "m",
    "sie": "f",  # also plural; the resolver treats "sie" as f-or-plural
    "ich": "1",
    "wir": "1",
}

# Determiners and quantifiers that may open a speaker phrase.
DETERMINERS: frozenset[str] = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "sein",
        "seine",
        "seiner",
        "seines",
        "seinem",
        "ihr",
        "ihre",
        "ihrer",
        "ihres",
        "ihrem",
        "ihren",
        "mehrere",
        "viele",
        "einige",
        "zwei",
        "drei",
        "beide",
        "alle",
        "andere",
        "dieser",
        "diese",
    ]
)

# Words that end a speaker phrase going rightwards (prepositions, adverbs of time, particles).
SPEAKER_STOP_WORDS: frozenset[str] = frozenset(
    [
        "am",
        "im",
        "in",
        "an",
        "auf",
        "bei",
        "gegenüber",
        "vor",
        "nach",
        "zu",
        "zum",
        "zur",
        "mit",
        "über",
        "unter",
        "am",
        "aus",
        "seit",
        "während",
        "heute",
        "gestern",
        "morgen",
        "bereits",
        "auch",
        "jedoch",
        "aber",
        "nun",
        "dazu",
        "damals",
        "zuvor",
        "zudem",
        "zuletzt",
        "ebenfalls",
        "weiter",
        "außerdem",
        "allerdings",
        "indes",
        "unterdessen",
        "inzwischen",
        "später",
        "demnach",
        "dann",
        "noch",
        "schon",
        "und",
        "oder",
        "sowie",
        "sondern",
        "denn",
        "als",
        "wie",
        "dass",
        "ob",
        "weil",
        "wenn",
        "da",
        "nicht",
        "nur",
        "erst",
        "sich",
        "es",
        "einem",
        "einer",
    ]
)

# Capitalised sentence openers that are never the speaker: demonstratives, adverbs, "man".
NON_SPEAKERS: frozenset[str] = frozenset(
    [
        # interjections that open a sentence of speech, never its speaker ("Ja, sagte er, ...")
        "ja",
        "nein",
        "bitte",
        "danke",
        "klar",
        "okay",
        "dies",
        "dieses",
        "das",
        "es",
        "man",
        "was",
        "wer",
        "hier",
        "dort",
        "daher",
        "deshalb",
        "darum",
        "damit",
        "dabei",
        "davor",
        "danach",
        "trotzdem",
        "zwar",
        "so",
        "doch",
        "denn",
        "also",
        "insgesamt",
        "bislang",
        "bisher",
        "derzeit",
        "zunächst",
        "zuerst",
        "anschließend",
        "schließlich",
        "letztlich",
        "offenbar",
        "offensichtlich",
        "vermutlich",
        "wahrscheinlich",
        "angeblich",
        "gleichzeitig",
        "zugleich",
        "ebenso",
        "darüber",
        "hierzu",
        "jetzt",
        "nun",
        "gestern",
        "heute",
        "morgen",
        "seitdem",
        "demnach",
        "daraufhin",
        "künftig",
        "außerdem",
        "zudem",
        "auch",
        "jedoch",
        "aber",
        "dazu",
        "dann",
        "noch",
        "immer",
        "bereits",
        "ebenfalls",
        "weiterhin",
        "allerdings",
        "indes",
        "unterdessen",
        "inzwischen",
        "später",
        "zuvor",
        "zuletzt",
        "damals",
        "einst",
        "erst",
        "mehr",
        "diese",
        "dieser",
        "diesem",
        "diesen",
        "jene",
        "jener",
        "welche",
        "welcher",
        "sie",
        "er",
        "wir",
        "ich",
        "ihr",
        "du",
        "dem",
        "den",
    ]
)


# Konjunktiv I proper: unambiguous markers of reported speech (Konjunktiv II forms like
# "würden" or "wäre" also occur in plain conditional sentences, so they count less).
KONJUNKTIV_I_STRONG: frozenset[str] = frozenset(
    [
        "sei",
        "seien",
        "habe",
        "werde",
        "könne",
        "müsse",
        "solle",
        "wolle",
        "dürfe",
        "möge",
        "gebe",
        "wisse",
        "liege",
        "gehe",
        "stehe",
        "komme",
        "bleibe",
        "gelte",
        "lasse",
        "fehle",
        "brauche",
        "handle",
        "handele",
        "plane",
        "arbeite",
        "biete",
        "führe",
        "heiße",
        "trage",
        "halte",
        "sehe",
        "mache",
        "bestehe",
        "verfüge",
        "erwarte",
        "befinde",
        "benötige",
        "laufe",
        "nehme",
        "setze",
        "entspreche",
        "betrage",
        "reiche",
        "sitze",
        "spiele",
        "stamme",
        "stelle",
        "suche",
        "treffe",
        "verstehe",
        "warte",
        "wachse",
        "wirke",
        "ziele",
        "zeige",
    ]
)

# Konjunktiv I (and Konjunktiv II substitute) forms that mark reported speech: the strong forms
# above plus those that also occur outside reported speech.
KONJUNKTIV_FORMS: frozenset[str] = KONJUNKTIV_I_STRONG | frozenset(
    [
        "falle",
        "gäbe",
        "hätte",
        "hätten",
        "könnten",
        "müssten",
        "seiest",
        "wäre",
        "wären",
        "würde",
        "würden",
    ]
)

# Openers and their closers. "“" (U+201C) closes a German „ but opens an English quotation.
QUOTE_PAIRS: dict[str, str] = {
    "„": "“",
    "»": "«",
    "«": "»",
    "“": "”",
    "‚": "‘",
}

# Adverbs that may stand between a finite cue verb and its inverted subject
# ("sagte dazu der Sprecher", "erklärte am Montag die Polizei").
MIDFIELD_ADVERBS: frozenset[str] = frozenset(
    [
        "auch",
        "dazu",
        "damals",
        "jedoch",
        "bereits",
        "nun",
        "noch",
        "zudem",
        "außerdem",
        "weiter",
        "später",
        "ebenfalls",
        "dann",
        "unterdessen",
        "inzwischen",
        "indes",
        "allerdings",
        "heute",
        "gestern",
        "zuvor",
        "zuletzt",
        "demnach",
        "daher",
        "deshalb",
        "etwa",
        "aber",
        "schon",
        "kürzlich",
        "erneut",
        "wiederum",
        "laut",
        "offenbar",
        "offiziell",
        "ausdrücklich",
        "sich",
        "derweil",
        "hingegen",
        "zugleich",
        "gleichzeitig",
        "mittlerweile",
        "nochmals",
        "dagegen",
        "schliesslich",
        "schließlich",
        "jetzt",
        "gegenüber",
        "vor",
    ]
)

# Words that open a time adverbial when a time noun follows ("am Montag", "vergangenen Freitag").
TIME_DETERMINERS: frozenset[str] = frozenset(
    ["am", "im", "diese", "dieser", "diesen", "vergangene", "vergangenen", "letzte", "letzten"]
)

# Nouns of time that follow "am"/"im" or "vergangenen" in a time adverbial ("am Montag").
TIME_NOUNS: frozenset[str] = frozenset(
    [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonnabend",
        "Sonntag",
        "Wochenende",
        "Abend",
        "Morgen",
        "Vormittag",
        "Nachmittag",
        "Mittag",
        "Woche",
        "Jahr",
        "Monat",
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
        "Montagabend",
        "Sonntagabend",
        "Freitagabend",
        "Vorfeld",
        "Anschluss",
        "Rande",
        "Gespräch",
        "Interview",
    ]
)

# Partitive openers of a speaker phrase: "einer der Randalierer", "eine der Sprecherinnen".
PARTITIVES: frozenset[str] = frozenset(["einer", "eine", "eines", "keiner", "jeder", "viele", "einige"])

# Prepositions whose phrase belongs to the speaker ("ein Sprecher in Berlin", "Schuster vom
# Zentralrat der Juden"), when a capitalised name follows.
LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset(["in", "im", "aus", "von", "vom", "beim"])
# Those of them that say where the speaker was, not who: left out of the resolved name.
PLACE_PREPOSITIONS: frozenset[str] = frozenset(["in", "im", "aus", "beim"])

# Demonstratives that stand alone as the speaker ("Dieser bestätigte, ..."), with their gender.
DEMONSTRATIVES: dict[str, str] = {"dieser": "m", "diese": "f", "letzterer": "m", "letztere": "f"}

# Nouns before a postposed "nach" that make it a source marker ("seiner Meinung nach").
POSTPOSED_NACH: frozenset[str] = frozenset(
    ["Meinung", "Ansicht", "Auffassung", "Einschätzung", "Angaben", "Aussagen", "Vernehmen", "Bekunden"]
)

# Adverbs that point back to a source named before and stand for it ("Demnach sei ...").
# Determiners opening a genitive complement of a speaker phrase ("Angaben seines Anwalts").
GENITIVE_DETERMINERS: frozenset[str] = frozenset(
    ["des", "der", "eines", "einer", "seines", "seiner", "ihres", "ihrer", "dieses", "dieser"]
)

# Prepositions before the document or place an impersonal cue cites ("In der Erklärung heißt es",
# "Bei der Agentur RIA hieß es", "Aus Paris hieß es").
SOURCE_PREPOSITIONS: frozenset[str] = frozenset(["in", "im", "bei", "beim", "aus"])

# Names written in lower case that can be a speaker: outlets and organisations.
LOWERCASE_NAMES: frozenset[str] = frozenset(["taz", "amnesty", "attac", "ver.di", "eBay", "tagesschau.de"])

ANAPHORIC_SOURCE_CUES: frozenset[str] = frozenset(["demnach", "wonach"])
# Adverbs after "heißt es" that go on with the source just quoted ("hieß es weiter").
CONTINUING_SOURCE_ADVERBS: frozenset[str] = frozenset(["weiter", "zudem", "außerdem", "ferner", "darin"])
# Prepositions of the phrases after "heißt es" that name where the words come from ("hieß es laut
# dem Beitrag aus dem Sozialministerium").
HEISST_SOURCE_PREPOSITIONS: frozenset[str] = frozenset(
    ["in", "im", "aus", "bei", "beim", "von", "vom", "laut"]
)

# Cue verbs whose passive still has the speaker as subject ("Merkel wird mit den Worten zitiert").
PASSIVE_SPEAKER_VERBS: frozenset[str] = frozenset(["zitieren"])

# Forms of "werden" that make a cue participle passive ("wurde aufgefordert", "wird vorgeworfen").
PASSIVE_AUXILIARIES: frozenset[str] = frozenset(["wird", "wurde", "wurden", "werden", "worden"])

# Focus particles that may precede the subject opening a sentence ("Auch der Sprecher sagte ...").
FOCUS_PARTICLES: frozenset[str] = frozenset(["Auch", "Selbst", "Sogar", "Nur"])

# Pronouns opening a frame that takes up the sentence before as its content: "Dies bestätigte
# der Vatikan." (Wikinews train: 25 of 26 such frames attribute the sentence before.)
RESUMPTIVE_PRONOUNS: frozenset[str] = frozenset(["Dies", "Das"])

# Articles that mark a phrase before the verb as dative or accusative, so not the speaker.
OBLIQUE_DETERMINERS: frozenset[str] = frozenset(["den", "dem", "einen", "einem", "ihm", "ihn", "ihnen"])

# Determiners of a sentence-opening noun phrase that names no one: a kind or a quantity of things
# ("Solche Kontakte seien nicht geplant, sagte er": "er" is not the contacts). Such a subject is
# never registered as a referent for later pronouns and role nouns.
NON_REFERENTIAL_DETERMINERS: frozenset[str] = frozenset(
    "solche solcher solches alle viele einige manche mehrere wenige beide keine kein keiner "
    "jede jeder jedes derartige weitere andere".split()
)

# Pronouns right after a finite verb that are its subject ("Die Tat bezeichnete er als ...").
SUBJECT_PRONOUNS: frozenset[str] = frozenset(["er", "ich", "wir"])

# Relative pronouns that can be the speaker of a clause-final cue (", der am Montag sagte, ..."),
# with the gender used to resolve them.
RELATIVE_PRONOUNS: dict[str, str] = {"der": "m", "die": "f", "welcher": "m", "welche": "f"}

# Verbs of judgement that make a sentence reported speech of their subject, each with the words
# one of which must occur in the clause ("halten ... für", "werten ... als"); empty: none needed.
STANCE_VERBS: dict[str, frozenset[str]] = {
    "halten": frozenset(["für"]),
    "sehen": frozenset(["als", "in"]),
    "werten": frozenset(["als"]),
    "bewerten": frozenset(["als"]),
    "betrachten": frozenset(["als"]),
    "einschätzen": frozenset(["als"]),
    "einstufen": frozenset(["als"]),
    "rechnen": frozenset(["mit"]),
}

# Prepositions that open an extended attribute right after an article
# ("der für die Region zuständige Koordinator", "die in Berlin lebende Autorin").
ATTRIBUTE_PREPOSITIONS: frozenset[str] = frozenset(
    [
        "für",
        "in",
        "im",
        "von",
        "vom",
        "mit",
        "aus",
        "an",
        "am",
        "auf",
        "bei",
        "beim",
        "über",
        "unter",
        "seit",
        "zum",
        "zur",
    ]
)

# Adverbs that open such a participle phrase as well: "einer gestern verbreiteten Erklärung",
# "die kürzlich veröffentlichte Studie".
ATTRIBUTE_ADVERBS: frozenset[str] = frozenset(
    ["gestern", "heute", "bereits", "kürzlich", "zuvor", "erst", "vorher", "jüngst", "neu", "zuletzt"]
)

# Endings of media nouns: after a bare name, "der Zeitung ..." is the addressee, not a genitive
# ("sagte Merkel der Zeitung", but "der Sprecher der Nachrichtenagentur").
MEDIA_SUFFIXES: tuple[str, ...] = (
    "zeitung",
    "agentur",
    "sender",
    "magazin",
    "presse",
    "blatt",
    "zeitschrift",
    "fernsehen",
    "radio",
    "portal",
    "journalisten",
    "reportern",
)

# Cue verbs whose object is the speaker and whose subject the medium: "zitierte ihn die Agentur".
OBJECT_SPEAKER_VERBS: frozenset[str] = frozenset(["zitieren"])
# Object pronouns that can be the quoted person after "zitierte".
OBJECT_PRONOUNS: frozenset[str] = frozenset(["ihn", "sie", "ihm", "ihr"])

# Lower-case words after „…“, that do not open a frame ("„…“, aber ...", "„…“, wobei ...").
NOT_FRAME_VERBS: frozenset[str] = frozenset(
    """
    und aber oder doch denn sondern dass ob weil wenn als wie was wo wobei während nachdem obwohl
    damit bevor seit bis zumal jedoch dann also sowie sowohl weder noch nicht nur auch sogar
    der die das den dem des ein eine einen einem einer eines er sie es man wir ich ihr ihn ihm
    dies diese dieser dieses denen deren dessen welche welcher welches wer wen wem hieß heißt
    hier dort heute gestern morgen zuvor danach schon bereits immer
    """.split()
)

# Possessives opening an introducing clause before a colon ("Sein Urteil: „…“").
POSSESSIVE_OPENERS: frozenset[str] = frozenset(["Sein", "Seine", "Ihr", "Ihre"])
# Prepositions that may open such a clause before its person ("Für Schulleiter Salcher: „…“").
INTRO_PREPOSITIONS: frozenset[str] = frozenset(["für", "laut", "nach", "auch"])

# Words ending in -e whose lemma is the word plus -n but that are no verb forms of the third person.
NOT_KONJUNKTIV: frozenset[str] = frozenset(["gerne", "ebene", "eigene", "ganze", "lange", "heute"])
# "ich" before a form like "plane" makes it indicative ("ich plane"), not Konjunktiv I.
FIRST_PERSON_PRONOUNS: frozenset[str] = frozenset(["ich"])
# Tokens that end a sentence, and closing quotation marks after which one may have ended.
SENTENCE_END_TOKENS: frozenset[str] = frozenset([".", "!", "?", ":", ";", "…"])
CLOSING_MARK_TOKENS: frozenset[str] = frozenset(["“", "”", '"', "«", "»", ")"])
# "nach eigenen Angaben": the source is the clause's subject, found past these words.
OWN_SOURCE_WORDS: frozenset[str] = frozenset(["eigenen", "eigener", "eigenem"])
CLAUSE_SUBJECT_SKIP: frozenset[str] = frozenset(
    ["nach", "laut", "eigenen", "eigener", "mit", "von", "in", "im", "bei", "zu", "am", "auf", "für", "über"]
)
# Prepositions before whom the words were said to ("sagte gegenüber der BBC").
ADDRESSEE_PREPOSITIONS: frozenset[str] = frozenset(["gegenüber"])
# Dative pronouns that open a passive cue's clause as its addressee ("Ihm wird vorgeworfen").
DATIVE_PRONOUNS: frozenset[str] = frozenset(["ihm", "ihr", "ihnen"])
# Words that open a subordinate clause at the start of a sentence ("Wo genau ..., blieb geheim").
SUBORDINATORS: frozenset[str] = frozenset(
    ["wo", "wie", "ob", "warum", "wann", "was", "wer", "dass", "weil", "wenn", "obwohl", "nachdem", "während"]
)
# Heads of documents that regulate rather than say something: "laut dem Benn-Gesetz", "gemäß der
# Verordnung" cite a rule, not a source's words.
RULE_NOUN_SUFFIXES: tuple[str, ...] = (
    "gesetz",
    "verordnung",
    "richtlinie",
    "vertrag",
    "satzung",
    "paragraf",
    "paragraph",
    "regel",
    "regelung",
    "regularien",
    "statut",
    "verfassung",
    "vorschrift",
    "vorschriften",
    "fahrplan",
    "plan",
)

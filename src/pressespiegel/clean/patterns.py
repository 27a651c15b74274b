"""Boilerplate patterns for scraped news pages, as data.

Each rule names the *kind* of boilerplate it removes; the kind is stored with the removed text so a
reader can audit every deletion. Patterns are written for the kinds of chrome German (and English)
news sites share, not for one outlet: they were drawn from the seeds and checked against the
hand-made pages in ``tests/fixtures/unseen/`` from outlets the rules were not written for.

Own work, Apache-2.0.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# --- whole lines that are chrome -------------------------------------------------------------------

#: Lines removed wherever they occur, with the reason recorded. Matched against a squeezed line.
LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "navigation",
        re.compile(
            r"^(?:\d+\.\s*)?(?:zum|zur|zu|direkt zum|skip to|jump to)\b.{0,60}"
            r"(?:springen|überspringen|content|navigation|main content)$",
            _I,
        ),
    ),
    (
        "navigation",
        re.compile(
            r"^(?:menü|menu|navigation|hauptmenü|suche|search|startseite|home|anmelden|abmelden|login|"
            r"log in|sign in|registrieren|mein konto|abo|abonnieren|subscribe|newsletter|"
            r"impressum|datenschutz|kontakt|cookie-einstellungen|cookies|privacy|"
            r"e-paper|epaper|zurück|back|top|nach oben|mehr|more|alle artikel)$",
            _I,
        ),
    ),
    (
        "paywall",
        re.compile(
            r"^(?:jetzt weiterlesen|weiterlesen mit|weiterlesen|jetzt lesen|"
            r"(?:sie sind|bereits) (?:bereits )?(?:kunde|abonnent(?:in)?|registriert)|"
            r"jetzt (?:abonnieren|abo abschließen|testen|freischalten|registrieren)|"
            r"(?:\w+\+|plus-?artikel|exklusiv für abonnenten)|"
            r"dieser artikel ist (?:nur )?(?:für|exklusiv)|"
            r"(?:hier|jetzt) (?:anmelden|einloggen)|zum login|"
            r"subscribe to (?:continue|read)|already a subscriber)\b.{0,80}$",
            _I,
        ),
    ),
    (
        "paywall",
        # a short offer with a price: "Für 0.99 € können Sie diesen Artikel erwerben"
        re.compile(
            r"^(?=.{0,140}$)(?=.*(?:\d+[.,]?\d*\s*(?:€|euro\b|eur\b)|€\s*\d))"
            r"(?=.*(?:weiterlesen|lesen|testen|abo|monat|woche|erwerben|kaufen|freischalten|abonnieren)).*",
            _I,
        ),
    ),
    (
        "ui",
        re.compile(
            r"^(?:textgröße|schriftgröße|schrift)\s*(?:ändern|anpassen|vergrößern|verkleinern)?\s*:?$|"
            r"^(?:artikel )?(?:teilen|drucken|merken|vorlesen|anhören|speichern|kommentieren)"
            r"(?:\s*(?:/|\||,)\s*(?:teilen|drucken|merken|vorlesen|anhören|speichern|kommentieren))*$|"
            r"^(?:share|print|save|listen|copy link|link kopieren|per e-mail teilen|"
            r"auf (?:facebook|x|twitter|whatsapp|linkedin) teilen)$|"
            r"^(?:lesezeit|reading time)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min(?:uten)?|minutes?)\.?$|"
            r"^(?:anzeige|werbung|advertisement|sponsored|gesponsert)$|"
            r"^(?:foto|bild|video|audio|grafik|galerie)\s*(?:ansehen|abspielen|starten)?$|"
            r"^\d+\s+(?:bilder|fotos)$|"
            r"^(?:play|pause|video abspielen|zum video)$",
            _I,
        ),
    ),
    ("link", re.compile(r"^(?:https?://|www\.)\S+$", _I)),
    (
        "update-note",
        re.compile(
            r"(?:\b(?:dieser|der|diese|die) (?:text|beitrag|artikel|meldung|seite|liveblog|ticker)|"
            r"\b(?:this|the) (?:article|story|post|page)\b)\b.{0,60}\b(?:wird|werden|wurde|is being|"
            r"will be|has been)\b.{0,50}\b(?:fortlaufend|laufend|ständig|regelmäßig|continuously|"
            r"regularly)?\s*(?:aktualisiert|ergänzt|updated)\b",
            _I,
        ),
    ),
    (
        "correction",
        re.compile(
            r"(?:korrigiert|berichtigt)\s*:|"
            r"\b(?:absatz|absatzes|zeile|satz|satzes|überschrift|version)\b.{0,60}"
            r"\b(?:korrigiert|berichtigt|geändert)\b|"
            r"^\s*(?:korrektur|berichtigung|correction|klarstellung|corrected)\b\s*[:(\-–]",
            _I,
        ),
    ),
    (
        "metadata",
        re.compile(
            r"^(?:veröffentlicht|erschienen|publiziert|stand|aktualisiert|zuletzt aktualisiert|"
            r"published|updated|last updated|datum|date)\b\s*(?:am|on|:)?\s*"
            r"(?:\d|(?:mo|di|mi|do|fr|sa|so)\w*,)",
            _I,
        ),
    ),
    (
        "metadata",
        re.compile(
            r"^(?:[Vv]on|[Bb]y|[Aa]utor(?:in)?|[Aa]uthor)\s*:?\s*[A-ZÄÖÜ][\w.-]+(?:\s+[A-ZÄÖÜ][\w.-]+){0,3}$"
        ),
    ),
    (
        "metadata",
        # a date (and time) alone on a line: "12. Februar 2024", "14.03.2024, 17:45 Uhr"
        re.compile(
            r"^(?:(?:mo|di|mi|do|fr|sa|so)\w*,?\s*)?(?:\d{1,2}\.\s*(?:\d{1,2}\.|[a-zäöü]+)\s*\d{4}|"
            r"\d{4}-\d{2}-\d{2})(?:\s*[,|-]?\s*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$",
            _I,
        ),
    ),
    (
        "signoff",
        # Editor codes with the agency list DW and others close with: "se/mak/AR/djo (afp, rtr, dpa, ap)"
        re.compile(r"^[a-zäöü]{1,5}(?:/[A-Za-zÄÖÜäöü]{1,5})+\s*(?:\([a-zA-Z ,\-/]+\))?$"),
    ),
    (
        "signoff",
        # "(S.A.Dudajev--DTZ)": author and outlet code in brackets.
        re.compile(r"^\(\s*[\w. \-]{2,40}--\s*[A-Z]{2,6}\s*\)$"),
    ),
    ("signoff", re.compile(r"^(?:©|\(c\)|copyright)\s*.{0,60}$", _I)),
    ("signoff", re.compile(r"^dpa-infocom\b.{0,80}$|^\w{2,4}:\d{6}-\d{2}-\d+/?\d*$", _I)),
)

# --- captions -----------------------------------------------------------------------------------------

#: A photo or video caption ends with a credit: "... Bild: Name/AP Photo/picture alliance".
CAPTION_CREDIT = re.compile(
    r"(?:(?:^|[\s/)])(?:bild|bilder|fotos?|photos?|foto\s*/\s*video|video|grafik|quelle|credit|"
    r"image|picture)\s*:|©)\s*(?:©\s*)?[^\n]{2,140}$",
    _I,
)
#: Photo-agency names that mark a trailing credit even without "Foto:".
PHOTO_AGENCIES = re.compile(
    r"(?:picture[ -]alliance|getty images|imago(?: images)?|dpa-zentralbild|ap photo|"
    r"keystone|shutterstock|istock|reuters/|afp/|/afp\b|/dpa\b|/ap\b|epa-efe|sputnik)",
    _I,
)
#: Longest line we treat as a caption; body paragraphs ending in "(Quelle: …)" are longer.
CAPTION_MAX_WORDS = 70  # the longest seed caption has 31 words
#: Longest line we still treat as alt text / an image title sitting directly above its caption.
ALT_TEXT_MAX_WORDS = 16  # alt texts in the seeds have 4–15 words; body paragraphs are longer

# --- sections that end the article ----------------------------------------------------------------

#: A heading that opens a block of related-article teasers or a comment section; everything after
#: it up to the end of the page is not the article.
TAIL_HEADERS = re.compile(
    r"^(?:empfohlen|empfehlungen|mehr zum thema|mehr aus dem ressort|mehr zu(?:m)? .{1,30}|"
    r"lesen sie auch|lesen sie mehr|auch interessant|das könnte sie (?:auch )?interessieren|"
    r"weitere artikel|weitere meldungen|weitere nachrichten|verwandte artikel|ähnliche artikel|"
    r"themen|schlagworte|tags|meistgelesen|meist gelesen|top-artikel|"
    r"kommentare|leserkommentare|\d+ kommentare?|diskutieren sie mit|kommentar schreiben|"
    r"related(?: articles| stories)?|read more|more on this|you may also like|comments?|"
    r"\d+ comments?)\s*:?$",
    _I,
)
#: In extracted HTML text, a tail header followed by a line of prose this long (ending like a
#: sentence) is an inline "Read more" link: the article goes on after it.
TAIL_PROSE_MIN_WORDS = 20  # teaser blurbs after "Read more" in the fundus pages have < 20 words

#: The tail headers that open reader comments rather than teasers.
COMMENT_HEADERS = re.compile(
    r"^(?:kommentare|leserkommentare|\d+ kommentare?|diskutieren sie mit|"
    r"kommentar schreiben|comments?|\d+ comments?)\s*:?$",
    _I,
)
#: A reader comment begins with a name line followed by a timestamp line like this one.
COMMENT_TIMESTAMP = re.compile(
    r"^(?:am\s+)?(?:\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄöÖüÜ]+)\s*\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"\s*(?:[-–|,]|um)?\s*\d{1,2}[.:]\d{2}(?:\s*uhr)?$",
    _I,
)
#: Longest line taken as a commenter's name.
COMMENT_NAME_MAX_WORDS = 4

# --- headlines and header chrome --------------------------------------------------------------------

#: "Deutsche Tageszeitung - Headline": a page title with the outlet name before the headline.
OUTLET_TITLE_PREFIX = re.compile(r"^(?P<outlet>[A-ZÄÖÜ][\w.&' ]{1,40}?)\s+[-–|:]\s+(?P<title>.{15,})$")
#: A headline has this many words at most; longer lines are prose.
HEADLINE_MAX_WORDS = 25
#: Lines before the headline with at most this many words are section labels ("Headlines",
#: "KonflikteUkraine"), not content.
HEADER_LABEL_MAX_WORDS = 3
#: How many lines from the top we look for the headline in a plain-text scrape.
HEADLINE_SEARCH_LINES = 12

# --- paragraph ends ----------------------------------------------------------------------------------

#: An editor sign-off glued to the last sentence: "... ausgesetzt ist"./dg/DP/nas"
SIGNOFF_SUFFIX = re.compile(r"(?<=[.!?\"“”»«)])\s*/[a-zäöü]{1,5}(?:/[A-Za-zÄÖÜäöü]{1,5}){1,6}\s*$")
#: An agency credit closing the last paragraph: "... (AFP)" or "... (dpa/AFP)".
CREDIT_SUFFIX = re.compile(r"(?<=[.!?\"“”»«])\s*\((?P<credit>[A-Za-z][\w\-/, ]{1,30})\)\s*$")

# --- paywall / teaser ------------------------------------------------------------------------------

#: With a paywall offer on the page and fewer article words than this after it, the page stops at
#: the paywall and we only have the teaser. Pages that print the offer above the full text (the
#: Tageblatt seed) have hundreds of words after it.
TEASER_TAIL_WORDS = 40

# --- heading vs. prose ---------------------------------------------------------------------------------

#: A line without sentence-final punctuation and at most this many words is a sub-heading.
SUBHEADING_MAX_WORDS = 14
#: Sentence-final marks of the scripts we see: Latin, CJK (。！？ and closing 」』), Arabic (؟),
#: Devanagari (।).
SENTENCE_END = re.compile(r"[.!?:;…\"“”»«'‘’)。．！？」』】）؟۔।]$")
LIST_ITEM = re.compile(r"^\s*(?:[•·▪■●◦‣*–-]|\d{1,2}[.)])\s+")

# --- bylines ------------------------------------------------------------------------------------------

#: A byline line: a byline word, then the names ("Von Anna Fink und Jan Marchart", "Ein Kommentar
#: von …", "Text: …", "By …", "Par …", "Por …", "Av …", "Reporting by …").
BYLINE = re.compile(
    r"^(?:(?:ein(?:e)?\s+)?(?:kommentar|gastbeitrag|gastkommentar|analyse|essay|bericht|reportage|"
    r"interview|kolumne|glosse|porträt|leitartikel|kritik|rezension)\s+von|von|vom|text(?:\s+und\s+"
    r"fotos?)?\s*:|texte?\s+von|autor(?:in|en)?\s*:|author\s*:|by|written\s+by|words\s+by|story\s+by|"
    r"(?:with\s+|additional\s+)?reporting\s+(?:by|from)|with\s+files\s+from|par|por|di|door|av|af|"
    r"от|автор\s*:)\s+(?P<names>.+)$",
    re.IGNORECASE,
)
#: What may follow the names in a byline: a place, a date, "| dpa", "und Agenturen".
BYLINE_TAIL = re.compile(
    r"(?:,\s*(?:in\s+)?[A-ZÄÖÜ][\w\-]+(?:\s[A-ZÄÖÜ][\w\-]+)?|\s+(?:in|aus|from)\s+[A-ZÄÖÜ][\w\-]+"
    r"(?:\s[A-ZÄÖÜ][\w\-]+)?|\s*[|,]?\s*\d{1,2}\.\d{1,2}\.\d{2,4}.*|\s*[|·]\s*\d.*)$"
)
#: A role word between an agency and a person in a credit: "Associated Press writer Sheikh Saaliq".
BYLINE_ROLE = re.compile(r"\s+(?:writers?|correspondents?|reporters?|photographer)\s+", re.IGNORECASE)
#: Words that open an outlet's or a group's name, never a person's ("Les Echos", "The Guardian").
NOT_FIRST_NAMES = frozenset("the les der die das el il lo los las het unsere our".split())
#: A byline opened by "Von"/"By" counts in the last this many lines of the text too.
BYLINE_END_LINES = 3
#: Longest byline line in words; longer lines are prose that happens to start with "Von".
BYLINE_MAX_WORDS = 16
#: A person's name has at most this many words and characters ("Anna Giulia Fink von der Au").
NAME_MAX_WORDS = 5
NAME_MAX_CHARS = 48

# --- agency credits --------------------------------------------------------------------------------------

#: A line that only credits agencies: "(SID)", "dpa/gem", "AFP/dpa", "Quelle: dpa", "Mit Material
#: von dpa und AFP", "© dpa-infocom, dpa:230911-99-…"; the group is the credit.
CREDIT_LINE = re.compile(
    r"^(?:\(\s*(?P<paren>[^()]{2,40})\s*\)|(?:quelle|quellen|source|sources)\s*:\s*(?P<source>[^()]{2,40})|"
    r"(?:mit\s+material\s+(?:von|der|des)|material\s+(?:von|der)|(?:with|additional)\s+(?:files|"
    r"reporting|material)\s+from|mit\s+agenturen|nach\s+angaben\s+von)\s+(?P<material>.{2,60}?)\.?|"
    r"(?:©|\(c\)|copyright)\s*(?P<copyright>[\w\-]{2,20})(?:[,;].{0,60})?|(?P<bare>[\w\-]{2,12}"
    r"(?:\s*[/,]\s*[\w\-]{1,12}){0,4}))$",
    re.IGNORECASE,
)
#: Reuters' closing credit: "(Reporting by A in Berlin; Additional reporting by B; Editing by C)".
#: The reporters are the authors; the house style credits Reuters.
REUTERS_CREDIT = re.compile(
    r"^\(?\s*(?:reporting|writing|additional reporting)\s+by\s+(?P<names>[^;)]+)(?:;[^)]*)?"
    r"(?:editing|writing|compiled)\s+by\s+[^)]+\)?\.?$",
    re.IGNORECASE,
)

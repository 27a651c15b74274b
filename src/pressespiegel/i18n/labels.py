"""Reader-facing names of internal codes: contradiction kinds and how a date was found.

German messages of the catalogue (translated in ``locale/en.po``); a code without a name here
is shown as "sonstige" rather than raw.
"""

from __future__ import annotations

from pressespiegel.i18n import Language, gettext

#: :mod:`pressespiegel.stories.contradictions` kinds.
CONTRADICTION_LABELS = {
    "denial-vs-confirmation": "Bestätigt und dementiert",
    "claim-vs-rejection": "Behauptet und zurückgewiesen",
    "opposite-assessment": "Gegensätzliche Einschätzung",
    "development": "Entwicklung",
}
#: ``PublicationDate.method`` values, by prefix (``htmldate:markup``, ``text:metadata-line``).
DATE_METHOD_LABELS = {
    "source": "Angabe der Quelle",
    "htmldate:markup": "Metadaten der Seite",
    "htmldate:heuristic": "aus der Seite geschätzt",
    "text": "Datumszeile im Text",
    "content": "aus dem Text geschätzt",
}


def contradiction_label(kind: object, lang: Language) -> str:
    """ "Bestätigt und dementiert" for ``denial-vs-confirmation``."""
    return gettext(CONTRADICTION_LABELS.get(str(kind), "Widerspruch"), lang)


def date_method_label(method: object, lang: Language) -> str:
    """ "Metadaten der Seite" for ``htmldate:markup``; the longest matching prefix wins."""
    text = str(method or "")
    for key in sorted(DATE_METHOD_LABELS, key=len, reverse=True):
        if text == key or text.startswith(key + ":") or text.startswith(key + "-"):
            return gettext(DATE_METHOD_LABELS[key], lang)
    return gettext("sonstige", lang)


#: Why cleaning removed a line (``Removed.reason``, :mod:`pressespiegel.clean`).
REMOVED_LABELS = {
    "caption": "Bildunterschrift",
    "comment": "Kommentarbereich",
    "correction": "Korrekturhinweis",
    "credit": "Quellenangabe",
    "dangling-heading": "Zwischentitel ohne Text",
    "header": "Kopfzeile",
    "link": "Link",
    "metadata": "Metadaten",
    "navigation": "Navigation",
    "paywall": "Bezahlschranke",
    "pull-quote": "Hervorgehobenes Zitat",
    "related": "Verwandte Artikel",
    "repeated-headline": "Wiederholte Überschrift",
    "signoff": "Kürzel",
    "ui": "Bedienelement",
    "update-note": "Aktualisierungshinweis",
}


def removed_label(reason: object, lang: Language) -> str:
    """ "Bildunterschrift" for ``caption``."""
    return gettext(REMOVED_LABELS.get(str(reason), "sonstige"), lang)


#: German texts of the API page (``/docs``) per endpoint; in English the OpenAPI summary and
#: description are shown as they are. Backticks mark code (``Authorization: Bearer TOKEN``).
API_TEXTS_DE = {
    ("GET", "/api/stories"): "Themen, die mit den meisten unabhängigen Ursprüngen zuerst, dann die neuesten",
    ("GET", "/api/stories/{story_id}"): "Die Übersicht eines Themas: Zusammenfassung, Zeitleiste, Zitate, "
    "Widersprüche",
    ("GET", "/api/articles"): "Artikel (Metadaten), die ältesten zuerst",
    ("GET", "/api/articles/{article_id}"): "Ein Artikel mit seiner Analyse und dem entfernten Beiwerk",
    ("GET", "/api/quotes"): "Zitate mit Sprecher, die ältesten zuerst",
    (
        "GET",
        "/api/entities",
    ): "Namen (Personen, Organisationen, Orte) nach der Zahl der Artikel, die sie nennen",
    ("GET", "/api/entities/{name}"): "Eine Person oder Organisation: Aussagen, Themen, gemeinsam Genannte",
    ("GET", "/api/search"): "Volltextsuche in Titeln, Texten und Zitaten (deutsche Grundformen)",
    ("POST", "/api/ingest"): 'URLs einspielen (JSON `{"urls": [...]}`) oder Dateien hochladen '
    "(multipart, Feld `files`)",
    (
        "GET",
        "/topics/{name}/atom.xml",
    ): "Alarme, Tagesübersichten und neueste Artikel eines Suchprofils (Atom)",
    ("GET", "/api/topics"): "Suchprofile mit der Zahl ihrer Artikel und Themen",
    ("POST", "/api/topics"): "Ein Suchprofil anlegen (braucht das Schreib-Token wie das Einspielen)",
    (
        "GET",
        "/api/topics/{name}",
    ): "Ein Suchprofil: seine Themen, Artikel pro Tag, neueste Artikel, Ereignisse",
    ("DELETE", "/api/topics/{name}"): "Ein Suchprofil entfernen (braucht das Schreib-Token)",
    ("GET", "/api/feeds"): "Zustand jedes beobachteten Feeds: letzter Erfolg, letzter neuer Eintrag, Fehler, "
    "Takt",
}
#: Where an API parameter goes, as the API page names it.
PARAMETER_PLACES_DE = {"query": "Abfrage", "path": "Pfad", "header": "Kopfzeile", "cookie": "Cookie"}

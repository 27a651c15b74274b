"""Who published and who wrote: news agencies and outlets, as data.

Agency aliases are the forms agencies are credited with in German copy (datelines, closing credits,
editor sign-offs). Outlet tables map web domains and in-text signatures to outlet names. Own work,
Apache-2.0; names are facts, not copyrightable content.
"""

from __future__ import annotations

#: Canonical agency name for each lower-cased alias used in credits.
AGENCY_ALIASES: dict[str, str] = {
    "dpa": "dpa",
    "dpa-afx": "dpa-AFX",
    "dpa-afx-ticker": "dpa-AFX",
    "dpa-infocom": "dpa",
    "dpa-ap": "dpa",
    "afp": "AFP",
    "reuters": "Reuters",
    "rtr": "Reuters",
    "ap": "AP",
    "kna": "KNA",
    "epd": "epd",
    "dts": "dts",
    "sid": "SID",
    "apa": "APA",
    "sda": "SDA",
    "keystone-sda": "SDA",
    "ddp": "ddp",
    "afx": "dpa-AFX",
    "awp": "AWP",
    "efe": "EFE",
    "ansa": "ANSA",
    "bloomberg": "Bloomberg",
    "xinhua": "Xinhua",
    "interfax": "Interfax",
    "tass": "TASS",
    "ria nowosti": "RIA Nowosti",
    "ria novosti": "RIA Novosti",
    "ukrinform": "Ukrinform",
    "yonhap": "Yonhap",
    "kyodo": "Kyodo",
    "kcna": "KCNA",
    "anadolu": "Anadolu",
    # long forms, as page metadata and English/other-language credits write them
    "deutsche presse-agentur": "dpa",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "associated press": "AP",
    "the associated press": "AP",
    "thomson reuters": "Reuters",
    "sport-informations-dienst": "SID",
    "katholische nachrichten-agentur": "KNA",
    "evangelischer pressedienst": "epd",
    "austria presse agentur": "APA",
    "schweizerische depeschenagentur": "SDA",
    "keystone-ats": "SDA",
    "pa": "PA Media",
    "pa media": "PA Media",
    "press association": "PA Media",
    "europa press": "Europa Press",
    "belga": "Belga",
    "anp": "ANP",
    "anadolu ajansı": "Anadolu",
    "anadolu agency": "Anadolu",
    "kyodo news": "Kyodo",
    "yonhap news agency": "Yonhap",
    "xinhua news agency": "Xinhua",
}

#: Words that mark a credited name as an organisation or a desk, not a person ("MND Staff",
#: "IN-Redaktion", "Gear Team", "BBC News", "Guardian staff reporter", "Agenturen"). Lower case.
NON_PERSON_WORDS: frozenset[str] = frozenset(
    """redaktion red redaktionen staff team desk news nachrichten online digital agenturen agentur
    agencies agency newsroom editors editor editorial reporter reporters correspondent
    korrespondent zeitung times post daily press presse media medien verlag group gruppe
    magazin magazine tageblatt kurier rundschau anzeiger allgemeine journal gazette tribune herald
    wire service services developer admin administrator webmaster gastautor gastautorin
    kommentar interview""".split()
)

#: Lower-case particles that may stand inside a person's name ("Ursula von der Leyen",
#: "Chus del Pino", "Michelle de Oliveira", "Vincent van Gogh", "Abdullah bin Zayed").
NAME_PARTICLES: frozenset[str] = frozenset(
    "von vom van der den de del della di da dos das du la le zu zur bin ibn al el ter ten".split()
)

#: Web domains (without "www.") of outlets, for outlet names from URLs. A subdomain matches its parent.
OUTLET_DOMAINS: dict[str, str] = {
    "dw.com": "DW",
    "p.dw.com": "DW",
    "tageblatt.lu": "Tageblatt",
    "deutsche-tageszeitung.de": "Deutsche Tageszeitung",
    "spiegel.de": "Der Spiegel",
    "zeit.de": "Die Zeit",
    "faz.net": "FAZ",
    "sueddeutsche.de": "Süddeutsche Zeitung",
    "tagesschau.de": "tagesschau.de",
    "zdf.de": "ZDF",
    "welt.de": "Welt",
    "handelsblatt.com": "Handelsblatt",
    "n-tv.de": "n-tv",
    "stern.de": "Stern",
    "focus.de": "Focus",
    "taz.de": "taz",
    "nzz.ch": "NZZ",
    "derstandard.at": "Der Standard",
    "diepresse.com": "Die Presse",
    "orf.at": "ORF",
    "srf.ch": "SRF",
    "finanzen.net": "finanzen.net",
    "boerse.de": "boerse.de",
    "wikinews.org": "Wikinews",
    "de.wikinews.org": "Wikinews",
}

#: Outlet codes in author sign-offs like "(S.A.Dudajev--DTZ)".
OUTLET_CODES: dict[str, str] = {
    "DTZ": "Deutsche Tageszeitung",
}

#: Phrases in page chrome that name the outlet ("Zu weiteren Angeboten der DW springen").
OUTLET_SIGNATURES: tuple[tuple[str, str], ...] = (
    (r"\bAngeboten der DW\b|\bp\.dw\.com/", "DW"),
    (r"^Deutsche Tageszeitung\s+-", "Deutsche Tageszeitung"),
    (r"\btageblatt\.lu\b", "Tageblatt"),
)

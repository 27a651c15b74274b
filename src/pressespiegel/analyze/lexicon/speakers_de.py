"""Lexicon for reading speaker phrases and resolving them to persons and organisations (German).

Used by :mod:`pressespiegel.analyze.quotes.speakers` and :mod:`.coreference`. Own work
(Apache-2.0), written for German news; nothing is derived from the evaluation data.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


#: Gender of an article or possessive opening a nominative phrase ("die Sprecherin", "der Kanzler").
ARTICLE_GENDER: dict[str, str] = {
    "der": "m",
    "ein": "m",
    "sein": "m",
    "die": "f",
    "eine": "f",
    "seine": "f",
    "ihre": "f",
    "das": "n",
}

#: Endings of feminine role and descriptor nouns ("Sprecherin", "Kollegin", "Ministerin").
FEMININE_ROLE_ENDINGS: tuple[str, ...] = ("in", "innen", "frau", "mutter", "tochter", "schwester", "witwe")
#: Words ending in "-in" that are not feminine forms.
NOT_FEMININE_ENDINGS: tuple[str, ...] = ("bin", "lin", "kremlin", "putin", "admin")
#: Descriptors that say nothing about gender without their article ("die/der 59-Jährige").
EPICENE_ROLE_ENDINGS: tuple[str, ...] = (
    "jährige",
    "platzierte",
    "abgeordnete",
    "vorsitzende",
    "beauftragte",
    "angeklagte",
    "angehörige",
    "verletzte",
    "betroffene",
    "bekannte",
    "verantwortliche",
    "delegierte",
    "gesandte",
    "beamte",
)

#: Head endings of organisations by grammatical gender, for "sie"/"es" agreement and the
#: nominative of "des russischen Außenministeriums" (-> "russisches Außenministerium").
NEUTER_ORG_ENDINGS: tuple[str, ...] = (
    "ministerium",
    "amt",
    "haus",
    "gericht",
    "institut",
    "militär",
    "unternehmen",
    "büro",
    "zentrum",
    "komitee",
    "kommando",
    "blatt",
    "parlament",
    "präsidium",
    "sekretariat",
    "werk",
    "kabinett",
    "bündnis",
    "portal",
    "magazin",
    "fernsehen",
    "radio",
    "regime",
    "netzwerk",
    "gremium",
    "board",
    "land",
    "team",
)
FEMININE_ORG_ENDINGS: tuple[str, ...] = (
    "regierung",
    "polizei",
    "behörde",
    "agentur",
    "armee",
    "kommission",
    "partei",
    "staatsanwaltschaft",
    "zeitung",
    "gewerkschaft",
    "fraktion",
    "organisation",
    "union",
    "verwaltung",
    "direktion",
    "stiftung",
    "universität",
    "hochschule",
    "bank",
    "gruppe",
    "plattform",
    "feuerwehr",
    "führung",
    "opposition",
    "koalition",
    "vereinigung",
    "bewegung",
    "miliz",
    "justiz",
    "gemeinde",
    "stadt",
    "kammer",
    "versicherung",
    "zeitschrift",
    "presse",
    "ngo",
    "firma",
    "initiative",
    "kirche",
    "vertretung",
    "glaubensgemeinschaft",
    "beobachtungsstelle",
    "mission",
    "liga",
    "gesellschaft",
    "genossenschaft",
    "kampagne",
    "delegation",
    "allianz",
    "föderation",
    "fluggesellschaft",
    "airline",
    "börse",
    "kette",
    "gruppe",
    "wahlkommission",
)
MASCULINE_ORG_ENDINGS: tuple[str, ...] = (
    "kreml",
    "verband",
    "rat",
    "sender",
    "konzern",
    "dienst",
    "stab",
    "bund",
    "verein",
    "club",
    "klub",
    "senat",
    "kongress",
    "vorstand",
    "ausschuss",
    "staatsschutz",
    "verfassungsschutz",
    "geheimdienst",
    "weltverband",
    "gerichtshof",
    "hof",
    "rennstall",
)

#: Nouns for groups of people that can speak as one ("Demonstranten", "Kritiker", "Demokraten").
GROUP_NOUNS: frozenset[str] = _words(
    """
    Demokraten Republikaner Grünen Linken Liberalen Konservativen Sozialdemokraten Kritiker
    Befürworter Gegner Menschenrechtler Aktivisten Demonstranten Experten Beobachter Ermittler
    Behörden Gewerkschaften Veranstalter Organisatoren Anwohner Eltern Ärzte Wissenschaftler
    Forscher Analysten Ökonomen Richter Staatsanwälte Vertreter Delegierten Slowenen Norweger
    """
)
#: Heads that make an organisation's name a plural group ("die USA" is plural, so is "die Grünen").
PLURAL_GROUP_NOUNS: frozenset[str] = GROUP_NOUNS | _words("USA Vereinigten Staaten Niederlande Philippinen")

#: Generic nouns in front of a medium's proper name, left out of its name ("Nachrichtenagentur Tass").
MEDIUM_NOUNS: frozenset[str] = _words(
    """
    Nachrichtenagentur Agentur Staatsagentur Zeitung Tageszeitung Wochenzeitung Sonntagszeitung
    Boulevardzeitung Zeitschrift Magazin Nachrichtenmagazin Wochenmagazin Fachzeitschrift Sender
    Fernsehsender Radiosender Nachrichtensender Staatssender Staatsfernsehen Nachrichtenportal
    Onlineportal Portal Nachrichtenseite Internetseite Plattform Blatt Boulevardblatt
    """
)
MEDIUM_NOUN_ENDINGS: tuple[str, ...] = ("nachrichtenagentur", "zeitung", "sender", "magazin")
#: Tokens that are only quotation marks.
QUOTE_MARK_TOKENS: frozenset[str] = frozenset(["„", "“", '"', "»", "«", "”", "‚", "‘"])

#: Organisations, agencies and outlets that report others' words rather than speak themselves:
#: as the frame of a quote that names its own speaker they are the medium, not the speaker.
MEDIA_NAMES: frozenset[str] = _words(
    """
    Tass TASS Interfax RIA Nowosti Ria KCNA NNA Wafa Xinhua Kyodo Yonhap Anadolu IRNA Ukrinform
    Unian AFP Reuters dpa DPA AP APA SDA KNA epd CNN BBC ZDF ARD ORF SRF RTL NTV n-tv CBS NBC ABC
    Fox Sky MOPO Bild Spiegel Stern Focus Welt FAZ SZ taz NZZ Handelsblatt Politico Axios
    KBS Sport1 Kicker Blick Krone Standard Presse Kurier Tagesspiegel Tageblatt Wort
    """
)
#: Heads of media phrases: a speaker phrase ending in one of these is a medium.
MEDIA_HEAD_ENDINGS: tuple[str, ...] = (
    "agentur",
    "zeitung",
    "sender",
    "fernsehen",
    "radio",
    "magazin",
    "zeitschrift",
    "portal",
    "blatt",
    "presse",
    "medien",
)

#: Words before a source noun that make it the speaker's own ("nach eigenen Angaben").
OWN_WORDS: frozenset[str] = _words("eigenen eigener eigenem eigene")
#: Source nouns that head a speaker phrase as a person or group, not as a document.
NOT_SOURCE_HEADS: frozenset[str] = _words("Experten")

#: Source compounds whose first part names the source: "US-Angaben" -> USA.
SOURCE_PREFIX_NAMES: dict[str, str] = {
    "US": "USA",
    "EU": "EU",
    "UN": "UN",
    "UNO": "UN",
    "Nato": "Nato",
    "NATO": "Nato",
    "Polizei": "Polizei",
    "Regierungs": "Regierung",
    "Regierung": "Regierung",
    "Armee": "Armee",
    "Militär": "Militär",
    "Kreml": "Kreml",
    "Behörden": "Behörden",
    "Veranstalter": "Veranstalter",
}
#: First parts of source compounds that name nobody in particular ("Medienberichten").
GENERIC_SOURCE_PREFIXES: frozenset[str] = _words(
    "medien presse augenzeugen zeugen experten insider kreise branchen studio studien berichts"
)

#: Nouns that stand for an organisation mentioned before ("die Organisation", "der Konzern"):
#: they resolve to the most recent organisation speaking or named.
ORG_ANAPHORS: frozenset[str] = _words(
    """
    Organisation Konzern Unternehmen Firma Behörde Plattform NGO Gruppe Menschenrechtler Verband
    Ministerium Regierung Armee Militär Sender Zeitung Blatt Agentur Kommission Partei Gewerkschaft
    Club Klub Verein Polizei Gericht Bank Stiftung Universität Institut Miliz Bewegung Kanton
    Airline Fluggesellschaft Fluglinie Rennstall Team Mannschaft
    """
)

#: Organisation anaphors ("die Organisation", "der Konzern") that, with no organisation of that
#: kind named, take up the organisation that spoke last.
SPEAKING_ORG_ANAPHORS: frozenset[str] = frozenset(
    ["organisation", "konzern", "unternehmen", "firma", "plattform", "ngo", "menschenrechtler", "gruppe"]
)
#: Anaphors of a kind the article names without it speaking first ("Wie das Team mitteilte" after
#: "Fahrer des Rennstalls Giant-Alpecin"): the organisation named last.
NAMED_ORG_ANAPHORS: frozenset[str] = frozenset(
    ["airline", "fluggesellschaft", "fluglinie", "rennstall", "team", "mannschaft"]
)

#: Role and descriptor nouns that do not name an office, so that "der 52-Jährige" or "die
#: Mutter" resolve to the person the text is about rather than to someone in that office.
DESCRIPTOR_ENDINGS: tuple[str, ...] = (
    "jährige",
    "jähriger",
    "platzierte",
    "platzierter",
    "mutter",
    "vater",
    "sohn",
    "tochter",
    "witwe",
    "mann",
    "frau",
    "kollege",
    "kollegin",
    "sieger",
    "siegerin",
    "landesmeister",
    "meister",
    "meisterin",
)

#: Parties and their adjectives, for "der SPD-Politiker" agreement with a person's known party.
PARTIES: frozenset[str] = _words(
    """
    SPD CDU CSU FDP AfD Grüne Grünen Linke BSW ÖVP FPÖ SPÖ NEOS KPÖ SVP FDP.Die SP GLP EVP CSV DP LSAP ADR
    KPL Republikaner Demokraten Labour Tories PiS
    """
)

__all__ = [
    "ARTICLE_GENDER",
    "DESCRIPTOR_ENDINGS",
    "EPICENE_ROLE_ENDINGS",
    "FEMININE_ORG_ENDINGS",
    "FEMININE_ROLE_ENDINGS",
    "GENERIC_SOURCE_PREFIXES",
    "GROUP_NOUNS",
    "MASCULINE_ORG_ENDINGS",
    "MEDIA_HEAD_ENDINGS",
    "MEDIA_NAMES",
    "MEDIUM_NOUNS",
    "MEDIUM_NOUN_ENDINGS",
    "NAMED_ORG_ANAPHORS",
    "NEUTER_ORG_ENDINGS",
    "NOT_FEMININE_ENDINGS",
    "NOT_SOURCE_HEADS",
    "ORG_ANAPHORS",
    "OWN_WORDS",
    "PARTIES",
    "PLURAL_GROUP_NOUNS",
    "QUOTE_MARK_TOKENS",
    "SOURCE_PREFIX_NAMES",
    "SPEAKING_ORG_ANAPHORS",
]

#: Words after which a name in the same clause is no subject: prepositions and oblique articles
#: ("Bei einem Treffen mit Lawrow", "dem Präsidenten").
SUBJECT_BLOCKERS: frozenset[str] = _words(
    """
    mit von vom bei beim für gegen gegenüber über um zu zum zur nach aus an am auf in im unter vor
    hinter neben zwischen durch ohne trotz wegen laut gemäß seit bis den dem des einem einen eines
    dessen deren ihrem ihren seinem seinen
    """
)
#: Quotation marks that end a clause for the subject test.
QUOTE_OPENERS_CLOSERS: frozenset[str] = frozenset(["„", "“", '"', "»", "«", "”"])
#: Articles that introduce someone new ("ein Sprecher") or refer back ("der Sprecher").
INDEFINITE_DETERMINERS: frozenset[str] = _words("ein eine einer eines einem einen")
DEFINITE_DETERMINERS: frozenset[str] = _words("der die das des dem den")
#: Political titles a text repeats for the person it is about ("der SPD-Politiker", "die Abgeordnete").
POLITICIAN_ENDINGS: tuple[str, ...] = (
    "politiker",
    "politikerin",
    "abgeordnete",
    "abgeordneter",
    "kanzler",
    "kanzlerin",
    "regierungschef",
    "regierungschefin",
)

#: Possessives before a source noun, with the gender of what they refer to ("ihren Angaben
#: zufolge": hers or theirs; "seinen Angaben nach": his or its).
POSSESSIVE_GENDER: dict[str, str] = {
    "seinen": "m",
    "seiner": "m",
    "seinem": "m",
    "seine": "m",
    "ihren": "f",
    "ihrer": "f",
    "ihrem": "f",
    "ihre": "f",
}
#: Determiners that make a source noun point back to a source named before ("dem Bericht
#: zufolge", "laut den Angaben", "diesen Informationen nach").
ANAPHORIC_SOURCE_DETERMINERS: frozenset[str] = _words("dem den der die des diesem diesen dieser")
#: Articles (not possessives) that an organisation's name leaves out.
ARTICLES: frozenset[str] = _words("der die das des dem den ein eine einer eines einem einen")
#: Organisation anaphors that name no kind of their own and so may stand for any organisation.
GENERIC_ORG_ANAPHORS: frozenset[str] = _words(
    "Organisation Konzern Unternehmen Firma Plattform NGO Gruppe Menschenrechtler"
)
#: Source nouns that never point to anyone ("dem Vernehmen nach", "eigenem Bekunden nach").
ANONYMOUS_SOURCE_NOUNS: frozenset[str] = _words("Vernehmen Hörensagen")
#: Words after a role noun that belong to a title ("Chef de Mission", "Chef de Cabinet").
ROLE_TITLE_TAILS: tuple[tuple[str, ...], ...] = (("de", "Mission"), ("de", "Cabinet"), ("de", "Protocole"))

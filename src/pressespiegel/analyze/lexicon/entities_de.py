"""German word lists for entity linking (:mod:`pressespiegel.analyze.linking`).

Role nouns before a name ("Kremlchef Putin", "US-Präsident Joe Biden") are found by their ending,
like the NER's role feature (``entities.ROLE_ENDINGS``); the words below add what that list lacks.
"""

from __future__ import annotations

# Role and title words the NER feature list does not end in, matched on the lower-cased word end.
EXTRA_ROLE_ENDINGS: tuple[str, ...] = (
    "machthaber",
    "herrscher",
    "premier",
    "premierminister",
    "premierministerin",
    "politiker",
    "politikerin",
    "kandidat",
    "kandidatin",
    "kommissar",
    "kommissarin",
    "leiter",
    "leiterin",
    "diktator",
    "monarch",
    "fürst",
    "ajatollah",
)

# Endings of a role noun in the genitive or weak declension ("des Kremlchefs", "dem Präsidenten").
ROLE_INFLECTIONS: tuple[str, ...] = ("s", "es", "en", "n")

# Heads of hyphen compounds that name something of an entity rather than another entity:
# "Putin-Regierung", "Trump-Lager", "Merkel-Ära" are mentions of Putin, Trump, Merkel. A compound
# whose head is not listed ("Baden-Württemberg", "SPD-Fraktion", "Berlin-Mitte") is its own name.
# The same compounds before a name are a role: "Putin-Kritiker Nawalny".
COMPOUND_HEADS: frozenset[str] = frozenset(
    "Regierung Regime Administration Lager Anhänger Anhängerin Gegner Gegnerin Kritiker Kritikerin "
    "Besuch Reise Treffen Gipfel Rede Ära Politik Vertraute Vertrauter Interview Äußerungen Aussagen "
    "Plan Kurs Jahre Zeit Kabinett Team Vorstoß Äußerung".split()
)

# Lower-case words inside an organisation's name that its acronym skips ("Organisation für
# Sicherheit und Zusammenarbeit in Europa" → OSZE keeps the E; "United States of America" → USA).
ACRONYM_SKIPPED: frozenset[str] = frozenset(
    "der die das des dem den für und von vom zur zum im in of and the for de la du".split()
)

# Words before a role noun that make it generic rather than its holder ("eines Papstes", "ein
# künftiger US-Präsident", "jeder Kremlchef"), matched on the lower-cased word start.
UNSPECIFIC_ROLE_WORDS: tuple[str, ...] = (
    "ein", "kein", "jede", "jeder", "künftig", "designiert", "ehemalig", "früher", "neu", "nächst",
    "damalig", "vorig", "letzt", "erst", "zweit", "welch", "dies", "solch", "amtierend",
)  # fmt: skip

# Titles inside a name, left out of its name form: "Joseph Kardinal Ratzinger" is Joseph Ratzinger.
NAME_TITLES: frozenset[str] = frozenset("Kardinal Erzbischof Bischof Pater Scheich Prinz Prinzessin".split())

# Endings of a German adjective opening a name ("Europäischen", "Deutscher", "Nordamerikanische").
ADJECTIVE_ENDINGS: tuple[str, ...] = (
    "ische",
    "ischen",
    "ischer",
    "isches",
    "ischem",
    "äische",
    "äischen",
    "sche",
    "schen",
    "scher",
    "che",
    "chen",
    "cher",
    "ale",
    "alen",
    "aler",
    "ige",
    "igen",
    "iger",
)

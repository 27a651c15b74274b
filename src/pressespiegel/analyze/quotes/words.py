"""Word predicates the German quote rules share: lemma, capitalisation, role and source nouns, titles.

Each looks at one word (or one quotation's inner text) and is cached: the finder asks the same
questions of the same words many times per article.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.lexicon import speakers_de as slex


@lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    return simplemma.lemmatize(word, lang="de").lower()


@lru_cache(maxsize=65536)
def function_word(word: str) -> bool:
    """A capitalised word whose lemma is lower-case: an adverb, adjective or particle that opens
    the sentence ("Insbesondere", "Dennoch", "Besorgt"), never the head of a speaker phrase."""
    lemma = simplemma.lemmatize(word, lang="de")
    # "Gall" → "gallen" is a name read as a verb: only a lemma that the word starts with counts
    return word[:1].isupper() and lemma[:1].islower() and word.lower().startswith(lemma)


_NAME_PREFIX = re.compile(r"^(al|el|ad|as|at|ar|an|asch|ibn|abu|bin)-[A-ZÄÖÜ]")


# Lower-case names that act like capitalised ones: web addresses ("t-online.de", "ndr.de").
_WEB_NAME = re.compile(r"^[a-z0-9][\w-]*\.(de|com|org|net|at|ch|eu|info)$")


@lru_cache(maxsize=65536)
def is_cap(word: str) -> bool:
    return (
        word[:1].isupper()
        or (word[:1].isdigit() and "-" in word)
        or bool(_NAME_PREFIX.match(word))
        or word in lex.LOWERCASE_NAMES
        or bool(_WEB_NAME.match(word))
    )


@lru_cache(maxsize=65536)
def is_role(word: str) -> bool:
    """A role noun: listed, with a role ending, or a hyphen compound of a listed one
    ("US-Regisseur", "Ex-Trainer")."""
    if word in lex.ROLE_NOUNS or ("-" in word and word.rsplit("-", 1)[1] in lex.ROLE_NOUNS):
        return True
    low = word.lower()
    return is_cap(word) and low.endswith(lex.ROLE_SUFFIXES)


@lru_cache(maxsize=65536)
def is_source_noun(word: str) -> bool:
    if word in lex.SOURCE_NOUNS:
        return True
    low = word.lower()
    return is_cap(word) and low.endswith(lex.SOURCE_NOUN_SUFFIXES)


_PUNCT = re.compile(r"^\W+$")


ADJ = re.compile(r"^[a-zäöüß][a-zäöüß\-]*(e|en|er|es|em)$")


PARTICIPLE = re.compile(r"nde[nrsm]?$")


# adjectives of origin, which may stand between a preposition and a place: "im indischen Dharamshala"
PLACE_ADJ = re.compile(r"^[a-zäöü][a-zäöüß\-]*isch(e|en|er|es|em)$")


AUX = frozenset(
    [
        "hat",
        "hatte",
        "hatten",
        "haben",
        "habe",
        "wird",
        "wurde",
        "wurden",
        "werden",
        "ist",
        "war",
        "sind",
        "waren",
        "will",
        "wollte",
        "soll",
        "sollte",
        "kann",
        "konnte",
        "muss",
        "musste",
    ]
)


OPENERS = '„»«"“'


def is_punct(word: str) -> bool:
    return bool(_PUNCT.match(word))


def looks_like_title(inner: str) -> bool:
    """Names and titles in quotation marks: „Deus caritas est“, „Automobilwoche“, „PLoS Biology“
    (all words but one capitalised, no final punctuation)."""
    words = [w for w in inner.split() if not is_punct(w)]
    caps = sum(1 for w in words if is_cap(w))
    return not inner.rstrip().endswith((".", "!", "?")) and caps >= len(words) - 1


def after_title_noun(text: str, start: int) -> bool:
    """A capitalised quotation right after a noun that names it: das Motto „Freiheit statt Angst“,
    die Studie „Linke Gewalt in Berlin“ (but "nannte das Programm „völlig unzureichend“" is
    wording)."""
    if start + 1 >= len(text) or not (text[start + 1].isupper() or text[start + 1].isdigit()):
        return False
    line = text[max(0, start - 40) : start].rsplit("\n", 1)[-1]
    before = line.split()
    if not before or not is_cap(before[-1]) or not before[-1].isalpha():
        return False
    low = before[-1].lower()
    stems = {low} | {low[: -len(e)] for e in ("s", "es") if low.endswith(e)}
    return any(
        stem == noun or (stem.endswith(noun) and len(noun) >= lex.MIN_TITLE_HEAD)
        for stem in stems
        for noun in lex.TITLE_NOUN_SUFFIXES
    )


def all_caps_words(inner: str) -> bool:
    """Every word capitalised: „Discovery“, „Bild am Sonntag“."""
    words = [w for w in inner.split() if not is_punct(w)]
    return all(is_cap(w) for w in words)


def is_role_form(word: str) -> bool:
    """A role noun, also in the genitive or weak declension ("des Parteichefs", "Präsidenten")."""
    if is_role(word):
        return True
    return any(word.endswith(e) and is_role(word[: -len(e)]) for e in lex.ROLE_INFLECTIONS)


@lru_cache(maxsize=65536)
def is_medium_word(word: str) -> bool:
    """A word naming a medium or its kind: "Nachrichtenagentur", "Tass", "Zeitung"."""
    return (
        word in slex.MEDIUM_NOUNS
        or word in slex.MEDIA_NAMES
        or word.lower().endswith(slex.MEDIA_HEAD_ENDINGS)
    )


@lru_cache(maxsize=65536)
def is_konjunktiv_i(word: str) -> bool:
    """A Konjunktiv I form of the third person: the listed ones ("sei", "habe", "könne") and any
    lower-case verb form that is its infinitive without the final "n" ("erwäge", "verfüge")."""
    if word in lex.KONJUNKTIV_I_STRONG:
        return True
    return (
        len(word) >= 4
        and word.islower()
        and word.endswith("e")
        and word not in lex.NOT_KONJUNKTIV
        and lemma_of(word) == word + "n"
    )

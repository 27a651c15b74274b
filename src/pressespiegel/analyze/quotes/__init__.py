"""Quotation attribution for German news: who said what, in direct, indirect and reported speech.

Rule-based and fast (no model). The German finder runs these steps over one article text; each
step lives in the module named after it (``marks``, ``cues``, ``phrases``, ``speakers``,
``coreference``, ``finder``), with the lexicon in ``analyze/lexicon/quotes_de.py``:

1. Tokenise with offsets (SoMaJo, ``sentences.py``) and pair quotation marks by position:
   „…“ and »…« and «…» and "…" (straight quotes: opener after a space, closer before one).
   „ pairs with “ (U+201C), which in English text is an *opening* mark.
2. Group sentences into units so that no quotation crosses a unit boundary (a direct quote of
   several sentences is one unit).
3. In each unit, find cues outside quotation marks: speech verbs (lemma via simplemma, separable
   particles glued back: "teilte ... mit"), "heißt es", and source markers "laut X", "X zufolge",
   "nach Angaben X", ", so X", ", wie X mitteilte".
4. Direct quotes: attach the frame after the quote (``„…“, sagte X``), before it
   (``X sagte: „…“``) or a passive one (``„…“, wird X zitiert``); a quote interrupted by its frame
   (``„A“, sagte X, „B“``) becomes one quote with two spans.
5. Indirect quotes: ``X sagte, (dass) …`` and ``…, sagte X``; reported: the unit minus the frame
   for source markers.
6. Continuations: a following sentence in Konjunktiv I is attributed to the speaker of the
   previous quote (one quote over consecutive sentences); a direct quote without own frame only
   to the speaker of a previous *direct* quote. A Konjunktiv-I sentence far from any quote is
   free indirect speech without a speaker. Stance verbs with their preposition ("halten ... für",
   "werten ... als") and anaphoric sources ("Demnach", ", wonach") make reported speech.
7. Speakers (``phrases.subject_of``, ``speakers``, ``coreference``): a relative pronoun opening
   the clause (", der sagte"); a noun phrase filling the prefield unless it is an object ("Den X
   beziffert ...", "Die Tat bezeichnete er"); the inverted subject after the finite verb, past
   adverbs, "sich" and time phrases ("Am Montag sagte dazu der Sprecher"); the phrase opening the
   clause; for impersonal cues the document ("In der Erklärung heißt es"). Phrases take
   appositions, short quoted names („Golem“) and places ("ein Sprecher in Berlin"). The mention
   is split into name and role; pronouns and role-only mentions resolve to the most recent
   compatible person (salience = recency).

Languages: :data:`FINDERS` maps a language code to its finder (``find(text, sentences)``). Only
German has one; a text in another language yields no quotes rather than German rules applied to
it. A new language adds its own module (``quotes/en.py``) and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pressespiegel.analyze.quotes import finder as finder_de
from pressespiegel.analyze.quotes.records import Quote, QuoteType, Span
from pressespiegel.analyze.sentences import Token, tokenize_sentences

__all__ = [
    "FINDERS",
    "EntitySpans",
    "Quote",
    "QuoteType",
    "Span",
    "find_quotes",
    "find_quotes_in_tokens",
    "find_speech_in_tokens",
]

#: Entities as (start, end, label) character spans, labels as the entity model gives them.
EntitySpans = Sequence[tuple[int, int, str]]

#: The quote finder of each language: ``find(text, sentences of tokens, entities) -> (quotes,
#: speech acts)``; speech acts are statements narrated without their content ("Scholz verteidigte
#: die Lieferungen"), which are no quotations.
FINDERS: dict[str, Callable[[str, list[list[Token]], EntitySpans], tuple[list[Quote], list[Quote]]]] = {
    "de": finder_de.find_with_acts
}


def _group_tokens(text: str, sentences: list[tuple[int, int]]) -> list[list[Token]]:
    tokens = [t for sent in tokenize_sentences(text) for t in sent]
    groups: list[list[Token]] = []
    k = 0
    for s, e in sentences:
        group: list[Token] = []
        while k < len(tokens) and tokens[k].start < e:
            if tokens[k].start >= s:
                group.append(tokens[k])
            k += 1
        if group:
            groups.append(group)
    return groups


def find_quotes(
    text: str,
    sentences: list[tuple[int, int]] | None = None,
    *,
    entities: EntitySpans = (),
    language: str = "de",
) -> list[Quote]:
    """Quotations in ``text`` with speaker, cue and type; offsets are character offsets.

    ``sentences`` (spans from :func:`pressespiegel.analyze.sentences.split_sentences`) may be
    passed to reuse an earlier split; otherwise the text is split here. ``entities`` are the
    (start, end, label) spans of the entity model (the analysis passes them): with them, names are
    told from role nouns ("Teamkollege Nico Elvedi") and speakers resolve better.
    """
    token_sents = tokenize_sentences(text) if sentences is None else _group_tokens(text, sentences)
    return find_quotes_in_tokens(text, token_sents, entities=entities, language=language)


def find_quotes_in_tokens(
    text: str, sentences: list[list[Token]], *, entities: EntitySpans = (), language: str = "de"
) -> list[Quote]:
    """:func:`find_quotes` on a text already split into sentences of tokens (the analysis does);
    no quotes for a language without a finder."""
    return find_speech_in_tokens(text, sentences, entities=entities, language=language)[0]


def find_speech_in_tokens(
    text: str, sentences: list[list[Token]], *, entities: EntitySpans = (), language: str = "de"
) -> tuple[list[Quote], list[Quote]]:
    """(quotations, speech acts) of a tokenized text: the acts are statements reported without
    their content ("Der Kreml bestätigte das Treffen nicht."), kept for stance and contradiction
    detection and never shown as quotations."""
    find = FINDERS.get(language)
    if not sentences or find is None:
        return [], []
    return find(text, sentences, entities)

"""Step 3: cues outside quotation marks: speech verbs, "heißt es" and source markers.

Speech verbs are matched by lemma (simplemma) with separable particles glued back ("teilte ...
mit"); source markers are "laut X", "X zufolge", "nach Angaben X", ", so X", "demnach".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pressespiegel.analyze.lexicon import quotes_de as lex
from pressespiegel.analyze.quotes.marks import Unit
from pressespiegel.analyze.quotes.words import ADJ, OPENERS, is_cap, is_source_noun, lemma_of


@dataclass
class Cue:
    kind: Literal["verb", "laut", "zufolge", "nach", "so", "wie", "heisst", "demnach"]
    idx: list[int]  # token indices of the cue words
    weak: bool = False


def find_cues(unit: Unit) -> list[Cue]:
    toks = unit.tokens
    cues: list[Cue] = []
    n = len(toks)
    for i, tok in enumerate(toks):
        if unit.inside[i]:
            continue
        w = tok.text
        low = w.lower()
        if low in lex.ANAPHORIC_SOURCE_CUES:
            cues.append(Cue("demnach", [i]))
            continue
        if low in lex.PREPOSITION_CUES and i + 1 < n:
            cues.append(Cue("laut", [i]))
            continue
        if low in lex.POSTPOSITION_CUES and i > 0:
            cues.append(Cue("zufolge", [i]))
            continue
        if (
            low == "nach"
            and i > 1
            and (toks[i - 1].text in lex.POSTPOSED_NACH or is_source_noun(toks[i - 1].text))
        ):
            cues.append(Cue("zufolge", [i]))  # "seiner Meinung nach", "Polizeiangaben nach"
            continue
        if low == "nach" and i + 1 < n:
            j = i + 1
            while j < n and j < i + 4 and not is_source_noun(toks[j].text):
                if not (toks[j].text.lower() in lex.DETERMINERS or ADJ.match(toks[j].text)):
                    break
                j += 1
            if (
                j < n
                and is_source_noun(toks[j].text)
                and (
                    toks[j].text not in lex.SOURCE_NOUNS_NEEDING_AUTHOR
                    or (
                        j + 1 < n
                        and (
                            toks[j + 1].text in lex.GENITIVE_DETERMINERS or toks[j + 1].text in ("von", "vom")
                        )
                    )
                )
            ):
                # "Nach einer Stellungnahme der Armee" cites; "Nach den Ermittlungen fuhr er" is time
                cues.append(Cue("nach", [i]))
            continue
        if low == lex.SO_CUE and i > 0 and toks[i - 1].text in (",", "“", '"', "«", "»") and i + 1 < n:
            nxt = toks[i + 1].text
            if is_cap(nxt) or nxt.lower() in lex.DETERMINERS:
                cues.append(Cue("so", [i]))
            continue
        if not w[:1].islower() and i > 0:
            continue
        lemma = lemma_of(w)
        if (lemma == "heißen" and i + 1 < n and toks[i + 1].text == "es") or (
            lemma == "heißen" and i > 0 and toks[i - 1].text.lower() == "es"
        ):
            cues.append(Cue("heisst", [i]))
            continue
        full = lemma
        idx = [i]
        if (
            lemma not in lex.CUE_VERBS
            and i > 0
            and toks[i - 1].text in lex.SEPARABLE_PARTICLES
            and toks[i - 1].text != "zu"  # "die Renten zu sichern" is no "zusichern"
            and w.lower() != lemma  # a finite verb: "bekannt gab", not "bekannt geben"
            and toks[i - 1].text + lemma in lex.CUE_VERBS
        ):
            # verb-final clause with the particle written apart: "wie Adidas bekannt gab"
            cues.append(Cue("verb", [i - 1, i], weak=toks[i - 1].text + lemma in lex.WEAK_CUE_VERBS))
            continue
        # separable verb: particle at the end of the clause ("teilte ... mit", "forderte ... auf")
        particle = clause_final_particle(unit, i)
        if particle is not None and toks[particle].text + lemma in lex.CUE_VERBS:
            full = toks[particle].text + lemma
            idx = [i, particle]
        if full in lex.CUE_VERBS and not (w[:1].isupper() and i > 0):
            if full == lemma and _has_trailing_particle(unit, i):
                continue  # "stellte ... vor", "gab ... ab": a different verb
            cues.append(Cue("verb", idx, weak=full in lex.WEAK_CUE_VERBS))
    return cues


def clause_final_particle(unit: Unit, i: int) -> int | None:
    toks = unit.tokens
    for j in range(i + 1, min(len(toks), i + 25)):
        if unit.inside[j]:
            return None
        w = toks[j].text
        if w in (",", ";", ":", ".", "!", "?") or w in OPENERS:
            prev = toks[j - 1].text
            return j - 1 if prev in lex.SEPARABLE_PARTICLES and j - 1 > i else None
    last = len(toks) - 1
    return last if last > i and toks[last].text in lex.SEPARABLE_PARTICLES else None


def _has_trailing_particle(unit: Unit, i: int) -> bool:
    j = clause_final_particle(unit, i)
    return j is not None and unit.tokens[j].text not in ("zu", "an", "mit") and j > i + 1

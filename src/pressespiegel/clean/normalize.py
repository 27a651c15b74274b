"""Character normalization of scraped text.

``normalize_chars`` maps one character to one character, so offsets found in normalized text are
valid in the text before it. The article's clean text (paragraphs joined by blank lines) is the
coordinate system for every later stage; it is stored as is, so analysis offsets never drift.
"""

from __future__ import annotations

import re

# One character in, one character out. Typographic German quotes („“‚‘»«) are kept: they carry
# meaning for quote detection. Only exotic look-alikes are mapped onto their common form.
_CHAR_MAP = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\u200a": " ",  # hair space
    "\u2002": " ",
    "\u2003": " ",
    "\u3000": " ",
    "\t": " ",
    "\r": "\n",
    "\u2028": "\n",  # line separator
    "\u2029": "\n",  # paragraph separator
    "\u201f": "\u201c",  # double high-reversed-9 quote → “
    "\u2033": '"',  # double prime used as quote
    "\uff02": '"',  # fullwidth quotation mark
    "\u02ba": '"',
    "\u201b": "\u2018",  # single high-reversed-9 → ‘
    "\u2032": "'",  # prime used as apostrophe
    "\u00b4": "'",  # acute accent used as apostrophe
    "`": "'",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
}
# Invisible characters that split words ("Ver\u00adteidigung") are deleted, not mapped.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_TABLE = str.maketrans(_CHAR_MAP)
_SPACES = re.compile(r"[ ]{2,}")


def normalize_chars(text: str) -> str:
    """Map odd spaces, quote look-alikes and line separators to plain forms, one char for one."""
    return text.translate(_TABLE)


def strip_invisible(text: str) -> str:
    """Delete soft hyphens, zero-width characters and stray byte-order marks."""
    return _INVISIBLE.sub("", text)


def squeeze(line: str) -> str:
    """Collapse runs of spaces inside one line and strip it (used on paragraphs, not on offsets)."""
    return _SPACES.sub(" ", line).strip()


# Han characters and kana: Chinese and Japanese write words without spaces between them.
# Hangul is not here: Korean separates words with spaces.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
#: Characters of unspaced script that count as one word: Chinese words average 1.5–2 characters,
#: Japanese ones about 2 (kana endings included), so a 30-character Japanese line is 15 "words".
UNSPACED_CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """Words in ``text`` for every script: space-separated tokens, plus unspaced CJK characters
    counted at UNSPACED_CHARS_PER_WORD characters per word (a Japanese paragraph is one token)."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    spaced = sum(1 for token in text.split() if not _UNSPACED.search(token))
    return spaced + max(1, unspaced // UNSPACED_CHARS_PER_WORD)

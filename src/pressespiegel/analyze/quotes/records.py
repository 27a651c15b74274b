r"""The records the quote finder returns: :class:`Quote` and its :class:`Span`\ s (the JSON contract)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QuoteType = Literal["direct", "indirect", "reported"]


@dataclass(frozen=True, slots=True)
class Span:
    """Text with its (possibly discontinuous) character spans in the article."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def to_json(self) -> dict[str, object]:
        """``{"text": ..., "spans": [[s, e], ...]}``."""
        return {"text": self.text, "spans": [[s, e] for s, e in self.spans]}


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed quotation.

    ``speaker`` is the mention in the text (name, role phrase or pronoun); ``speaker_name`` the
    resolved person or organisation; ``frame`` the introducing clause (speaker, cue and what lies
    between), kept for evaluation and not part of the JSON contract; ``addressee`` whom the words
    were said to or the medium that relays them ("sagte Peskow der Agentur Interfax", "zitierte
    ihn die Agentur Tass").
    """

    quote: Span
    speaker: Span | None
    speaker_name: str | None
    speaker_role: str | None
    cue: Span | None
    type: QuoteType
    frame: Span | None = None
    #: The canonical entity id of the speaker (see the entity linking), when it is known.
    speaker_entity: str | None = None
    addressee: Span | None = None

    def to_json(self) -> dict[str, object]:
        """The JSON contract: quote, speaker, speaker_name, speaker_role, speaker_entity, cue, type,
        addressee."""
        return {
            "quote": self.quote.to_json(),
            "speaker": self.speaker.to_json() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "speaker_role": self.speaker_role,
            "speaker_entity": self.speaker_entity,
            "cue": self.cue.to_json() if self.cue else None,
            "type": self.type,
            "addressee": self.addressee.to_json() if self.addressee else None,
        }

"""Agency credits: which news agencies a credit string names ("dpa/lno", "AFP/dpa", "afp, rtr").

A credit names one or more agencies, optionally followed by the editors' initials the agencies
sign with ("(dpa/gem)", "(KNA/iz)", "SDA/sep"). A string with any other part ("Quelle: RKI",
"Foto/Video") is not an agency credit. The aliases are data (:mod:`.sources_data`).
"""

from __future__ import annotations

import re

from pressespiegel.clean.sources_data import AGENCY_ALIASES

_PARTS = re.compile(r"\s*(,|/|;|\bund\b|\band\b|&|\+)\s*")
#: Editors' initials after an agency: "gem", "lno", "iz", "sep", "DP" (two to four letters).
_EDITOR_CODE = re.compile(r"^[a-zäöü]{1,5}$|^[A-Z]{2}$")
#: Lower-case aliases this short are editors' initials after a slash ("dpa/ap" is a dpa editor).
_SHORT_ALIAS = 2


def agency(name: str) -> str | None:
    """The canonical agency a name stands for ("Deutsche Presse-Agentur" → "dpa"), or None."""
    key = " ".join(name.strip().strip("().,;:").lower().split())
    return AGENCY_ALIASES.get(key)


def agencies_in_credit(credit: str) -> tuple[str, ...] | None:
    """The agencies a credit names, in order; None if the string is not an agency credit.

    The first part must be an agency; later parts are agencies or editors' initials.
    """
    pieces = _PARTS.split(credit.strip().strip("()"))
    parts = pieces[0::2]
    separators = ["", *pieces[1::2]]
    names: list[str] = []
    for i, (part, separator) in enumerate(zip(parts, separators, strict=True)):
        part = part.strip()
        if not part:
            continue
        name = agency(part)
        lowercase_initials = separator == "/" and part.islower() and len(part) <= _SHORT_ALIAS
        if name and not (i and lowercase_initials):
            if name not in names:
                names.append(name)
            continue
        if i and _EDITOR_CODE.match(part):
            continue
        return None
    return tuple(names) or None

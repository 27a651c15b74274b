"""The message catalogue: every German message has its English translation, plurals and dates."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from pressespiegel.i18n import date_label, ngettext, quoted, span_label, translations
from pressespiegel.i18n.labels import CONTRADICTION_LABELS, DATE_METHOD_LABELS, REMOVED_LABELS

#: Messages spelt the same in both languages.
SAME_IN_ENGLISH = {"API", "Person", "Parameter", "Link", "Organisation"}
PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pressespiegel"


def _messages() -> set[str | tuple[str, str]]:
    method_map = [("**/templates/**.html", "jinja2"), ("**/templates/**.j2", "jinja2"), ("**.py", "python")]
    options = {pattern: {"extensions": "jinja2.ext.i18n"} for pattern, kind in method_map if kind == "jinja2"}
    found: set[str | tuple[str, str]] = set()
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    for _, _, message, _, _ in extract_from_dir(str(PACKAGE), method_map, options, keywords=keywords):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    found |= (
        set(CONTRADICTION_LABELS.values()) | set(DATE_METHOD_LABELS.values()) | set(REMOVED_LABELS.values())
    )
    return found


def test_every_message_has_an_english_translation() -> None:
    english = translations("en")
    messages = _messages()
    assert len(messages) > 80
    untranslated = []
    for message in messages:
        if isinstance(message, tuple):
            if english.ngettext(*message, 2) == message[1]:
                untranslated.append(message)
        elif english.gettext(message) == message and message not in SAME_IN_ENGLISH:
            untranslated.append(message)
    assert not untranslated, untranslated


def test_plurals_dates_and_quotes() -> None:
    assert ngettext("%(num)d Ursprung", "%(num)d Ursprünge", 1, "de") == "1 Ursprung"
    assert ngettext("%(num)d Ursprung", "%(num)d Ursprünge", 2, "de") == "2 Ursprünge"
    assert ngettext("%(num)d Thema", "%(num)d Themen", 1234, "en") == "1,234 stories"
    assert ngettext("%(num)d Thema", "%(num)d Themen", 1234, "de") == "1.234 Themen"
    assert date_label("2023-W35", "de") == "KW 35/2023" and date_label("2023-W35", "en") == "week 35/2023"
    assert date_label("2023-09-12", "de") == "12.09.2023" and date_label("2023-07", "de") == "Juli 2023"
    assert date_label(None, "de") == "ohne Datum" and span_label(None, None, "de") == "ohne Datum"
    assert span_label("2023-09-05", "2023-09-12T08:00:00", "de") == "05.–12.09.2023"
    assert span_label("2023-09-05", None, "de") == "05.09.2023"
    assert (
        quoted("„Nein, wir können (das) nicht (bestätigen)“", "de")
        == "„Nein, wir können (das) nicht (bestätigen)“"
    )
    assert quoted('"Ich bestätige das"', "de") == "„Ich bestätige das“"
    assert quoted('Er nannte das "absurd" und ging', "de") == "„Er nannte das ‚absurd‘ und ging“"
    assert quoted("„Nein“", "en") == "“Nein”"

"""Hypothesis strategies for hostile text: every script, quotation-mark soup, huge lines."""

from __future__ import annotations

from hypothesis import strategies as st

#: Characters real pages throw at us: CJK, Hangul, Arabic and Hebrew (right to left), Cyrillic,
#: emoji, combining marks, control characters, odd spaces and every kind of quotation mark.
ALPHABET = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(list("„“”‚‘’»«›‹\"'「」『』《》")),
    st.sampled_from(list("中文日本語のテキスト한국어العربيةעבריתРусский")),
    st.sampled_from(["\u0301", "\u0308", "\u200d", "\u200b", "\u00ad", "\ufeff", "\u202e", "\x00", "\x07"]),
    st.sampled_from(["😀", "\U0001f1e9", "\U0001f1ea", "\u2028", "\u00a0", "\t", "\r"]),
    st.sampled_from(list("aeiouäöüßAEIOU .,;:!?-–()[]/0123456789")),
)
#: Fragments of real news copy, so the rules' triggers (datelines, cues, dates) are reached too.
FRAGMENTS = st.sampled_from(
    [
        "BERLIN (dpa) - ",
        "MOSKAU/SEOUL (dpa-AFX) - ",
        "sagte Merkel am Dienstag",
        "„Wir schaffen das“, sagte die Kanzlerin.",
        "Der Minister erklärte, „",
        "“",
        "„",
        "»",
        "«",
        "(dpa/gem)",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "/dg/DP/nas",
        "Von Anna Fink und Jan Marchart",
        "Veröffentlicht 5. September 2023",
        "Stand: 12.09.2023, 14:30 Uhr",
        "am 3. Oktober",
        "vergangene Woche",
        "Empfohlen",
        "Kommentare",
        "Foto: Max Muster/dpa",
        "Jetzt weiterlesen",
        "Kremlsprecher Dmitri Peskow",
        "習近平国家主席は13日、北京で演説した。",
        "윤석열 대통령은 3일 기자회견을 열었다.",
        "قال الرئيس يوم الثلاثاء إن",
        "Президент России заявил во вторник",
        "🇩🇪👩\u200d👩\u200d👧",
    ]
)
LINE = st.one_of(
    st.text(ALPHABET, max_size=120),
    st.lists(st.one_of(FRAGMENTS, st.text(ALPHABET, max_size=20)), max_size=8).map("".join),
)
#: A page: lines and empty paragraphs, sometimes one huge line.
TEXT = st.one_of(
    st.lists(LINE, max_size=25).flatmap(
        lambda lines: st.sampled_from(["\n", "\n\n", "\n\n\n"]).map(lambda sep: sep.join(lines))
    ),
    st.tuples(LINE, st.integers(1, 400)).map(lambda pair: (pair[0] + " ") * pair[1]),
)
LANGUAGES = st.sampled_from(["de", "en", "zh", "ja", "ko", "ar", "ru", "he", "und", None])

"""Lexicon for English quotation attribution: speech verbs, speaker words and quotation marks.

Source: own work for pressespiegel, written by hand from English wire style (AP, Reuters, AFP:
'"...," he said.', '"...," said Jane Doe, a spokeswoman for the ministry.', 'Doe said: "..."');
Apache-2.0 like the rest of the package. ``analyze/quotes_en.py`` builds its patterns from these
tables, so a new cue verb or title is added here and nowhere else. Matching is case-sensitive as
written unless a comment says otherwise.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Speech verbs that introduce or follow a direct quotation, in the forms news text uses.
CUE_VERBS: frozenset[str] = _words("""
    said says say told tells added adds stated states noted notes wrote writes asked asks
    explained explains warned warns insisted insists declared declares announced announces
    continued continues replied replies answered answers tweeted tweets posted posts
    argued argues claimed claims
    stressed stresses urged urges acknowledged acknowledges recalled recalls confirmed confirms
    admitted admits conceded concedes cautioned cautions predicted predicts vowed vows
    promised promises demanded demands responded responds commented comments observed observes
    remarked remarks reported reports suggested suggests concluded concludes
""")

#: Pronoun speakers (matched lower-cased): the speaker is named in an earlier sentence.
PRONOUNS: frozenset[str] = _words("he she they we i it")

#: Opening and closing quotation marks of direct speech (straight, curly, guillemets).
QUOTE_PAIRS: tuple[tuple[str, str], ...] = (('"', '"'), ("“", "”"), ("„", "“"), ("«", "»"), ("»", "«"))

#: Lower-case words that may sit inside a capitalised name ("Ursula von der Leyen", "Charles de Gaulle").
NAME_PARTICLES: frozenset[str] = _words("von van der de den del della di da du le la bin al ter")

#: Heads of role phrases that can be the speaker themselves ('"...," the spokesman said'),
#: matched lower-cased after an optional article.
ROLE_HEADS: frozenset[str] = _words("""
    spokesman spokeswoman spokesperson official officials minister president chancellor
    prime governor mayor secretary chief director chairman chairwoman leader commander
    police ministry government statement agency company prosecutor prosecutors judge lawyer
    attorney witness witnesses resident residents expert analyst analysts source sources
    representative ambassador envoy senator lawmaker lawmakers union
""")

#: Capitalised words that start a sentence or a clause but are never names.
NOT_NAMES: frozenset[str] = _words("""
    The A An This That These Those It He She They We I But And Or So Yet If When While After
    Before In On At For From With Without By As Of To Then There Here However Meanwhile Also
    Still Earlier Later Now Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October
    November December Mr Mrs Ms Dr
""")

#: Courtesy titles kept in front of a name ("Mr. Smith").
TITLES: frozenset[str] = _words(
    "Mr. Mrs. Ms. Dr. Prof. Sen. Rep. Gov. Gen. Col. Capt. Sgt. Lt. Rev. Sir Dame Lord Lady"
)

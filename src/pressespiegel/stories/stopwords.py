"""Stop lemmas for story terms, as data: function words and newsroom filler that say nothing about
which event an article reports. Lower-cased lemmas (simplemma output). Own list, Apache-2.0.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


STOP_LEMMAS: dict[str, frozenset[str]] = {
    "de": _words(
        """
        der die das ein eine einer eines einem einen den dem des und oder aber doch sondern denn als wie
        wenn ob dass weil da damit so auch noch schon nur nicht kein keine nichts mehr sehr viel viele
        wenig ganz etwa rund fast bereits immer wieder dann nun jetzt heute gestern morgen zudem jedoch
        allerdings sowie bzw ca zum zur vom beim im am ins ans aufs in an auf aus bei mit nach seit von
        vor zu über unter um durch für gegen ohne bis zwischen hinter neben während wegen trotz laut
        gemäß je pro ich du er sie es wir ihr man sich mich dich uns euch ihm ihn ihnen mein dein sein
        unser euer dies diese dieser dieses jener jene welch welcher welche welches wer was wo wann
        warum wie alle alles andere anderer anderen einige mehrere jeder jede jedes beide selbst sein
        haben werden können müssen sollen wollen dürfen mögen lassen geben gehen kommen machen stehen
        liegen bleiben heißen sagen erklären berichten mitteilen teilen melden zufolge demnach angabe
        angaben informationen bericht berichte ja nein hier dort da dabei dafür dagegen darauf daraus
        darin davon dazu deshalb deswegen trotzdem außerdem inzwischen zunächst zuletzt später früher
        erst neu alt groß klein erster zweiter dritter eins zwei drei vier fünf sechs sieben acht neun
        zehn hundert tausend million milliarde prozent jahr jahre monat monate woche wochen tag tage
        montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni
        juli august september oktober november dezember uhr
        """
    ),
    "en": _words(
        """
        the a an and or but if then than as of in on at to for from by with without about into over
        under after before between during is are was were be been being have has had do does did will
        would shall should can could may might must not no nor so too very also just only this that
        these those it its he she they we you i him her them us his their our your who whom which what
        when where why how all any both each few more most other some such own same said says say
        according year years month week day monday tuesday wednesday thursday friday saturday sunday
        percent million billion
        """
    ),
}

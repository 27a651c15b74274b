"""Telling a topic's readers: digests and alerts by e-mail and webhook, and an Atom feed.

:mod:`.events` decides what is due (an alert when a story of the topic reaches a number of
independent origins; a digest at the topic's time of day) and records it once in the store;
:func:`.events.deliver_due` sends what is pending on each channel and marks it sent, so a
restart never sends an event twice (see docs/decisions.md, issue 18, for the one crash window).
"""

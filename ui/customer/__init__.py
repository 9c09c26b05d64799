"""The customer screen: self-intake on the counter PC's touchscreen.

It is a second, full-screen window of the counter app, not a program of its
own, because:

* the ticket goes straight into the counter's queue in memory: no ticket store
  on disk, no second process that must find the first, nothing of a customer's
  answers or phone number left behind when the day ends;
* the shop runs one PC (one USB hub, one copy of the app holding the ledger),
  and a touchscreen is a second monitor on it.

The customer's language is their own: switching to English here leaves the
counter in Japanese, so this window translates its texts through its own
translator (:class:`~ui.customer.language.CustomerLanguage`) instead of the
application's.

Nothing of the counter is reachable from it: it has no menus, ignores the
keyboard's close, and only the staff PIN closes it.
"""

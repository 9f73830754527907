"""Find the original: a look-up that works with a connection and falls back on the set's dossier without one.

:func:`find_original` takes what a student types (an outlet's name, a headline, a web address), finds the
dossier entry it names, and writes the searches to do. Only when it is called, and only if the kit is not
told to stay offline, does it try one quick request (3 seconds at most) to see whether the machine is
online; nothing here touches the network at import. ``MEDIALIT_OFFLINE=1`` (the test suite sets it) skips
the request, and so does ``online=False``.

>>> look = find_original("RT", online=False)
>>> look.status, look.searches[0][0]
('not checked', 'RT')
"""
from __future__ import annotations

import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from .dossier import BUILD_STEPS, LATERAL_QUESTIONS, Dossier, Entry

SEARCH_URL = "https://duckduckgo.com/?q={query}"
TIMEOUT = 3.0


@dataclass(frozen=True)
class Lookup:
    """The result of :func:`find_original`.

    - ``status``: "online" (a page answered), "offline" (no answer within the time limit: ``detail`` says
      why) or "not checked" (the kit was told to stay offline).
    - ``entry``: the dossier entry the query names, or None; ``has_dossier``: whether the set has a dossier.
    - ``searches``: ``(words to type, search address)`` pairs; ``url``: the address given, if any.
    - ``steps``: what to do next, in order.
    """

    query: str
    status: str
    detail: str
    entry: Entry | None
    has_dossier: bool
    searches: tuple[tuple[str, str], ...]
    url: str
    steps: tuple[str, ...]


def is_address(query: str) -> bool:
    """True for a web address (with or without ``https://``).

    >>> is_address("https://www.bbc.co.uk/news"), is_address("www.rt.com"), is_address("BBC News")
    (True, True, False)
    """
    q = query.strip()
    return q.startswith(("http://", "https://", "www.")) or (" " not in q and "." in q.split("/")[0]
                                                              and q.split("/")[0].rsplit(".", 1)[-1].isalpha()
                                                              and len(q.split("/")[0].rsplit(".", 1)[-1]) >= 2)


def search_address(words: str) -> str:
    """The address of a web search for ``words`` (``MEDIALIT_SEARCH_URL`` may set another search page, with
    ``{query}`` where the words go).

    >>> search_address("BelTA owner")
    'https://duckduckgo.com/?q=BelTA+owner'
    """
    template = os.environ.get("MEDIALIT_SEARCH_URL") or SEARCH_URL
    return template.replace("{query}", urllib.parse.quote_plus(words))


def stay_offline(environ=None) -> bool:
    """True when the kit is told not to use the network: ``MEDIALIT_OFFLINE`` set to anything but "", 0, false
    or no (in ``environ``, by default the process's environment).

    >>> stay_offline({"MEDIALIT_OFFLINE": "1"}), stay_offline({"MEDIALIT_OFFLINE": "0"}), stay_offline({})
    (True, False, False)
    """
    value = (os.environ if environ is None else environ).get("MEDIALIT_OFFLINE", "")
    return value.strip().lower() not in ("", "0", "false", "no")


def reachable(url: str, *, timeout: float = TIMEOUT, opener=None) -> tuple[bool, str]:
    """Try one request to ``url`` and say whether a page answered within ``timeout`` seconds, and if not why.
    The wait is bounded even when looking up the address hangs. ``opener(url, timeout)`` replaces the real
    request (for tests); it returns a status code or raises.

    >>> reachable("https://example.org/", opener=lambda url, timeout: 200)
    (True, 'the page answered (status 200)')
    >>> reachable("https://example.org/", opener=lambda url, timeout: (_ for _ in ()).throw(OSError("no route")))
    (False, 'this computer could not reach the page (no route)')
    >>> reachable("https://x.example/", opener=lambda url, timeout: (_ for _ in ()).throw(OSError(-2, "Name or service not known")))
    (False, 'this computer could not reach the page (Name or service not known)')
    """
    opener = opener or _open
    result: list = []

    def attempt():
        try:
            result.append((True, opener(url, timeout)))
        except Exception as error:  # noqa: BLE001  (any failure means: not reachable now)
            result.append((False, error))

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout + 0.5)
    if not result:
        return False, f"no answer within {timeout:g} seconds"
    ok, value = result[0]
    if ok:
        return (True, f"the page answered (status {value})") if int(value) < 500 else \
            (False, f"the page answered with an error (status {value})")
    reason = getattr(value, "reason", None) or value
    reason = re.sub(r"^\[Errno -?\d+\]\s*", "", str(reason))   # the system's code means nothing to a reader
    return False, f"this computer could not reach the page ({reason})"


def _open(url: str, timeout: float) -> int:
    request = urllib.request.Request(url, headers={"User-Agent": "medialit (lateral reading exercise)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the student asked)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _searches(query: str, entry: Entry | None, dossier: Dossier | None) -> list[str]:
    words = []
    if entry is not None:
        words += list(entry.search_for)
    headline = next((h for i, h in (dossier.articles if dossier else ()) if query.strip().lower() in
                     (i.lower(), h.lower())), "")
    if headline:
        words.insert(0, f"\"{headline}\"")
    elif entry is None and not is_address(query):
        words.insert(0, query.strip())
        words.append(f"{query.strip()} who owns it")
    elif entry is None:
        site = urllib.parse.urlsplit(query if "://" in query else "https://" + query).hostname or query
        words.append(f"{site.removeprefix('www.')} who owns it")
    return list(dict.fromkeys(w for w in words if w))


def find_original(query: str, dossier: Dossier | None = None, *, online: bool | None = None,
                  timeout: float = TIMEOUT, opener=None) -> Lookup:
    """Look up ``query`` (an outlet's name, an article's id or headline, or a web address): the dossier entry it
    names, the searches to do, and, unless told to stay offline (``online=False`` or ``MEDIALIT_OFFLINE``),
    one quick check whether the machine can reach the address or a search page.

    >>> from medialit import load_articles
    >>> from medialit.analysis.dossier import load_dossier
    >>> look = find_original("https://www.belta.by/", load_dossier(load_articles("lukashenko-2023")), online=False)
    >>> look.entry.name, look.url
    ('BelTA (Belarusian Telegraph Agency)', 'https://www.belta.by/')
    >>> find_original("BelTA", opener=lambda url, timeout: 200).status
    'online'
    """
    query = query.strip()
    entry = dossier.entry(query) if dossier is not None and query else None
    url = ""
    if is_address(query):
        url = query if query.startswith(("http://", "https://")) else "https://" + query
    searches = tuple((words, search_address(words)) for words in _searches(query, entry, dossier))
    if online is False or (online is None and opener is None and stay_offline()):
        status, detail = "not checked", "the kit is set to work offline, so it did not try the network"
    else:
        target = url or (searches[0][1] if searches else search_address(query))
        ok, detail = reachable(target, timeout=timeout, opener=opener)
        status = "online" if ok else "offline"
    has_dossier = bool(dossier is not None and dossier.exists)
    return Lookup(query, status, detail, entry, has_dossier, searches, url, _steps(status, entry, has_dossier, url))


def _steps(status: str, entry: Entry | None, has_dossier: bool, url: str) -> tuple[str, ...]:
    steps = []
    if status == "online":
        steps.append("Open the links below in a new tab (Ctrl+click), one at a time.")
        if url:
            steps.append("Compare the page at the address with the copy you have: headline, quotes, numbers, "
                         "what is added or missing.")
    elif status == "offline":
        steps.append("No connection now: read what the kit knows above, and write down the searches to do when you "
                     "are online.")
    else:
        steps.append("The kit is working offline: read what it knows above, and write down the searches to do when "
                     "you are online.")
    if entry is None:
        steps.append("The set's dossier has nothing on this: ask the three questions yourself." if has_dossier else
                     "This article set has no dossier: ask the three questions yourself.")
    steps += [f"{question} {' '.join(how)}" for question, how in LATERAL_QUESTIONS]
    if not has_dossier:
        steps.append("To keep what you find for next time: " + " ".join(BUILD_STEPS))
    return tuple(steps)

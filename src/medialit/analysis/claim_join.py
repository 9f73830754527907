"""Claims of a set whose hand-checked claim map covers only some of its articles: a new article (pasted
in, or a teacher's) beside the kit's own. The map gives the claims of the articles it covers, as checked
by hand; the new articles' sentences are matched among themselves and then to those claims by shared
words, and say so (``Claim.automatic``). The map's own articles keep their hand-checked claims.
"""
from __future__ import annotations

import math
from collections import Counter

from .claims import Claim, ClaimMapError, in_order, similarity_of, automatic_note, content_stems, map_claims, match_claims


def _passages(claim: Claim) -> list[set[str]]:
    return [content_stems(span.text) for spans in claim.members.values() for span in spans]


def join_new_articles(articles, claim_map: dict, *, threshold: float = 0.2, min_shared: int = 3) -> list[Claim]:
    """The map's claims for the articles it covers, with the other articles' sentences joined to them by
    shared words (at most one group of sentences per claim, most similar first); a sentence that joins
    none is a claim of its own. Raises :class:`ClaimMapError` when the map covers none of the articles,
    or all of them, or no longer fits their texts.

    >>> from medialit import Article, load_articles
    >>> from medialit.analysis.claims import find_claim_map
    >>> seed = load_articles()
    >>> new = Article.from_text("Lukashenko speaks\\n\\nBelarus would only join Russia's war if attacked by "
    ...                         "Ukraine, even by a single soldier, Lukashenko said on Thursday.")
    >>> claims = join_new_articles([new, *seed], find_claim_map(seed))
    >>> [(c.origin, c.automatic) for c in claims if c.automatic]
    [('hand-checked', ['pasted'])]
    """
    articles = list(articles)
    covered = set(claim_map.get("articles", []))
    known = [a for a in articles if a.id in covered]
    new = [a for a in articles if a.id not in covered]
    if not known or not new:
        raise ClaimMapError("the claim map covers none of these articles, or all of them")
    hand = map_claims(known, claim_map)
    groups = match_claims(new, threshold=threshold, min_shared=min_shared, note=False)
    # passage against passage, as sentences are matched: a claim's best passage decides
    hand_passages = [_passages(c) for c in hand]
    group_passages = [_passages(g) for g in groups]
    every = [p for ps in hand_passages + group_passages for p in ps]
    df = Counter(t for stems in every for t in stems)
    idf = {t: math.log((len(every) + 1) / (c + 0.5)) for t, c in df.items()}
    pairs = sorted(((max(similarity_of(g, h, idf) for g in gps for h in hps if len(g & h) >= min_shared), gi, hi)
                    for gi, gps in enumerate(group_passages) for hi, hps in enumerate(hand_passages)
                    if any(len(g & h) >= min_shared for g in gps for h in hps)), reverse=True)
    joined_groups, joined_claims = set(), set()
    for similarity, gi, hi in pairs:
        if similarity < threshold or gi in joined_groups or hi in joined_claims:
            continue
        joined_groups.add(gi)
        joined_claims.add(hi)
        claim, group = hand[hi], groups[gi]
        claim.members.update(group.members)
        claim.automatic = list(group.members)
        claim.note = (claim.note + " " if claim.note else "") + (
            f"{', '.join(group.members)}: matched to this claim automatically by shared words, not checked by a person.")
    rest = [g for gi, g in enumerate(groups) if gi not in joined_groups]
    for group in rest:
        group.note = automatic_note()
    return in_order(hand + rest, [a.id for a in articles])

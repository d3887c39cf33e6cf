"""Site furniture: sentences that are a web page's notices rather than an article's text.

A scraper that meets a cookie wall, a captcha, a paywall or an ad-blocker notice returns that
notice as the "article". Comparing it with anything says nothing about the story, so the scorer
needs to know how much of a text is such notices. Each sentence is compared, in the encoder's
multilingual space, with a few notices written here in English (the encoder matches them in the
other languages); the share of sentences close to one of them is the article's ``furniture``.
"""

from __future__ import annotations

import contextlib

import numpy as np

from samestory.embed.base import Encoder

# Generic kinds of web furniture, written for this purpose (not taken from any data set).
NOTICES = (
    "Please enable cookies in your browser to use this website.",
    "We use cookies to improve your experience on our site and to show you relevant advertising.",
    "Please enable JavaScript to view this page.",
    "Disable your ad blocker or add an exception for our site to continue reading.",
    "We have detected unusual traffic from your IP address. Please confirm that you are not a robot.",
    "Subscribe now to read the full article.",
    "Register for free to access the archive.",
    "This content is available to subscribers only. Log in or create an account.",
    "Sorry, the page you are looking for cannot be found.",
    "Sign in to your account to continue.",
    "By continuing you accept our terms of use and privacy policy.",
    "Sorry, this service is temporarily unavailable. Please try again later.",
    "Share this article on Facebook, Twitter and WhatsApp.",
    "Contact us if you find an error in this article.",
    "Support our website with a donation.",
)
# The cosine above which a sentence counts as a notice, per encoder; an encoder without one
# (the lexical hashing encoder) gives no furniture share. 0.4 for USE: sentences of news
# articles rarely reach it (docs/scorer.md)
THRESHOLDS = {"use": 0.4}
_ATTRIBUTE = "_samestory_notice_vectors"


def notice_vectors(encoder: Encoder) -> np.ndarray | None:
    """The notices' vectors under ``encoder``, or ``None`` where it has no threshold. They are
    computed once per encoder object and kept on it."""
    if encoder.name not in THRESHOLDS:
        return None
    vectors = getattr(encoder, _ATTRIBUTE, None)
    if vectors is None:
        vectors = encoder.encode(list(NOTICES))
        # an encoder with __slots__ cannot keep them: it encodes the 15 notices again next time
        with contextlib.suppress(AttributeError):
            setattr(encoder, _ATTRIBUTE, vectors)
    return vectors


def furniture_share(sentences: np.ndarray, notices: np.ndarray, threshold: float) -> float:
    """The share of sentence vectors within ``threshold`` cosine of a notice (unit vectors)."""
    if not len(sentences):
        return 0.0
    return float(((sentences @ notices.T).max(axis=1) > threshold).mean())

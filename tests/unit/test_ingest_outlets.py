"""Outlet names from URLs."""

from __future__ import annotations

import pytest

from samestory.ingest.outlets import known_outlet, outlet_from_url, registrable_domain


@pytest.mark.parametrize(
    "url,name",
    [
        ("https://www.themoscowtimes.com/2020/10/09/x-a71700", "The Moscow Times"),
        ("https://www.reuters.com/world/europe/x", "Reuters"),
        ("https://uk.reuters.com/article/x", "Reuters"),
        ("https://news.bbc.co.uk/2/hi/x.stm", "BBC"),
        ("https://www.bbc.com/news/world-1", "BBC"),
        ("https://www.nytimes.com/2020/10/09/world/x.html", "The New York Times"),
        ("https://amp.theguardian.com/world/x", "The Guardian"),
        ("https://m.spiegel.de/politik/x", "Der Spiegel"),
        ("https://www.lemonde.fr/international/x", "Le Monde"),
        ("https://www.pv-magazine.com/2021/x", "pv magazine"),
        ("https://pv-magazine-usa.com/2021/x", "pv magazine"),
        ("https://www.pv-magazine-australia.com/x", "pv magazine"),
        ("https://www.pv-magazine.de/x", "pv magazine"),
        ("https://www.aa.com.tr/en/energy/x", "Anadolu Agency"),
        ("https://timesofindia.indiatimes.com/x", "The Times of India"),
        ("www.smh.com.au/national/x", "The Sydney Morning Herald"),
        ("https://observerbd.com/news.php?id=1", "observerbd.com"),
        ("https://www.observerbd.com/news.php?id=1", "observerbd.com"),
        ("https://news.example.com.bd/a", "example.com.bd"),
        ("https://blog.someone.co.uk/post", "someone.co.uk"),
        ("http://localhost:8000/x", "localhost"),
    ],
)
def test_outlet_from_url(url, name):
    assert outlet_from_url(url) == name


@pytest.mark.parametrize("url", [None, "", "   ", "https://", "not a url at all"])
def test_no_host(url):
    assert outlet_from_url(url) is None or " " not in outlet_from_url(url)


def test_known_outlet_has_no_fallback():
    assert known_outlet("https://www.reuters.com/x") == "Reuters"
    assert known_outlet("https://observerbd.com/x") is None


def test_registrable_domain():
    assert registrable_domain("a.b.example.co.uk") == "example.co.uk"
    assert registrable_domain("edition.cnn.com") == "cnn.com"
    assert registrable_domain("192.168.0.1") == "192.168.0.1"

"""ingest stage: read articles from plain-text scrapes, HTML pages, JSON Lines and CSV files.

``read_file`` reads one article, ``iter_articles`` any number of files, directories and globs
(bad inputs become ``Rejected`` records and reading goes on); ``read_text``/``read_bytes`` read
content that did not come from a file. Plain text is cleaned: headline, byline, dates, dateline,
captions, embeds, credits and site furniture become metadata and ``Article.removed`` spans.
"""

from samestory.ingest.article import Article, Rejected, Removed, Segment, content_id
from samestory.ingest.outlets import outlet_from_url
from samestory.ingest.reader import iter_articles, read_bytes, read_file, read_text

__all__ = [
    "Article",
    "Rejected",
    "Removed",
    "Segment",
    "content_id",
    "iter_articles",
    "outlet_from_url",
    "read_bytes",
    "read_file",
    "read_text",
]

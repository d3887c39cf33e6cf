"""stories stage: which articles tell the same story, online as they arrive or in batch."""

from samestory.stories.base import Clusterer, clusterers, make_clusterer
from samestory.stories.features import ArticleFeatures, DocumentFrequencies, FeatureExtractor

__all__ = ["ArticleFeatures", "Clusterer", "DocumentFrequencies", "FeatureExtractor", "clusterers", "make_clusterer"]

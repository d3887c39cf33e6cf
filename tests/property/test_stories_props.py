"""Properties of story clustering: a function of its input, stable labels, one story per article."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samestory.config import StoriesConfig
from samestory.stories import FeatureExtractor, make_clusterer
from samestory.stories.online import OnlineClusterer

WORDS = "quake rescue rubble vote ballot coalition solar tariff module goal league coach said the of".split()

records = st.lists(
    st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
        st.lists(st.sampled_from(WORDS), min_size=0, max_size=30),
        st.one_of(st.none(), st.integers(1, 20)),
    ),
    min_size=1,
    max_size=25,
)


def feats(recs, cfg):
    rows = [
        {"id": f"a{k}", "title": " ".join(t), "text": " ".join(x), "published": f"2024-03-{d:02d}" if d else None}
        for k, (t, x, d) in enumerate(recs)
    ]
    return FeatureExtractor(cfg).extract(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records, st.sampled_from(["online", "batch"]), st.sampled_from([0.05, 0.2, 0.5]))
def test_labels_are_a_function_of_the_input_and_name_a_member(recs, mode, threshold):
    cfg = StoriesConfig(mode=mode, threshold=threshold, window_days=3)
    f = feats(recs, cfg)
    a = make_clusterer(cfg).cluster(f)
    b = make_clusterer(cfg).cluster(feats(recs, cfg))
    assert a == b
    assert len(a) == len(f)  # every article assigned once
    ids = [x.id for x in f]
    for k, lab in enumerate(a):
        # a story's label is the id of its first article, which is in the story itself
        first = ids.index(lab)
        assert first <= k and a[first] == lab


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records, st.integers(0, 25))
def test_online_labels_of_a_prefix_only_change_by_merges(recs, cut):
    cfg = StoriesConfig(threshold=0.2, window_days=3)
    f = feats(recs, cfg)
    cut = min(cut, len(f))
    c = OnlineClusterer(config=cfg)
    for x in f[:cut]:
        c.add(x)
    before = c.labels()
    for x in f[cut:]:
        c.add(x)
    after = c.labels()[:cut]
    # later articles can only merge stories: articles together before stay together
    for i in range(cut):
        for j in range(cut):
            if before[i] == before[j]:
                assert after[i] == after[j]
    # and stories that did not merge keep their labels
    merged = {lab for lab, new in zip(before, after) if lab != new}
    assert all(b == a for b, a in zip(before, after) if b not in merged)


graphs = st.integers(2, 30).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from([0.05, 0.1, 0.2, 0.3, 0.5, 0.9])),
            max_size=3 * n,
        ),
        st.sampled_from([0.1, 0.2, 0.3, 0.5]),
    )
)


@settings(max_examples=300, deadline=None)
@given(graphs)
def test_average_link_by_component_is_average_link(graph):
    # the engines merge component by component; that must be exactly the global merge order's result
    import numpy as np

    from samestory.stories.batch import average_link, average_link_by_component, link_components

    n, edges, threshold = graph
    pairs = {}
    for i, j, s in edges:
        if i != j:
            pairs.setdefault((min(i, j), max(i, j)), s)  # each pair once, as knn_edges gives it
    keys = sorted(pairs)
    a = np.array([k[0] for k in keys], np.int64)
    b = np.array([k[1] for k in keys], np.int64)
    sim = np.array([pairs[k] for k in keys], np.float64)
    assert average_link_by_component(n, a, b, sim, threshold) == average_link(n, a, b, sim, threshold)
    # and the components cover every edge that can cause a merge, each in one component
    inside = sum(len(c.a) for c in link_components(n, a, b, sim, threshold))
    assert inside <= len(a)
    assert all(np.all(np.diff(c.nodes) > 0) for c in link_components(n, a, b, sim, threshold))

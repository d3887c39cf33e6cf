-- Named store-level blobs: state a pass keeps between runs (an online clusterer, document
-- frequencies), written in the same transaction as the rows it belongs with.

CREATE TABLE blobs (
    name TEXT PRIMARY KEY,
    data BYTEA NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

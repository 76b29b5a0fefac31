-- The Merkle tree over the global log (RFC 9162 hashing, docs/transparency.md) and the
-- signed checkpoints of it. Append-only for the application, like the events they vouch for.

-- Every complete, aligned subtree: (level, idx) covers the leaves
-- [idx * 2^level, (idx + 1) * 2^level). Level 0 holds the leaf hashes (leaf idx = the
-- event at position idx + 1), so the tree's size is the number of level-0 rows. Any
-- root or proof reads O(log n) of these rows.
CREATE TABLE merkle_nodes (
    level smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
    idx bigint NOT NULL CHECK (idx >= 0),
    hash bytea NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
);

GRANT SELECT, INSERT ON merkle_nodes TO {{app_role}};
REVOKE UPDATE, DELETE, TRUNCATE ON merkle_nodes FROM {{app_role}};

-- Signed tree heads, in the C2SP checkpoint format (the whole signed note is kept).
CREATE TABLE transparency_checkpoints (
    tree_size bigint PRIMARY KEY CHECK (tree_size >= 1),
    root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
    key_name text NOT NULL,
    key_id bigint NOT NULL,
    note text NOT NULL,
    signed_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT ON transparency_checkpoints TO {{app_role}};
REVOKE UPDATE, DELETE, TRUNCATE ON transparency_checkpoints FROM {{app_role}};

"""Transparency: the Merkle tree over the global log, its leaves and its checkpoints."""

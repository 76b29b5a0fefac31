"""Transparency use cases: proofs over the Merkle tree, checkpoints, checking the log against one"""

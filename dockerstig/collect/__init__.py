"""Collectors: read-only ways to gather the facts of a cluster into a snapshot."""

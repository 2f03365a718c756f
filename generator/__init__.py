"""Peer Recovery Navigator: YAML registries of Massachusetts peer recovery resources -> static site."""

"""The review workbench: `tacitus serve` — a JSON API and server-rendered pages over the store.

A thin layer: every rule (roles, corrections, compare-and-set, audit) lives in tacitus.store.review and
tacitus.store.users, so scripts using the library and people using the browser get the same behaviour.
"""

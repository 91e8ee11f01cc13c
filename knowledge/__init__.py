"""kwalibot's knowledge base: mbo qualification dossiers as structured, cited data.

Reads the dossiers under `knowledge/sources/` (one parser per source format),
builds a database (SQLAlchemy; SQLite by default) and answers queries with plain
Python objects. Knows nothing of Rasa.
"""

"""The campaign's own pages, from editors' data files (no MkDocs here).

- ``data``       load every campaign data file under ``docs/_data/`` (one call for the check).
- ``tracker``    progress snapshots of the communication plan (``_data/tien-do/*.yml``).
- ``plan``       the communication plan per channel, matched against published articles.
- ``documents``  the resolution's documents (``_data/van-ban.yml``).
- ``related``    which public articles belong to a tag (related news, section feeds).
- ``render``     HTML for the pages; ``blocks`` finds the page markers the adapter fills.
"""

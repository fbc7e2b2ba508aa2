"""Campaign microsite generator for Vietnamese government communication.

Package map (one module, one job):

- ``text``        Vietnamese text: NFC, legacy encodings, slugs, press-style dates/numbers.
- ``content``     the content model (articles), front-matter parsing and validation.
- ``markdown``    small Python-Markdown extensions (ASCII heading ids, ...).
- ``assets``      self-hosted web fonts.
- ``validation``  body checks: raw HTML safe list, editors' ids, links, images, impossible dates.
- ``deploy``      atomic publication of a built site (releases + ``current`` symlink).
- ``adapter``     the only place that knows MkDocs: plugin events and the build runner.
- ``cli``         the ``microsite`` command editors use.
"""

__version__ = "0.1.0"

"""Campaign microsite generator for Vietnamese government communication.

Package map (one module, one job; ARCHITECTURE.md's module map names every module, tests/test_architecture_map.py keeps it so):

- ``text``          Vietnamese text: NFC, legacy encodings, slugs, folding, press-style dates/numbers.
- ``content``       the content model (articles), front matter, data files, the whole-site check.
- ``validation``    body checks: raw HTML safe list, editors' ids, links, images, impossible dates.
- ``markdown``      Python-Markdown extensions (ASCII heading ids, infographic embeds, plain prose).
- ``campaign``      campaign pages from data files: progress tracker, communication plan, documents.
- ``infographics``  infographics and social cards: data files in, channel-ready Pillow images out.
- ``syndication``   partner reuse: feeds, ninjs, republish HTML and radio text, JSON-LD, press kits.
- ``search``        the Vietnamese full-text search index read by the site's ``search.js``.
- ``assets``        self-hosted web fonts.
- ``deploy``        atomic publication of a built site (releases + ``current`` symlink).
- ``project``       ``microsite init``: a new campaign project from answers and templates.
- ``workspace``     the editors' workspace: Decap CMS in the browser, configured from the content model.
- ``theme``         the theme (package data): templates, CSS, JavaScript, default logo.
- ``adapter``       the only place that knows MkDocs: plugin events and the build runner.
- ``cli``           the ``microsite`` command editors use.
- ``config``        ``SiteSettings``: every site-level option in one typed place.
- ``background``    spawned worker processes for independent work beside the build.
- ``forked_loop``   one loop shared by this process and a forked child.
- ``memory``        garbage-collector settings for one long build.
"""

__version__ = "0.1.0"

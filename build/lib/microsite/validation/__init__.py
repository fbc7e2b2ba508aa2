"""Checks on what editors write in the *body* of pages and articles.

Front matter is checked by ``content.articles``; this package looks at the Markdown
body as the site engine will render it (``source``: the engine's Markdown extensions):
links, images, raw HTML and the ids editors give. One module per
rule; ``body.check_body`` runs them all and returns Vietnamese ``Problem``s.
"""

"""Checks on what editors write in the *body* of pages and articles.

Front matter is checked by ``content.articles``; this package looks at the Markdown
body as the site engine will render it: links, images and raw HTML. One module per
rule; ``body.check_body`` runs them all and returns Vietnamese ``Problem``s.
"""

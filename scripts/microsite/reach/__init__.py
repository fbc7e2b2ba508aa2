"""Reach from the site's own access logs: no tracker, no cookie, no address kept.

``logformat`` (the server's line format), ``stream`` (files read day by day), ``count``
(the counts, daily salted visitor hashes), ``referrers`` (where readers came from),
``sitemap`` (what each path is), ``report`` (JSON, CSV, printable HTML with charts),
``run`` (one report, the views file the next build reads), ``duck`` (the same counts by DuckDB).
"""

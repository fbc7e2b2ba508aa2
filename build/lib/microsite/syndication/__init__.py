"""Partner reuse: feeds, ninjs, republish HTML and radio scripts, JSON-LD, press kits.

Core package: it works on ``Entry`` objects (an article plus its rendered HTML and
canonical URL) and never imports MkDocs; ``microsite.adapter.syndication`` feeds it.
"""

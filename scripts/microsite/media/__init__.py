"""Media files editors give the site (photos today): which kinds it publishes, judged by content."""

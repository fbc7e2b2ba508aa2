"""Static assets the site serves itself (no third-party hosts)."""

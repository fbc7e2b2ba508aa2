"""Small Python-Markdown extensions, each registered as one named processor."""

"""The speed layer: every shortcut that replaces or reads private internals of MkDocs,
Material, Python-Markdown or Pillow, declared in one registry (``registry``)."""

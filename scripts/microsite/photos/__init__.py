"""Photos: responsive renditions (WebP + JPEG) made with Pillow, without metadata, cached by content.

The core never imports MkDocs: ``library.PhotoLibrary`` turns a source file into a
``PhotoSet`` (every crop and width, written into a content-addressed cache), and
``markup`` writes the ``<picture>`` that shows one. ``adapter/photos.py`` wires them
into the build (site files, the body treeprocessor, the templates' ``picture`` filter).
"""

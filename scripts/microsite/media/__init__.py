"""Self-hosted video and audio: probing, captions, the player and the podcast feed.

Core package: no MkDocs import (``adapter/media.py`` wires it into the build).
"""

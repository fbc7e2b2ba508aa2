"""Media files editors give the site: which kinds it publishes, judged by content (photos,
video, audio); self-hosted video and audio: probing, captions, the player, the podcast feed.

Core package: no MkDocs import (``adapter/media.py`` wires video and audio into the build).
"""

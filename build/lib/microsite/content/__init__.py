"""The content model: articles and their front matter, loaded and validated without MkDocs."""

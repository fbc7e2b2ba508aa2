"""``microsite init``: a new campaign project (configuration, pages, data, samples) from answers.

``spec`` holds the answers, ``questions`` asks for them in a terminal, ``config_file`` writes
``mkdocs.yml``, ``create`` writes every file from ``templates/`` (package data)."""

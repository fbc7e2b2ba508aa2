"""Material's interface strings looked up once per build instead of on every page.

Material's ``base.html`` imports ``partials/language.html`` for every page, which imports
the language table (a macro holding a dict literal of ~100 strings, rebuilt on every
call) and the English fallback, and then asks it about 26 keys: 4% of rendering a page,
for strings that never change during a build. Our ``language.html`` answers from a
dictionary filled on first use from ``partials/language-table.html`` (the lookup as
it was, with the site's Vietnamese fixes).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

TABLE = "partials/language-table.html"
GLOBAL = "microsite_translate"


class Translations:
    """Per build: the table module, instantiated once, and the answers given so far."""

    def __init__(self) -> None:
        self.strings: dict[str, Markup] = {}
        self._table: Any = None

    def install(self, env: Environment, config: Any) -> None:
        self.strings = {}
        self._table = env.get_template(TABLE).make_module({"config": config})
        env.globals[GLOBAL] = self.translate

    def translate(self, key: str) -> Markup:
        found = self.strings.get(key)
        if found is None:
            found = self.strings[key] = Markup(self._table.t(key))
        return found

"""The only package that imports MkDocs: plugin events and the build runner.

Everything here translates between MkDocs objects and the core (``content``,
``text``, ``assets``...). Moving to another site engine means rewriting this
package, not the core.
"""

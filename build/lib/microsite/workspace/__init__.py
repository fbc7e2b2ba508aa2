"""The editors' workspace: Decap CMS in the browser, configured from the content model.

``cms_config`` generates the CMS configuration from the schemas, ``locale`` completes
Decap's Vietnamese strings, ``status`` tells the admin page what the last check found
and which articles wait for appraisal, ``error_page`` shows a failed check in place of
the preview. The serving lives in the adapter (``adapter/workspace_server.py``).
"""

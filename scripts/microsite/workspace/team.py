"""The workspace of a team: Decap on the team's GitLab or Gitea/Forgejo instead of the
local backend, from the plugin option ``workspace`` in ``mkdocs.yml``.

On GitLab and Forgejo the editorial workflow is on: every article is a merge request
(Decap's "Bản nháp → Chờ duyệt → Sẵn sàng" board), and the protected ``main`` branch is
the gate: only maintainers merge, so only an appraised article reaches the public
build. Gitea's Decap backend has no workflow: saves go straight to the branch, so the
branch must not be ``main`` (the team merges from it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .cms_config import WORKFLOW_BACKENDS, WorkspaceSettings

TEAM_BACKENDS = ("gitlab", "gitea", "forgejo")
PASSED_ON = ("repo", "branch", "base_url", "api_root", "app_id", "auth_endpoint")


def team_backend(options: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """Decap's ``backend`` block and whether the editorial workflow is on."""
    name = str(options.get("backend", ""))
    if name not in TEAM_BACKENDS:
        raise ValueError(f"workspace.backend phải là một trong: {', '.join(TEAM_BACKENDS)} (đang là \"{name}\").")
    for key in ("repo", "base_url", "app_id"):
        if not options.get(key):
            raise ValueError(f"workspace.{key} chưa có: cần cho backend {name} (xem guides/workspace.md).")
    backend: dict[str, Any] = {"name": name, "branch": "main"}
    backend.update({k: str(options[k]) for k in PASSED_ON if options.get(k)})
    if name == "gitlab":
        backend["auth_type"] = "pkce"  # no secret in the page: PKCE with the OAuth application's id
        backend.setdefault("api_root", backend["base_url"].rstrip("/") + "/api/v4")
    else:
        backend.setdefault("api_root", backend["base_url"].rstrip("/") + "/api/v1")
    workflow = name in WORKFLOW_BACKENDS
    if not workflow and backend["branch"] == "main":
        raise ValueError(f"Backend {name} lưu thẳng vào nhánh: đặt workspace.branch khác main "
                         "(ví dụ bien-tap) và để nhánh main được bảo vệ.")
    return backend, workflow


def team_settings(base: WorkspaceSettings, options: Mapping[str, Any]) -> WorkspaceSettings:
    backend, workflow = team_backend(options)
    return replace(base, backend=backend, editorial_workflow=workflow)

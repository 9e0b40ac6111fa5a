"""Who may do what: the four roles of a team database, declared once.

The service layer, the command line and (later) the window read this table; on
PostgreSQL the same roles become group roles with GRANTs, so the server enforces what
this table says (``partnerdesk_viewer`` … ``partnerdesk_admin``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    APPROVER = "approver"
    ADMIN = "admin"


class Ability(StrEnum):
    READ = "read"  # lists, history, exports, reports
    EDIT = "edit"  # create and change partners and agreements
    APPROVE = "approve"  # approve or reject an agreement waiting for approval
    ADMINISTER = "administer"  # people, settings, FX rates, deleting


@dataclass(frozen=True, slots=True)
class RoleSpec:
    role: Role
    label: str
    label_zh: str
    abilities: frozenset[Ability]

    def label_for(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label


_READ = frozenset({Ability.READ})
_EDIT = _READ | {Ability.EDIT}
_APPROVE = _EDIT | {Ability.APPROVE}

ROLES: dict[Role, RoleSpec] = {
    Role.VIEWER: RoleSpec(Role.VIEWER, "Viewer", "查看者", _READ),
    Role.EDITOR: RoleSpec(Role.EDITOR, "Editor", "编辑者", _EDIT),
    Role.APPROVER: RoleSpec(Role.APPROVER, "Approver", "审批人", _APPROVE),
    Role.ADMIN: RoleSpec(Role.ADMIN, "Admin", "管理员", _APPROVE | {Ability.ADMINISTER}),
}


def may(role: Role, ability: Ability) -> bool:
    return ability in ROLES[role].abilities


# A person who owns agreements today (migrated from the free-text owners) edits them.
OWNER_ROLE = Role.EDITOR

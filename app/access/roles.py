"""Who may see what, without Streamlit: is login configured, and which role a logged-in user has.

Login is Streamlit's own OpenID Connect (`st.login`), configured in the `[auth]` section of the secrets file
(ingestion.paths.secrets_file). Roles come from a small TOML file (ingestion.paths.roles_file):

    [analyst]             # also the SQL console and its downloads (GL postings among them)
    users = ["analyytikko@kunta.fi"]
    groups = ["<Entra ID group object id>"]

    [viewer]              # the pages and questions
    users = ["johtaja@kunta.fi"]
    groups = []

A user is matched on the `email` and `preferred_username` claims (compared in lower case), a group on the values of
the `groups` claim. Analyst wins over viewer; someone in neither gets nothing.
"""

from __future__ import annotations

import functools
import ipaddress
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

VIEWER = "viewer"
ANALYST = "analyst"
ROLES = (VIEWER, ANALYST)  # lowest first

# what st.login needs for the default provider (`[auth]` without a provider sub-section)
_AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
_USER_CLAIMS = ("email", "preferred_username")


class AccessConfigError(ValueError):
    """The login settings or the roles file are unusable; the message names the file and what is wrong."""


def is_loopback(address: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def _read_toml(path: Path) -> dict:
    """The file parsed once per version: every page run asks who the visitor is several times (gate, require, the
    audit log), and an edited file still counts from the next run on."""
    try:
        stat = path.stat()
        return _parsed(str(path), stat.st_mtime_ns, stat.st_size)
    except tomllib.TOMLDecodeError as exc:
        raise AccessConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise AccessConfigError(f"{path}: cannot read: {exc.strerror}") from None


@functools.lru_cache(maxsize=16)
def _parsed(path: str, mtime_ns: int, size: int) -> dict:
    # mtime and size are part of the cache key only
    with open(path, "rb") as f:
        return tomllib.load(f)


def login_wanted(secrets: Path) -> bool:
    """The secrets file has an `[auth]` section: every visitor must log in (even on loopback)."""
    return secrets.is_file() and "auth" in _read_toml(secrets)


def check_login(secrets: Path, roles: Path) -> None:
    """Raise AccessConfigError unless login is fully configured: `[auth]` with every setting st.login needs and a
    roles file that names at least one user or group."""
    if not secrets.is_file():
        raise AccessConfigError(f"{secrets}: no secrets file, so no login is configured (see docs/explorer.md)")
    auth = _read_toml(secrets).get("auth")
    if not isinstance(auth, dict):
        raise AccessConfigError(f"{secrets}: no [auth] section, so no login is configured (see docs/explorer.md)")
    missing = [k for k in _AUTH_KEYS if not auth.get(k)]
    if missing:
        raise AccessConfigError(f"{secrets}: [auth] lacks {', '.join(missing)}")
    if not str(auth["redirect_uri"]).endswith("/oauth2callback"):
        raise AccessConfigError(f"{secrets}: [auth] redirect_uri must end with /oauth2callback")
    if not load_roles(roles).anyone():
        raise AccessConfigError(f"{roles}: names no user or group, so nobody could use the explorer")


@dataclass(frozen=True)
class Roles:
    users: Mapping[str, str]  # lower-case user -> role
    groups: Mapping[str, str]  # group -> role

    def anyone(self) -> bool:
        return bool(self.users or self.groups)

    def role_of(self, claims: Mapping[str, object]) -> str | None:
        """The highest role the identity token's claims give, or None."""
        found = set()
        for claim in _USER_CLAIMS:
            value = claims.get(claim)
            if isinstance(value, str) and value.lower() in self.users:
                found.add(self.users[value.lower()])
        groups = claims.get("groups")
        for group in groups if isinstance(groups, list) else []:
            if isinstance(group, str) and group in self.groups:
                found.add(self.groups[group])
        return max(found, key=ROLES.index) if found else None


def load_roles(path: Path) -> Roles:
    """Read the roles file; AccessConfigError names the file and the entry that is wrong."""
    if not path.is_file():
        raise AccessConfigError(f"{path}: no roles file (see docs/explorer.md)")
    data = _read_toml(path)
    unknown = set(data) - set(ROLES)
    if unknown:
        raise AccessConfigError(f"{path}: unknown role(s) {', '.join(sorted(unknown))}; roles are {', '.join(ROLES)}")
    users: dict[str, str] = {}
    groups: dict[str, str] = {}
    for role in ROLES:  # analyst last, so it wins over viewer
        section = data.get(role, {})
        if not isinstance(section, dict):
            raise AccessConfigError(f"{path}: [{role}] must be a table with users = [...] and groups = [...]")
        extra = set(section) - {"users", "groups"}
        if extra:
            raise AccessConfigError(f"{path}: [{role}] has unknown key(s) {', '.join(sorted(extra))}")
        for key, into, fold in (("users", users, str.lower), ("groups", groups, str)):
            names = section.get(key, [])
            if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
                raise AccessConfigError(f"{path}: [{role}] {key} must be a list of non-empty strings")
            into.update({fold(n.strip()): role for n in names})
    return Roles(users, groups)

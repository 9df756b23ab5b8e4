"""Secrets of the desk (the sync token, the backup passphrase): in the OS keyring where one exists.

With a keyring (Windows Credential Manager, macOS Keychain, the Secret Service of a Linux
desktop) the settings row only holds a marker and the secret lives in the keyring under the
desk file's path. Without one (a bare server, CI: ``keyring`` reports its "fail" backend) the
secret stays in the settings table of the desk file, which is created readable by its owner only
(``Database`` makes it 0600). Secrets are never taken from the command line: ``ps`` and the
shell history would show them.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from sqlalchemy.orm import Session

from . import settings

log = logging.getLogger(__name__)

KEYRING_MARK = "@keyring"
KEYRING_SERVICE = "mot-cua-counter"
NO_KEYRING_ENV = "COUNTER_APP_NO_KEYRING"  # set to use the file even where a keyring exists


def _keyring() -> Any | None:
    if os.environ.get(NO_KEYRING_ENV):
        return None
    try:
        import keyring
        from keyring.backends import chainer, fail
    except Exception:  # noqa: BLE001 - no keyring package: the file it is
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
        return None
    if isinstance(backend, fail.Keyring) or (isinstance(backend, chainer.ChainerBackend) and not backend.backends):
        return None
    return backend


def keyring_available() -> bool:
    return _keyring() is not None


def _name(session: Session, key: str) -> str:
    return f"{key}@{session.get_bind().engine.url.database}"


def put(session: Session, key: str, value: str) -> None:
    backend = _keyring() if value else None
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, _name(session, key), value)
            settings.put(session, key, KEYRING_MARK)
            return
        except Exception as exc:  # noqa: BLE001 - a locked or broken keyring: keep it in the file
            log.warning("keyring unusable (%s): the secret stays in the desk file", exc)
    settings.put(session, key, value)


def get(session: Session, key: str) -> str:
    value = settings.get(session, key, "") or ""
    if value != KEYRING_MARK:
        return value
    backend = _keyring()
    if backend is None:
        return ""
    try:
        return backend.get_password(KEYRING_SERVICE, _name(session, key)) or ""
    except Exception as exc:  # noqa: BLE001
        log.warning("keyring unreadable (%s)", exc)
        return ""


def is_set(session: Session, key: str) -> bool:
    """Whether a secret is stored, without asking the keyring for it."""
    return bool(settings.get(session, key, "") or "")

"""Staff passwords hashed with scrypt (``hashlib``, memory-hard, no extra dependency).

Stored as ``scrypt$n$r$p$salt_hex$hash_hex`` so the cost can be raised later without
breaking old hashes: ``verify`` reads the parameters from the stored string.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1  # 16 MiB per hash: slow to brute-force, quick enough for a login
MIN_LENGTH = 8
MAX_LENGTH = 256


def hash_password(password: str) -> str:
    """A new salted scrypt hash of ``password``."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (constant-time compare; False when malformed)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode("utf-8")[: MAX_LENGTH * 4],
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(digest) // 2,
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def password_problem(password: str) -> str | None:
    """Why ``password`` cannot be used (a text key of ``console.password_*``), else None."""
    if len(password) < MIN_LENGTH:
        return "console.password_short"
    if len(password) > MAX_LENGTH:
        return "console.password_long"
    return None

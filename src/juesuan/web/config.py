"""Settings of ``juesuan serve``: where things are kept, who may log in, the limits.

Accounts and API keys come from a TOML file (``juesuan serve --config FILE`` or
``$JUESUAN_WEB_CONFIG``)::

    secret_key = "…"                # signs the session cookies (else kept in the data dir)
    max_file_mb = 50                # largest file accepted in an upload
    max_files = 20                  # files in one upload

    [[account]]
    name = "zhang"
    role = "reviewer"               # reviewer or admin
    password = "pbkdf2_sha256$600000$…$…"   # juesuan serve --hash-password

    [[api_key]]
    name = "batch"
    role = "admin"
    sha256 = "…"                    # juesuan serve --new-api-key (the key itself is shown once)

Bound to a loopback address with neither accounts nor keys, the server runs without login
(everyone local acts as an admin); bound to any other address it refuses to start without
them (:func:`check_bind`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.errors import JuesuanError

ROLES = {"reviewer": "审核人", "admin": "管理员"}
#: Iterations of PBKDF2-SHA256 for new password hashes (OWASP's 2023 figure).
PBKDF2_ITERATIONS = 600_000
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


class ConfigError(JuesuanError):
    """The server's configuration is missing or wrong; it does not start (exit code 2)."""

    exit_code = 2


@dataclass(slots=True, frozen=True)
class Account:
    name: str
    role: str
    password_hash: str


@dataclass(slots=True, frozen=True)
class ApiKey:
    name: str
    role: str
    sha256: str


@dataclass(slots=True)
class WebSettings:
    """Everything the app needs; built by :func:`load_settings` (or directly in tests)."""

    data_dir: Path
    db_url: str | None = None
    host: str = "127.0.0.1"
    accounts: dict[str, Account] = field(default_factory=dict)
    api_keys: list[ApiKey] = field(default_factory=list)
    secret_key: bytes = b""
    max_file_bytes: int = 50 * 1024 * 1024
    max_files: int = 20
    workers: int = 1
    executor: str = "process"  # process or thread (tests)
    session_hours: int = 12

    @property
    def open_access(self) -> bool:
        """No login at all: no accounts and no keys (allowed on loopback only)."""
        return not self.accounts and not self.api_keys

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def max_request_bytes(self) -> int:
        """The largest request body: every file at its limit, and a little for the form."""
        return self.max_file_bytes * self.max_files + 1024 * 1024

    def find_api_key(self, key: str) -> ApiKey | None:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        found = None
        for k in self.api_keys:
            if hmac.compare_digest(k.sha256, digest):
                found = k
        return found


def is_loopback(host: str) -> bool:
    name = host.strip().strip("[]")
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(settings: WebSettings) -> None:
    """Refuse to serve beyond loopback without accounts or API keys."""
    if settings.open_access and not is_loopback(settings.host):
        raise ConfigError(
            f"绑定到 {settings.host} 时必须配置账号或 API 密钥（--config 或 $JUESUAN_WEB_CONFIG，"
            "见 README“网页服务”一节）；不配置时只能绑定本机地址 127.0.0.1"
        )


# --- passwords and keys ------------------------------------------------------------------


def hash_password(password: str, *, iterations: int = PBKDF2_ITERATIONS) -> str:
    """``pbkdf2_sha256$iterations$salt$hash`` (hex), for the config file."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        method, iterations, salt, digest = stored.split("$")
        if method != "pbkdf2_sha256":
            return False
        actual = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations)
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual.hex(), digest)


def new_api_key() -> tuple[str, str]:
    """A new random key and its SHA-256 (the config file keeps only the hash)."""
    key = "js_" + secrets.token_urlsafe(32)
    return key, hashlib.sha256(key.encode("utf-8")).hexdigest()


# --- loading -----------------------------------------------------------------------------


def _role(value: Any, where: str) -> str:
    role = str(value or "reviewer").strip()
    if role not in ROLES:
        raise ConfigError(f"{where} 的角色只能是 reviewer 或 admin，不是“{role}”")
    return role


def _parse(data: dict[str, Any], source: str) -> dict[str, Any]:
    out: dict[str, Any] = {"accounts": {}, "api_keys": []}
    for i, entry in enumerate(data.get("account", []), start=1):
        where = f"{source} 第 {i} 个 [[account]]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} 格式有误")
        name = str(entry.get("name", "")).strip()
        password = str(entry.get("password", "")).strip()
        if not name or not password:
            raise ConfigError(f"{where} 须有 name 和 password（用 juesuan serve --hash-password）")
        if not password.startswith("pbkdf2_sha256$") or password.count("$") != 3:
            raise ConfigError(
                f"{where}（{name}）的 password 须是 juesuan serve --hash-password 输出的散列值，"
                "不能写明文密码"
            )
        out["accounts"][name] = Account(name, _role(entry.get("role"), where), password)
    for i, entry in enumerate(data.get("api_key", []), start=1):
        where = f"{source} 第 {i} 个 [[api_key]]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} 格式有误")
        digest = str(entry.get("sha256", "")).strip().lower()
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ConfigError(
                f"{where} 的 sha256 须是 64 位十六进制（juesuan serve --new-api-key）"
            )
        name = str(entry.get("name", "")).strip() or f"key{i}"
        out["api_keys"].append(ApiKey(name, _role(entry.get("role"), where), digest))
    if "secret_key" in data:
        secret = str(data["secret_key"])
        if len(secret) < 16:
            raise ConfigError(f"{source} 的 secret_key 太短（至少 16 个字符）")
        out["secret_key"] = secret.encode("utf-8")
    for key, attr in (("max_file_mb", "max_file_bytes"), ("max_files", "max_files")):
        if key in data:
            value = data[key]
            if not isinstance(value, int) or value < 1:
                raise ConfigError(f"{source} 的 {key} 须是正整数")
            out[attr] = value * 1024 * 1024 if key == "max_file_mb" else value
    return out


def read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"找不到网页服务配置文件：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取网页服务配置文件 {path}：{exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"网页服务配置文件 {path} 不是有效的 TOML：{exc}") from None
    return _parse(data, str(path))


def _secret(data_dir: Path) -> bytes:
    """The session-signing key kept in the data directory (made on first start, mode 600)."""
    path = data_dir / "web-secret"
    try:
        if path.is_file():
            value = path.read_bytes().strip()
            if len(value) >= 32:
                return value
        data_dir.mkdir(parents=True, exist_ok=True)
        value = secrets.token_hex(32).encode("ascii")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(value)
        return value
    except OSError as exc:
        raise ConfigError(f"无法在数据目录 {data_dir} 保存会话密钥：{exc.strerror}") from None


def load_settings(
    *,
    host: str,
    db_url: str | None,
    data_dir: Path | None,
    config: Path | None,
    workers: int = 1,
) -> WebSettings:
    """Settings from the command line, the config file and the environment."""
    from juesuan.store import data_dir as default_data_dir

    folder = (data_dir or default_data_dir()).expanduser().resolve()
    path = config or (
        Path(os.environ["JUESUAN_WEB_CONFIG"]) if os.environ.get("JUESUAN_WEB_CONFIG") else None
    )
    values = read_config(path) if path is not None else {}
    settings = WebSettings(data_dir=folder, db_url=db_url, host=host, workers=max(workers, 1))
    for key, value in values.items():
        setattr(settings, key, value)
    check_bind(settings)
    if not settings.secret_key:
        settings.secret_key = _secret(folder)
    return settings

"""Errors the user can cause, each with a one-line Chinese message and a documented exit code.

Exit codes (also in README.md):

====  =====================================================================
0     success (``check``: no error-level finding)
1     ``check`` found at least one error-level finding
2     usage error (unknown option, missing argument)
3     file not found or not a regular file
4     unsupported file type, or a readable file that is not a final-account disclosure
5     file is empty, corrupt or not what its extension says
6     file is encrypted / password protected
7     PDF has no text layer (scanned image); OCR is not supported yet
8     file too large
9     ``generate``: the data (workbook or JSON) is incomplete or inconsistent, or the
      generated disclosure fails the checks (error-level findings, without ``--force``)
10    the store (database of ``ingest`` / ``corpus``) cannot be opened or written, or a unit,
      document or finding named in a ``corpus`` command is not in it
====  =====================================================================
"""

from __future__ import annotations


class JuesuanError(Exception):
    """Base of all errors reported to the user without a traceback."""

    exit_code = 5

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FileMissingError(JuesuanError):
    exit_code = 3


class UnsupportedFormatError(JuesuanError):
    exit_code = 4


class CorruptFileError(JuesuanError):
    exit_code = 5


class EncryptedFileError(JuesuanError):
    exit_code = 6


class ScannedPdfError(JuesuanError):
    exit_code = 7


class FileTooLargeError(JuesuanError):
    exit_code = 8


class OutputError(JuesuanError):
    """An output cannot be written, or writing it would overwrite an input file."""

    exit_code = 3


class MismatchError(JuesuanError):
    """Two inputs that must be the same document are not (e.g. findings and the PDF to mark)."""

    exit_code = 5


class DataError(JuesuanError):
    """The data given to ``generate`` is malformed or inconsistent (message names sheet and
    cell for a workbook, the JSON path for a JSON file)."""

    exit_code = 9


class NotADisclosureError(JuesuanError):
    """The file reads, but holds no year, no standard table and no explanation section."""

    exit_code = 4


class StoreError(JuesuanError):
    """The store (database) cannot be opened, reached or written, or an object named in a
    ``corpus`` command is not in it."""

    exit_code = 10


#: Chinese for the operating-system errors a user meets when reading or writing files.
_OS_ERRORS = {
    "ENOENT": "文件或文件夹不存在",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一项不是文件夹",
    "ENOSPC": "磁盘空间不足",
    "EROFS": "只读的文件系统",
    "EEXIST": "文件已存在",
    "ENAMETOOLONG": "文件名太长",
    "EBUSY": "文件正被占用",
    "EMFILE": "打开的文件太多",
    "EIO": "读写设备出错",
    "EINVAL": "路径无效",
    "EDQUOT": "超出磁盘配额",
}


def os_error_text(exc: OSError) -> str:
    """An operating-system error in Chinese ("没有权限"), for messages about a path."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_ERRORS.get(name) or f"系统错误 {name or exc.errno}"

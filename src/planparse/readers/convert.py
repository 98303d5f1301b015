"""Convert legacy word-processor files to .docx with LibreOffice, in a sandbox (issue 14).

LibreOffice runs in a temporary folder that is also its ``HOME`` and XDG config/cache
folders (so nothing lands in the user's ``~/.config`` or ``~/.cache``), with its own
profile whose settings forbid updating links and loading remote content, and, where the
system allows (``unshare -n``), in a network namespace with no network at all: a linked
image in an .odt is never fetched. Everything is removed when the conversion ends.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DocumentReadError, MissingDependencyError

CONVERT_TIMEOUT_S = 120


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# Profile settings (registrymodifications.xcu): never update links, never load remote
# images or other remote content, macros at the highest security level and not run.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Internet/Proxy"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Internet/Proxy"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Internet/Proxy"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
</oor:items>
"""


@functools.lru_cache(maxsize=1)
def no_network_prefix() -> tuple[str, ...]:
    """The command prefix that runs a program with no network, or () where none works."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for prefix in ((unshare, "-n"), (unshare, "-rn")):
        try:
            probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return prefix
    return ()


def sandbox_env(tmp: Path) -> dict[str, str]:
    """The environment LibreOffice runs in: every home and XDG folder inside ``tmp``."""
    home = tmp / "home"
    for sub in ("", ".config", ".cache", ".local/share"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_RUNTIME_DIR=str(home),
        TMPDIR=str(tmp),
        http_proxy="http://127.0.0.1:9",
        https_proxy="http://127.0.0.1:9",
        no_proxy="",
    )
    return env


def convert_to_docx(data: bytes, name: str, fmt: str) -> bytes:
    """Return the .docx bytes LibreOffice makes from ``data`` (a .doc, .rtf or .odt file)."""
    return _convert(
        data, name, fmt, "docx", "docx:MS Word 2007 XML",
        f"reading .{fmt} files needs LibreOffice; install it "
        "(e.g. `apt-get install -y libreoffice-writer-nogui`) or save the file as .docx",
    )


def convert_to_xlsx(data: bytes, name: str, fmt: str) -> bytes:
    """Return the .xlsx bytes LibreOffice makes from ``data`` (an .ods or .xls file)."""
    return _convert(
        data, name, fmt, "xlsx", "xlsx:Calc MS Excel 2007 XML",
        f"reading .{fmt} files needs LibreOffice Calc; install it "
        "(e.g. `apt-get install -y libreoffice-calc-nogui`) or save the file as .xlsx",
    )


def _convert(data: bytes, name: str, fmt: str, suffix: str, filter_name: str, missing: str) -> bytes:
    """Convert ``data`` with LibreOffice in the sandbox above (own profile and HOME, no
    network where ``unshare`` allows it); ``suffix`` names the file it writes."""
    soffice = find_soffice()
    if soffice is None:
        raise MissingDependencyError(missing, name)
    with tempfile.TemporaryDirectory(prefix="planparse-") as tmp:
        src = Path(tmp) / f"input.{fmt}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        cmd = [
            *no_network_prefix(),
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            filter_name,
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            subprocess.run(
                cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False,
                env=sandbox_env(Path(tmp)), cwd=tmp, stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as err:
            raise DocumentReadError(f"LibreOffice timed out converting the .{fmt} file", name) from err
        out = Path(tmp) / f"input.{suffix}"
        if not out.exists():
            raise DocumentReadError(f"LibreOffice could not convert the .{fmt} file", name)
        return out.read_bytes()

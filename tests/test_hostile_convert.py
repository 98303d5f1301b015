"""Issue 14: the LibreOffice conversion runs with no network and no writes to $HOME.

LibreOffice is not needed: a stand-in ``soffice`` on PATH does what a hostile .odt made
LibreOffice do (connect to a linked URL, write into ~/.config and ~/.cache), and records
where it ran. A local listener must receive nothing.
"""

from __future__ import annotations

import os
import socket
import sys
import textwrap
from pathlib import Path

import pytest

from planparse.readers import convert


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, socket.socket]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0)
    port = listener.getsockname()[1]
    report = tmp_path / "report.txt"
    bindir = tmp_path / "bin"
    bindir.mkdir()
    script = bindir / "soffice"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import os, socket, sys
            home = os.environ.get("HOME", "")
            for sub in (".config/libreoffice", ".cache/libreoffice"):
                os.makedirs(os.path.join(home, sub), exist_ok=True)
            try:
                socket.create_connection(("127.0.0.1", {port}), timeout=5).sendall(b"GET /image.png")
                net = "connected"
            except OSError:
                net = "no network"
            with open({str(report)!r}, "w") as fh:
                fh.write(home + "\\n" + net + "\\n")
            out = sys.argv[sys.argv.index("--outdir") + 1]
            src = sys.argv[-1]
            open(os.path.join(out, os.path.splitext(os.path.basename(src))[0] + ".docx"), "wb").write(b"PK fake")
            """
        )
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(convert, "find_soffice", lambda: str(script))
    fake_home = tmp_path / "user-home"
    fake_home.mkdir()
    monkeypatch.setenv("HOME", str(fake_home))
    yield report, listener
    listener.close()


def test_conversion_reaches_no_network_and_writes_nothing_in_home(fake_soffice, tmp_path: Path) -> None:
    report, listener = fake_soffice
    if not convert.no_network_prefix():
        pytest.skip("no network namespace on this system (unshare -n unavailable)")
    out = convert.convert_to_docx(b"{\\rtf1 hello}", "linked.odt", "odt")
    assert out == b"PK fake"
    home, net = report.read_text().splitlines()
    assert net == "no network"
    with pytest.raises(BlockingIOError):
        listener.accept()  # nothing ever connected
    assert list((tmp_path / "user-home").iterdir()) == []  # the real $HOME is untouched
    assert not Path(home).exists()  # the sandbox home was inside the removed temporary folder


def test_the_sandbox_profile_forbids_links_remote_content_and_macros(tmp_path: Path) -> None:
    assert "DisableMacrosExecution" in convert._PROFILE_SETTINGS
    assert "Content/Update" in convert._PROFILE_SETTINGS
    env = convert.sandbox_env(tmp_path)
    for key in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR"):
        assert env[key].startswith(str(tmp_path))

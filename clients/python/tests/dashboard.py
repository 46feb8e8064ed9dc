"""The real dashboard for the Python tests: its own process on a free loopback port, a fresh data
folder and an access token (so every test also proves the client's Bearer header), started once
per test process and stopped at exit.

The build to run: $MODARITH_WEB_DLL, else the newest src/ModArith.Web/bin/*/net10.0/ModArith.Web.dll
(test.sh builds it with `dotnet test` first).
"""
from __future__ import annotations

import atexit
import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "clients", "python"))

from modarith import Client  # noqa: E402


class Dashboard:
    def __init__(self) -> None:
        dll = os.environ.get("MODARITH_WEB_DLL") or max(
            glob.glob(os.path.join(REPO, "src", "ModArith.Web", "bin", "*", "net10.0", "ModArith.Web.dll")), key=os.path.getmtime, default=None)
        if not dll or not os.path.exists(dll):
            raise RuntimeError("ModArith.Web.dll not found: build the dashboard first (dotnet build src/ModArith.Web) or set MODARITH_WEB_DLL")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.token = secrets.token_hex(16)
        self.data = tempfile.mkdtemp(prefix="modarith-py-")
        self.log = open(os.path.join(self.data, "dashboard.log"), "w")
        self.process = subprocess.Popen(
            ["dotnet", dll, "--urls", self.url, "--Dashboard:DataDirectory", self.data, "--Dashboard:ThreadBudget", "1",
             "--Dashboard:AccessToken", self.token],
            cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while True:
            try:
                request = urllib.request.Request(self.url + "/api/presets", headers={"Authorization": f"Bearer {self.token}"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.log.flush()
                with open(self.log.name) as log:
                    tail = log.read()[-3000:]
                self.stop()
                raise RuntimeError(f"the dashboard did not start (exit code {self.process.returncode}); its log ends:\n{tail}")
            time.sleep(0.3)

    def client(self, token: str | None = "(the server's)") -> Client:
        return Client(self.url, token=self.token if token == "(the server's)" else token)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.data, ignore_errors=True)


_instance: Dashboard | None = None


def shared() -> Dashboard:
    """The one dashboard of this test process."""
    global _instance
    if _instance is None:
        _instance = Dashboard()
        atexit.register(_instance.stop)
    return _instance


def tiny_run(**overrides):
    """A run of cpu-small shrunk to finish in seconds on 2 cores."""
    config = {"preset": "cpu-small", "steps": 100, "evalEvery": 25, "evalSequences": 32, "dModel": 16, "heads": 2, "warmupSteps": 5, "checkpointCount": 2}
    config.update(overrides)
    return config

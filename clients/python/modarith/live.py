"""Live run events without polling: a minimal reader of the dashboard's SignalR hub (/hubs/runs).

SignalR's JSON hub protocol over a WebSocket, standard library only:

    with api.events() as live:
        live.join_run(run_id)
        for event in live.follow(run_id):          # until the run is finished
            print(event.name, event.data)           # metric / progress / status, camelCase dicts

Events: `metric` (one evaluation, the fields of Client.metrics rows), `progress` (runId, step,
totalSteps, stepsPerSecond, etaSeconds) and `status` (runId, status, message). join_run(id) gets
one run's three kinds; join_run_list() gets every run's status and progress.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import ssl
import struct
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Iterator, Optional

RECORD_SEPARATOR = "\x1e"
_WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_FINISHED = frozenset({"Completed", "Failed", "Cancelled", "Interrupted"})
# SignalR message types (JSON hub protocol).
_INVOCATION, _COMPLETION, _PING, _CLOSE = 1, 3, 6, 7


@dataclass(frozen=True)
class RunEvent:
    name: str  # metric, progress or status
    data: dict[str, Any]


class HubError(Exception):
    """The hub refused the connection, closed it with an error, or failed an invocation."""


class RunEvents:
    """One WebSocket connection to the hub. Use as a context manager; iterate `events()` or `follow(run_id)`."""

    path = "/hubs/runs"

    def __init__(self, base_url: str, token: Optional[str] = None, timeout: float = 30.0, keep_alive: float = 10.0):
        self.base_url, self.token, self.timeout, self.keep_alive = base_url.rstrip("/"), token, timeout, keep_alive
        self._sock: Optional[socket.socket] = None
        self._buffer = b""
        self._text = ""
        self._pending: list[RunEvent] = []
        self._next_invocation = 0
        self._last_sent = 0.0

    # ---- connection ---------------------------------------------------------------------------

    def __enter__(self) -> "RunEvents":
        self.connect()
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()

    def connect(self) -> None:
        url = urllib.parse.urlsplit(self.base_url)
        secure = url.scheme == "https"
        port = url.port or (443 if secure else 80)
        sock = socket.create_connection((url.hostname, port), timeout=self.timeout)
        if secure:
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=url.hostname)
        key = base64.b64encode(os.urandom(16)).decode()
        # No negotiate round trip: the hub accepts a WebSocket straight away (SignalR's "skip negotiation").
        lines = [f"GET {url.path.rstrip('/')}{self.path} HTTP/1.1", f"Host: {url.netloc}", "Upgrade: websocket", "Connection: Upgrade",
                 f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
        if self.token:
            lines.append(f"Authorization: Bearer {self.token}")
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                raise HubError("the server closed the connection during the WebSocket handshake")
            head += chunk
        head, self._buffer = head.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        if " 101 " not in status_line + " ":
            sock.close()
            raise HubError(f"WebSocket upgrade refused: {status_line}")
        headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in header_lines if ":" in h)}
        expected = base64.b64encode(hashlib.sha1((key + _WEBSOCKET_GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != expected:
            sock.close()
            raise HubError("WebSocket handshake answer does not match the key")
        self._sock = sock
        self._send_message({"protocol": "json", "version": 1})
        handshake = self._read_message()
        if handshake.get("error"):
            raise HubError(f"hub handshake failed: {handshake['error']}")

    def close(self) -> None:
        if self._sock is None:
            return
        try:
            self._send_frame(0x8, struct.pack("!H", 1000))
        except OSError:
            pass
        self._sock.close()
        self._sock = None

    # ---- hub methods --------------------------------------------------------------------------

    def join_run(self, run_id: int) -> None:
        """Receive this run's metric, progress and status events."""
        self._invoke("JoinRun", int(run_id))

    def leave_run(self, run_id: int) -> None:
        self._invoke("LeaveRun", int(run_id))

    def join_run_list(self) -> None:
        """Receive every run's status and progress events."""
        self._invoke("JoinRunList")

    # ---- events -------------------------------------------------------------------------------

    def events(self, timeout: Optional[float] = None) -> Iterator[RunEvent]:
        """Events as they arrive; stops after `timeout` seconds without one (None: wait forever) or when the hub closes."""
        while True:
            event = self.next_event(timeout)
            if event is None:
                return
            yield event

    def follow(self, run_id: int, timeout: Optional[float] = None) -> Iterator[RunEvent]:
        """This run's events until its status is finished (call join_run first); the final status event is yielded too."""
        for event in self.events(timeout):
            if event.data.get("runId") != run_id:
                continue
            yield event
            if event.name == "status" and event.data.get("status") in _FINISHED:
                return

    def next_event(self, timeout: Optional[float] = None) -> Optional[RunEvent]:
        """The next event, or None after `timeout` seconds without one or when the hub closes the connection."""
        if self._pending:
            return self._pending.pop(0)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if message is None:
                return None
            if message.get("type") == _INVOCATION:
                return RunEvent(message["target"], message["arguments"][0] if message.get("arguments") else {})
            if message.get("type") == _CLOSE:
                if message.get("error"):
                    raise HubError(f"hub closed the connection: {message['error']}")
                return None

    # ---- protocol -----------------------------------------------------------------------------

    def _invoke(self, target: str, *arguments: Any) -> None:
        self._next_invocation += 1
        invocation = str(self._next_invocation)
        self._send_message({"type": _INVOCATION, "invocationId": invocation, "target": target, "arguments": list(arguments)})
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._read_message(deadline)
            if message is None:
                raise HubError(f"no answer to {target} within {self.timeout} s")
            if message.get("type") == _COMPLETION and message.get("invocationId") == invocation:
                if message.get("error"):
                    raise HubError(f"{target} failed: {message['error']}")
                return
            if message.get("type") == _INVOCATION:
                self._pending.append(RunEvent(message["target"], message["arguments"][0] if message.get("arguments") else {}))
            elif message.get("type") == _CLOSE:
                raise HubError(f"hub closed the connection: {message.get('error')}")

    def _send_message(self, message: dict[str, Any]) -> None:
        self._send_frame(0x1, (json.dumps(message) + RECORD_SEPARATOR).encode())

    def _read_message(self, deadline: Optional[float] = None) -> Optional[dict[str, Any]]:
        """The next hub message other than a ping (sending our own pings so the server keeps us), or None at the deadline/close."""
        while True:
            if RECORD_SEPARATOR in self._text:
                raw, self._text = self._text.split(RECORD_SEPARATOR, 1)
                message = json.loads(raw)
                if message.get("type") == _PING:
                    continue
                return message
            text = self._read_text(deadline)
            if text is None:
                return None
            self._text += text

    def _read_text(self, deadline: Optional[float]) -> Optional[str]:
        """One complete text message (reassembling fragments), answering WebSocket pings on the way."""
        parts: list[bytes] = []
        while True:
            frame = self._read_frame(deadline)
            if frame is None:
                return None
            fin, opcode, payload = frame
            if opcode == 0x8:
                self._sock.close()
                self._sock = None
                return None
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            parts.append(payload)
            if fin:
                return b"".join(parts).decode("utf-8")

    def _read_frame(self, deadline: Optional[float]) -> Optional[tuple[bool, int, bytes]]:
        head = self._read_exactly(2, deadline)
        if head is None:
            return None
        fin, opcode, length = bool(head[0] & 0x80), head[0] & 0x0F, head[1] & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._read_exactly(2, None))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._read_exactly(8, None))[0]
        mask = self._read_exactly(4, None) if head[1] & 0x80 else None
        payload = self._read_exactly(length, None) if length else b""
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return fin, opcode, payload

    def _read_exactly(self, count: int, deadline: Optional[float]) -> Optional[bytes]:
        """`count` bytes; None when the deadline passes before the first byte or the connection is closed."""
        while len(self._buffer) < count:
            if self._sock is None:
                return None
            if time.monotonic() - self._last_sent > self.keep_alive:
                self._send_message({"type": _PING})  # the server drops clients silent for 30 s
            wait = 1.0 if deadline is None else min(1.0, deadline - time.monotonic())
            if wait <= 0 and not self._buffer:
                return None
            self._sock.settimeout(max(wait, 0.05))
            try:
                chunk = self._sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                self._sock.close()
                self._sock = None
                return None
            self._buffer += chunk
        data, self._buffer = self._buffer[:count], self._buffer[count:]
        return data

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        if self._sock is None:
            raise HubError("not connected")
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack("!Q", n)
        self._sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        self._last_sent = time.monotonic()

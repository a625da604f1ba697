"""Redaction in a child process with a hard time limit, so one hostile question can neither hold the server's GIL
nor run past the limit: the outbox dead-letters such a question instead of retrying it after every restart.

The child is `python -m generator.intake.privacy.redact_limit` (no fork of a threaded server, no re-import of the
server's main module); parent and child exchange length-prefixed JSON frames over its stdin and stdout."""

from __future__ import annotations

import json
import logging
import math
import os
import pickle
import selectors
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable

from generator.intake.privacy.redact import RedactionError, redact

log = logging.getLogger("klinik.intake.redact")
START_SECONDS = 60.0  # a cold child imports the redactor; that time is not the question's


class RedactionTimeout(RedactionError):
    """The redactor ran past its limit on one text; the child was killed."""


class RedactorCrashed(RedactionError):
    """The child stopped while working on one text (out of memory, killed from outside)."""


def _frame(payload: bytes) -> bytes:
    return len(payload).to_bytes(8, "big") + payload


def _write_all(stream, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[stream.write(view):]


def _read_exactly(stream, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _read_frame(stream) -> bytes | None:
    header = _read_exactly(stream, 8)
    return None if header is None else _read_exactly(stream, int.from_bytes(header, "big"))


def _limit_cpu(seconds: float) -> None:
    """Backstop in the child: the kernel ends it once this text has used `seconds` (+1) of CPU, even if the
    parent is gone and cannot kill it."""
    try:
        import resource
    except ImportError:  # not POSIX: the parent's kill is the only limit
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a core dump would hold the citizen's text
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.getrlimit(resource.RLIMIT_CPU)[1]))


def _serve() -> None:
    """The child: one function, then texts in and {"status", "value"} out, until the parent closes the pipe."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the frames
    function, seconds = pickle.loads(_read_frame(stdin))
    stdout.write(_frame(b'{"status": "ready"}'))
    stdout.flush()
    while (frame := _read_frame(stdin)) is not None:
        _limit_cpu(seconds)
        try:
            reply = {"status": "ok", "value": function(json.loads(frame))}
        except RedactionError as exc:  # its message never holds the text
            reply = {"status": "refused", "value": str(exc)}
        except Exception as exc:  # other messages may quote the text: send the kind only
            reply = {"status": "failed", "value": type(exc).__name__}
        stdout.write(_frame(json.dumps(reply).encode("ascii")))
        stdout.flush()


def _stop(process: subprocess.Popen) -> None:
    for stream in (process.stdin, process.stdout):
        try:
            stream.close()
        except OSError:
            pass
    if process.poll() is None:
        process.kill()
    process.wait(timeout=5)


class LimitedRedactor:
    """Callable like redact(): runs `function` in one persistent child process, killed and restarted on time-out."""

    def __init__(self, function: Callable[[str], str] = redact, seconds: float = 10.0):
        self.function, self.seconds = function, seconds
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._finalizer = None

    def _start(self) -> subprocess.Popen:
        path = os.pathsep.join(entry or os.getcwd() for entry in sys.path)  # the child imports what the parent can
        process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
            env={**os.environ, "PYTHONPATH": path}, start_new_session=True,  # no Ctrl-C of the terminal in the child
        )
        try:
            _write_all(process.stdin, _frame(pickle.dumps((self.function, self.seconds))))
            ready = self._receive(process, time.monotonic() + START_SECONDS)
        except (OSError, EOFError):
            ready = None
        if ready != {"status": "ready"}:
            _stop(process)
            raise RuntimeError("proses penyamaran tidak dapat dimulai")  # not the question's fault: retried later
        self._process, self._finalizer = process, weakref.finalize(self, _stop, process)
        return process

    @staticmethod
    def _receive(process: subprocess.Popen, deadline: float) -> dict | None:
        """The child's next frame, or None when the deadline passes first (EOFError if the child is gone)."""
        fd, data = process.stdout.fileno(), b""
        with selectors.DefaultSelector() as selector:  # not select(): a busy server's descriptors pass 1024
            selector.register(fd, selectors.EVENT_READ)
            while len(data) < 8 or len(data) < 8 + int.from_bytes(data[:8], "big"):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    return None
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise EOFError
                data += chunk
        return json.loads(data[8:])

    def _discard(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # kills and reaps the child, once
        self._process = self._finalizer = None

    def _ask(self, text: str) -> dict | None:
        process = self._process or self._start()
        try:
            _write_all(process.stdin, _frame(json.dumps(text).encode("ascii")))
        except OSError:  # the child died between two questions (killed from outside): one new child, once
            self._discard()
            process = self._start()
            _write_all(process.stdin, _frame(json.dumps(text).encode("ascii")))
        return self._receive(process, time.monotonic() + self.seconds)

    def __call__(self, text: str) -> str:
        with self._lock:
            try:
                reply = self._ask(text)
            except (EOFError, OSError):  # killed from outside (OOM killer, an operator)? a new child tries once more
                self._discard()
                try:
                    reply = self._ask(text)
                except (EOFError, OSError):
                    self._discard()
                    raise RedactorCrashed("proses penyamaran data pribadi berhenti dua kali; pertanyaan tidak "
                                          "diterbitkan otomatis, tinjau secara manual") from None
            if reply is None:
                self._discard()
                log.error("penyamaran melewati batas waktu", extra={"limit_s": self.seconds, "chars": len(text)})
                raise RedactionTimeout(f"penyamaran data pribadi melewati batas {self.seconds:g} detik; "
                                       "pertanyaan tidak diterbitkan otomatis, tinjau secara manual")
        if reply["status"] == "ok":
            return reply["value"]
        if reply["status"] == "refused":
            raise RedactionError(f"{reply['value']}; pertanyaan tidak diterbitkan otomatis")
        raise RedactionError(f"penyamaran data pribadi gagal ({reply['value']}); pertanyaan tidak diterbitkan otomatis")

    @property
    def pid(self) -> int | None:
        """The child's process id while one runs."""
        return self._process.pid if self._process is not None else None

    def close(self) -> None:
        """Stop the child (the worker calls this when the server stops)."""
        with self._lock:
            self._discard()


if __name__ == "__main__":
    _serve()

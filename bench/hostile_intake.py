"""bench/hostile.py against the intake's store and worker: freeze, personal data reaching git, lone surrogates, stalls."""

from __future__ import annotations

import asyncio
import json
import random
import socket
import subprocess
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from hostile_common import ROOT, VALID, Server, call, marker, note, post, question, queue_depth, service, wait_drained
from intake_load import make_project

# --- 1. freeze ---------------------------------------------------------------------------------------
FREEZE_INPUTS = [
    "0" + "1" * 25 + "x", "0" + "7" * 40 + "x", "0" + "3" * 3998 + "x",
    "jalan " + "kata " * 798, "jalan " + "x" * 3990, "jl " + "a" * 3990, "gg " + "b" * 3990,
]


def freeze_run(work: Path, window: float) -> dict:
    """Post the worst inputs, then probe /healthz and an honest POST until the queue drains or `window` ends."""
    project, repo = make_project(work / "beku")
    server = service(project, {"KLINIK_REPO_PATH": str(repo), "KLINIK_OUTBOX_INTERVAL_SECONDS": "0.2"}, work / "beku.log")
    worst, which, started = 0.0, "", time.monotonic()
    try:
        with ThreadPoolExecutor(len(FREEZE_INPUTS)) as pool:  # at once, so one is not stuck behind another
            list(pool.map(lambda text: post(server.port, {**VALID, "pertanyaan": text}, timeout=window), FREEZE_INPUTS))
        n = 0
        while (left := window - (time.monotonic() - started)) > 0:
            t0 = time.perf_counter()
            if n % 4 == 3:
                post(server.port, question(900_000 + n), timeout=left)
            else:
                call(server.port, "GET", "/healthz", timeout=left)
            if (took := time.perf_counter() - t0) > worst:
                worst, which = took, f"{'POST' if n % 4 == 3 else '/healthz'} at {time.monotonic() - started:.1f} s"
            if n % 4 == 0 and time.monotonic() - started > 2 and queue_depth(server.port, timeout=max(0.1, left)) == 0:
                break
            n += 1
            time.sleep(0.05)
    finally:
        server.kill()  # a frozen worker holds the GIL: SIGTERM would not be handled
    note("freeze", f"{n + 1} probes in a {window} s window, slowest {worst * 1000:.0f} ms ({which})")
    return {"freeze_ms_max": round(worst * 1000)}


# --- 2. personal data in hostile spellings -----------------------------------------------------------
NBSP, NNBSP, ZWSP, WJ, SHY = "\u00a0", "\u202f", "\u200b", "\u2060", "\u00ad"
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
PLANTS = [  # (written in the question, canonical digits or email local part to look for)
    (f"0812{NBSP}4455{NBSP}6677", "081244556677"), (f"0813{NNBSP}5566{NNBSP}7788", "081355667788"),
    (f"0814{ZWSP}6677{ZWSP}8899", "081466778899"), ("0815,7788,9900", "081577889900"),
    ("0816 8899 0011".translate(FULL), "081688990011"), ("081799001122".translate(ARABIC), "081799001122"),
    ("085211223344".translate(PERSIAN), "085211223344"), (f"+62{SHY}818{SHY}2233{SHY}4455", "6281822334455"),
    (f"0819{WJ}3344{WJ}5566", "081933445566"), (NBSP.join("085377665544"), "085377665544"),
    (f"NIK 3275{NBSP}0412{NBSP}8861{NBSP}0037", "3275041288610037"), ("NIK " + "3275 0412 8861 0038".translate(FULL), "3275041288610038"),
    (f"3275{ZWSP}0412{ZWSP}8861{ZWSP}0039", "3275041288610039"), ("3275,0412,8861,0031", "3275041288610031"),
    ("warga.rhsa＠contoh.id", "wargarhsa"), ("warga.rhsb＠ｃｏｎｔｏｈ．ｉｄ", "wargarhsb"),
    ("warga.rhsc [at] contoh [dot] id", "wargarhsc"), (f"warga.rhsd{NBSP}@{NBSP}contoh.id", "wargarhsd"),
    ("ｗａｒｇａ．ｒｈｓｅ@contoh.id", "wargarhse"), ("warga.rhsf﹫contoh.id", "wargarhsf"),
    (f"warga.rhsg@{ZWSP}contoh.id", "wargarhsg"), ("warga.rhsh (at) contoh (titik) co (titik) id", "wargarhsh"),
]
PHONE_FIELDS = ["081234567890".translate(ARABIC), "08" + "1234567890".translate(ARABIC)]


def canonical(text: str) -> str:
    """NFKC, every decimal digit as ASCII, lower case, nothing but letters and digits."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(str(digit))
        elif ch.isalpha():
            out.append(ch.lower())
    return "".join(out)


def needles(value: str) -> list[str]:
    """An email's local part; for a number every 8-digit window of it (a half-masked number still leaks)."""
    if not value.isdigit():
        return [value]
    national = value[2:] if value.startswith("62") else value.lstrip("0")
    return [national[i:i + 8] for i in range(len(national) - 7)]


def git_objects(repo: Path) -> list[str]:
    """Every object in the repository (reachable or not), as canonical text."""
    data = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"], capture_output=True, check=True).stdout
    texts, at = [], 0
    while at < len(data):
        end = data.index(b"\n", at)
        size = int(data[at:end].split()[2])
        texts.append(canonical(data[end + 1:end + 1 + size].decode("utf-8", "replace")))
        at = end + 1 + size + 1
    return texts


def pii_run(server: Server, repo: Path) -> dict:
    accepted = 0
    for n, (written, _) in enumerate(PLANTS):
        text = f"Data saya: {written}. Apakah saya bisa mengajukan KPR subsidi? {marker(800_000 + n)}"
        accepted += post(server.port, {**VALID, "pertanyaan": text})[0] == 201
    phone_fields = sum(post(server.port, {**question(810_000 + i), "telepon": phone})[0] == 201 for i, phone in enumerate(PHONE_FIELDS))
    pending = wait_drained(server.port, 30)
    objects = git_objects(repo)
    leaked = [value for _, value in PLANTS if any(needle in obj for obj in objects for needle in needles(value))]
    note("pii", f"leaked {leaked}; phone fields accepted {phone_fields}")
    leaked = len(leaked)
    return {"pii_leaks": leaked + phone_fields, "pii_accepted": accepted, "pii_pending": int(pending if pending is not None else -1)}


# --- 3. lone surrogates among honest posts -----------------------------------------------------------
async def _exchange(port: int, jobs: list, results: list) -> None:
    """One keep-alive client posting jobs until none are left; each exchange bounded to 30 s."""
    conn: list = []  # [reader, writer] while connected

    async def once(body: bytes) -> int:
        if not conn:
            conn.extend(await asyncio.open_connection("127.0.0.1", port))
        reader, writer = conn
        writer.write((f"POST /api/pertanyaan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body)
        await writer.drain()
        status = int((await reader.readline()).split()[1])
        length, close = 0, False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            length = int(value) if name.lower() == "content-length" else length
            close = close or (name.lower() == "connection" and "close" in value.lower())
        await reader.readexactly(length)
        if close:
            writer.close()
            conn.clear()
        return status

    while jobs:
        kind, body = jobs.pop()
        try:
            status = await asyncio.wait_for(once(body), 30)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, IndexError, ValueError):
            status = None
            if conn:
                conn[1].close()
                conn.clear()
        results.append((kind, status))
    if conn:
        conn[1].close()


def surrogate_run(server: Server, honest: int, hostile: int) -> dict:
    bodies = [("honest", json.dumps(question(700_000 + n)).encode()) for n in range(honest)]
    spoiled = [{"nama": "Siti \udc00 Aminah"}, {"pertanyaan": VALID["pertanyaan"] + " \udc00 mohon info"},
               {"nama": "Siti\ud800 Aminah"}, {"pertanyaan": "\udfff" + VALID["pertanyaan"]}, {"email": "siti\udc00@contoh.id"}]
    bodies += [("surrogate", json.dumps({**question(750_000 + n), **spoiled[n % len(spoiled)]}).encode()) for n in range(hostile)]
    random.Random(9).shuffle(bodies)
    results: list = []

    async def run() -> None:
        await asyncio.gather(*(_exchange(server.port, bodies, results) for _ in range(16)))

    asyncio.run(run())
    failed = sum(1 for kind, status in results if (status is None or status >= 500) and kind == "honest")
    note("surrogate", {kind: sorted({str(s) for k, s in results if k == kind}) for kind in ("honest", "surrogate")})
    return {"honest_5xx": failed + sum(1 for kind, status in results if kind == "surrogate" and status is not None and status >= 500)}


# --- 4. stalled connections --------------------------------------------------------------------------
STALLS = [b"GET /healthz HT", b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lambat: ",
          b"POST /api/pertanyaan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"nama\""]
TIMEOUT_ENV = {"KLINIK_HEADER_TIMEOUT_SECONDS": "2", "KLINIK_BODY_TIMEOUT_SECONDS": "2"}


def stall_wait() -> float:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return 2 + 3 if all(name in readme for name in TIMEOUT_ENV) else 15


def open_stalls(port: int, count: int) -> list[socket.socket]:
    socks = []
    for n in range(count):
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=2)
            sock.sendall(STALLS[n % len(STALLS)])
            socks.append(sock)
        except OSError:
            break  # refused or reset at once: the server is shedding load, not holding it
    return socks


def still_open(socks: list[socket.socket]) -> int:
    """Connections the server neither closed nor reset (an answer without close still counts as open)."""
    alive = 0
    for sock in socks:
        sock.setblocking(False)
        try:
            for _ in range(64):  # drain what was answered: EOF means closed, nothing more for now means open
                if not sock.recv(65536):
                    break
            else:
                alive += 1
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
        finally:
            sock.close()
    return alive

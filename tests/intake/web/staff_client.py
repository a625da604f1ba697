"""An HTTP client for the back office that keeps cookies the way a browser does on http://127.0.0.1."""

from __future__ import annotations

import re
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import httpx
import pyotp
from click.testing import CliRunner

from generator.cli.main import main


class Browser:
    """A client that keeps cookies the way a browser does on http://127.0.0.1 (a secure context)."""

    def __init__(self, base: str):
        self.http = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
        self.cookies: dict[str, str] = {}

    def _keep(self, response: httpx.Response) -> httpx.Response:
        for header in response.headers.get_list("set-cookie"):
            jar = SimpleCookie(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or 'expires=Thu, 01 Jan 1970' in header:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str) -> httpx.Response:
        return self._keep(self.http.get(path, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}))

    def post(self, path: str, data: dict | list) -> httpx.Response:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        return self._keep(self.http.post(path, content=urlencode(data), headers=headers))  # a list keeps repeated fields

    def csrf(self, path: str) -> str:
        return re.search(r'name="csrf" value="([^"]+)"', self.get(path).text)[1]

    def sign_in(self, username: str, password: str) -> httpx.Response:
        return self.post("/staf/masuk", {"csrf": self.csrf("/staf/masuk"), "pengguna": username, "sandi": password})


PASSWORD = "kata-sandi-yang-panjang"
TEAM = (("kepala", "kepala-balai", "uji-ii"), ("ta.satu", "ta", "uji-ii"), ("ta.dua", "ta", "uji-ii"),
        ("ata", "ata", "uji-ii"), ("ta.lain", "ta", "uji-i"))


def add_staff(store, team=TEAM) -> dict[str, int]:
    """Accounts with a password already set, so a test signs in without the set-up link; returns their ids."""
    from generator.intake.staff.accounts import Accounts, now_utc

    accounts = Accounts(store)
    ids = {}
    for username, role, balai in team:
        accounts.set_password(accounts.add(username, username.replace(".", " ").title(), role, balai, now_utc()), PASSWORD, now_utc())
        ids[username] = next(m.id for m in accounts.of_balai(balai) if m.username == username)
    return ids


def signed_in(server, username: str) -> Browser:
    browser = Browser(server.base)
    assert browser.sign_in(username, PASSWORD).status_code == 303
    return browser


def sign_in_page(page, base: str, username: str) -> None:
    """Signs in through the real form in Chromium and waits for the queue."""
    from playwright.sync_api import expect

    page.goto(base + "/staf/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Antrean layanan")


def member(server, username: str, peran: str = "ta", nama: str | None = None) -> Browser:
    """A staff member made with `klinik staf tambah` in Balai uji-ii, who sets a password from the link and signs in."""
    made = CliRunner().invoke(main, ["staf", "tambah", "--nama", nama or f"Nama {username}", "--pengguna", username, "--peran", peran,
                                     "--balai", "uji-ii"])
    assert made.exit_code == 0, made.output
    link = made.output.splitlines()[-1]
    browser = Browser(server.base)
    path = link[link.index("/staf/"):]
    assert browser.post(path, {"csrf": browser.csrf(path), "sandi": PASSWORD, "ulang": PASSWORD}).status_code == 303
    assert browser.sign_in(username, PASSWORD).headers["location"] == "/staf/"
    return browser


def step_start() -> float:
    """Now, moved to the start of a fresh 30 s step when the current one ends within 5 s (the codes below span 3 steps)."""
    if time.time() % 30 > 25:
        time.sleep(30.5 - time.time() % 30)
    return time.time()


def turn_on(browser: Browser, when: float) -> pyotp.TOTP:
    page = browser.get("/staf/akun")
    assert page.status_code == 200 and "<svg" in page.text and "Kode QR aplikasi autentikator" in page.text
    secret = re.search(r'name="rahasia" value="([A-Z2-7]{32})"', page.text)[1]
    assert " ".join(secret[i:i + 4] for i in range(0, 32, 4)) in page.text  # the key to type, in groups of four
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)[1]
    totp = pyotp.TOTP(secret)
    wrong = browser.post("/staf/akun/aktifkan", {"csrf": csrf, "rahasia": secret, "kode": "12345"})
    assert wrong.status_code == 422 and "Kode salah" in wrong.text and secret in wrong.text  # same secret to retry with
    on = browser.post("/staf/akun/aktifkan", {"csrf": csrf, "rahasia": secret, "kode": totp.at(when - 30)})
    assert on.status_code == 200 and "Verifikasi dua langkah aktif." in on.text and "Simpan sepuluh kode ini" in on.text
    browser.recovery_codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", on.text)  # shown this once
    assert len(set(browser.recovery_codes)) == 10
    assert "Sisa kode pemulihan yang belum dipakai: <strong>10 dari 10</strong>" in browser.get("/staf/akun").text
    return totp


def password_step(browser: Browser, username: str) -> str:
    """Sign in with the password; return the code form's CSRF token. No session exists yet."""
    answer = browser.sign_in(username, PASSWORD)
    assert answer.status_code == 303 and answer.headers["location"] == "/staf/masuk/kode"
    assert "klinik_staf" not in browser.cookies and "klinik_staf_kode" in browser.cookies
    assert browser.get("/staf/").headers["location"] == "/staf/masuk"  # nothing opens before the code
    return browser.csrf("/staf/masuk/kode")

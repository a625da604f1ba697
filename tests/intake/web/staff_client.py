"""An HTTP client for the back office that keeps cookies the way a browser does on http://127.0.0.1."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import httpx


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

"""Two intake servers on one PostgreSQL behave as one: a form token spent on one is refused by the other, the rate
limit counts posts to both, and a staff session started on one works on the other."""

from __future__ import annotations

import json
import time

from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.web.app import create_app
from generator.intake.web.spam import REPLAYED, issue_form_token
from tests.intake.web.staff_client import Browser
from tests.intake_server import VALID, LiveServer, intake_project, settings_for


def test_two_servers_on_one_postgresql_share_tokens_limits_and_sessions(tmp_path, pg_url):
    settings = settings_for(intake_project(tmp_path), database_url=pg_url, min_fill_seconds=1, rate_limit=3)
    with LiveServer(create_app(settings)) as first, LiveServer(create_app(settings)) as second:
        token = lambda server: issue_form_token(server.server.config.app.state.intake.key, now=time.time() - 60)  # noqa: E731
        spent = token(first)
        assert first.post_json({**VALID, "token_formulir": spent})[0] == 201
        replay = second.post_json({**VALID, "token_formulir": spent})
        assert (replay[0], json.loads(replay[2])) == (422, {"galat": {"formulir": REPLAYED["form"]}})

        assert second.post_json({**VALID, "token_formulir": token(second)})[0] == 201  # third post from this address
        limited = first.post_json({**VALID, "token_formulir": token(first)})
        assert limited[0] == 429 and "Retry-After" in limited[1]

        accounts = Accounts(first.server.config.app.state.intake.store)
        accounts.set_password(accounts.add("sari", "Sari", "ta", "uji-ii", now_utc()), "kata-sandi-yang-panjang", now_utc())
        browser = Browser(first.base)
        assert browser.sign_in("sari", "kata-sandi-yang-panjang").status_code == 303
        browser.http.base_url = second.base  # the load balancer sends the next request to the other server
        queue = browser.get("/staf/")
        assert queue.status_code == 200 and "Antrean layanan" in queue.text

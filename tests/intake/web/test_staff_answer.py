"""A TA answers in the browser: the draft is a commit in the TA's name on the review branch, "final" merges it,
and the citizen sees the answer on the status page at once; nobody else may write it."""

from __future__ import annotations

import json
import re
from email import message_from_bytes, policy

import pytest

from generator.intake.outbox import outbox_for
from generator.intake.publish.git import GitPublisher
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.staff.roster import Roster
from generator.intake.web.app import create_app
from tests.intake.web.staff_client import PASSWORD, signed_in
from tests.intake_repo import git
from tests.intake_server import VALID, LiveServer, reviewed_project, settings_for

ANSWER = "Bisa. Pekerja lepas dapat mengajukan KPR FLPP dengan **surat keterangan penghasilan** dari kelurahan."


@pytest.fixture
def desk(tmp_path):
    project = reviewed_project(tmp_path)
    settings = settings_for(project, repo_path=project)
    app = create_app(settings)
    accounts = Accounts(app.state.intake.store)
    for username, role, balai in (("ta.satu", "ta", "uji-ii"), ("ta.dua", "ta", "uji-ii"), ("ta.lain", "ta", "uji-i")):
        accounts.set_password(accounts.add(username, username.replace(".", " ").title(), role, balai, now_utc()), PASSWORD, now_utc())
    with LiveServer(app) as server:
        status, _, body = server.post_json({**VALID, "email": "siti@contoh.id"})  # pembiayaan, Bali: Balai uji-ii
        assert status == 201, body
        receipt = json.loads(body)
        store = app.state.intake.store
        ta = next(m for m in accounts.of_balai("uji-ii") if m.username == "ta.satu")
        Roster(store).set_areas(ta.id, ["pembiayaan"])
        outbox = outbox_for(settings, store, GitPublisher(project))
        assert outbox.drain() == 1 and outbox.assign() == 1
        yield server, project, receipt["tiket"], receipt["tautan_status"].removeprefix(server.base), outbox, settings


def test_the_assigned_ta_drafts_then_finalises_and_the_citizen_sees_it(desk):
    server, project, ticket, status_path, outbox, settings = desk
    ta = signed_in(server, "ta.satu")
    assert "Tulis jawaban" in ta.get(f"/staf/kasus/{ticket}").text
    form = ta.get(f"/staf/kasus/{ticket}/jawab")
    assert form.status_code == 200 and "Simpan draf" in form.text
    saved = ta.post(f"/staf/kasus/{ticket}/jawab", {"csrf": ta.csrf(f"/staf/kasus/{ticket}/jawab"), "jawaban": ANSWER, "aksi": "draf"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("tersimpan=draf")
    branch = f"pertanyaan/{ticket}"
    assert git(project, "log", "-1", "--format=%an|%s", branch).strip() == f"Ta Satu|Jawaban {ticket} oleh Ta Satu"
    assert "Sudah dijawab" not in server.request(status_path)[2]  # a draft is not shown to the citizen
    again = ta.get(f"/staf/kasus/{ticket}/jawab").text
    assert "surat keterangan penghasilan" in again and "Draf tersimpan" not in again  # the draft is read back from the branch

    final = ta.post(f"/staf/kasus/{ticket}/jawab", {"csrf": ta.csrf(f"/staf/kasus/{ticket}/jawab"), "jawaban": ANSWER, "aksi": "final"})
    assert final.status_code == 303
    assert not git(project, "branch", "--list", branch).strip()  # merged and deleted
    merge = git(project, "log", "-1", "--format=%an|%P|%s", "main").strip().split("|")
    assert merge[0] == "Ta Satu" and len(merge[1].split()) == 2 and merge[2] == f"Gabungkan jawaban {ticket} (final oleh Ta Satu)"
    assert git(project, "status", "--porcelain", "--untracked-files=no").strip() == ""  # the checked-out main got the merged file
    page = server.request(status_path)[2]
    assert "Sudah dijawab" in page and "surat keterangan penghasilan" in page
    done = ta.get(f"/staf/kasus/{ticket}/jawab").text
    assert "Jawaban final sudah digabungkan" in done and "Simpan draf" not in done
    outbox.check_answers()  # the worker's next round: the asker is emailed once
    mails = list(settings.outbox_email_dir.glob("*.eml"))
    assert [m.name for m in mails] == [f"{ticket}.eml"]
    body = message_from_bytes(mails[0].read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "surat keterangan penghasilan" in body
    history = ta.get(f"/staf/kasus/{ticket}").text
    assert "jawaban disimpan (draf)" in history and "jawaban final digabungkan ke cabang utama" in history


def test_nobody_but_the_assigned_ta_writes_and_personal_data_is_refused(desk):
    server, project, ticket, _, _, _ = desk
    other = signed_in(server, "ta.dua")  # same Balai, not assigned
    assert other.get(f"/staf/kasus/{ticket}/jawab").status_code == 403
    stranger = signed_in(server, "ta.lain")  # another Balai
    refused = stranger.post(f"/staf/kasus/{ticket}/jawab", {"csrf": stranger.csrf("/staf/"), "jawaban": ANSWER, "aksi": "final"})
    assert refused.status_code == 403 and "Siti" not in refused.text
    ta = signed_in(server, "ta.satu")
    leaky = ta.post(f"/staf/kasus/{ticket}/jawab", {"csrf": ta.csrf(f"/staf/kasus/{ticket}/jawab"),
                                                    "jawaban": "Silakan hubungi Ibu di 0812 3456 7890.", "aksi": "draf"})
    assert leaky.status_code == 422 and "data pribadi (telepon)" in leaky.text
    assert "0812 3456 7890" in leaky.text  # the TA's text is kept in the form, not lost
    empty = ta.post(f"/staf/kasus/{ticket}/jawab", {"csrf": ta.csrf(f"/staf/kasus/{ticket}/jawab"), "jawaban": "  ", "aksi": "final"})
    assert empty.status_code == 422 and "kosong" in empty.text
    stale = ta.post(f"/staf/kasus/{ticket}/jawab", {"csrf": "salah", "jawaban": ANSWER, "aksi": "final"})
    assert stale.status_code == 403
    assert git(project, "log", "-1", "--format=%an", f"pertanyaan/{ticket}").strip() == "Klinik PKP Bot"  # nothing was written
    assert re.fullmatch(r"KPKP-\d{4}-\d{6}", ticket)

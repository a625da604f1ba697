"""The whole loop on real parts: a citizen's question over HTTP, its review branch in a real git repository,
a TA's answer merged into main, the answer on the private status page and in the asker's email, and the
FAQ made from it by `klinik kurasi terbitkan`."""

from __future__ import annotations

import json
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import main
from generator.intake.outbox import outbox_for
from generator.intake.publish.git import GitPublisher
from generator.intake.web.app import create_app
from tests.intake_repo import answer_and_merge, git
from tests.intake_server import VALID, LiveServer, reviewed_project, settings_for

ANSWER = "Bisa. Pekerja lepas dapat mengajukan KPR FLPP dengan bukti penghasilan dari surat keterangan kelurahan."


def test_question_to_answer_to_faq(tmp_path):
    project = reviewed_project(tmp_path)
    settings = settings_for(project, repo_path=project)
    app = create_app(settings)
    question = "Saya pekerja lepas, nomor saya 0813 2222 3333. Apakah bisa mengajukan KPR subsidi?"
    with LiveServer(app) as server:
        status, _, body = server.post_json({**VALID, "email": "siti@contoh.id", "pertanyaan": question})
        assert status == 201, body
        receipt = json.loads(body)
        ticket, status_path = receipt["tiket"], receipt["tautan_status"].removeprefix(server.base)
        store = app.state.intake.store
        outbox = outbox_for(settings, store, GitPublisher(project))
        assert outbox.drain() == 1
        assert git(project, "branch", "--list", f"pertanyaan/{ticket}").strip()
        published = git(project, "show", f"pertanyaan/{ticket}:" + git(project, "diff", "--name-only", "main", f"pertanyaan/{ticket}").strip())
        assert "[disamarkan]" in published and "0813" not in published and "Siti" not in published

        answer_and_merge(project, ticket, ANSWER)
        assert outbox.check_answers() == 1
        page = server.request(status_path)[2]
        assert "Sudah dijawab" in page and "Pekerja lepas dapat mengajukan KPR FLPP" in page

    emails = list(settings.outbox_email_dir.glob("*.eml"))
    assert len(emails) == 1
    mail = message_from_bytes(emails[0].read_bytes(), policy=policy.default)
    assert mail["To"] == "siti@contoh.id" and ticket in mail["Subject"]
    assert "Pekerja lepas dapat mengajukan KPR FLPP" in mail.get_body(("plain",)).get_content()

    result = CliRunner().invoke(main, ["kurasi", "terbitkan", ticket, "--slug", "kpr-untuk-pekerja-lepas", "--proyek", str(project)])
    assert result.exit_code == 0, result.output
    faq = next((project / "content" / "faq").rglob("kpr-untuk-pekerja-lepas.md")).read_text(encoding="utf-8")
    assert f"tiket: {ticket}" in faq and "Pekerja lepas dapat mengajukan KPR FLPP" in faq and "0813" not in faq
    check = subprocess.run([str(Path(sys.executable).with_name("klinik")), "check", "--proyek", str(project)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr

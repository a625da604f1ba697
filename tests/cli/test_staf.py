"""`klinik staf atur-ulang-dua-langkah` on SQLite and PostgreSQL: the reset is written to the audit log with the
operator ("cli:" and --oleh, or the OS user) and the account, and the account's recovery codes go with the secret."""

from __future__ import annotations

import getpass

import pyotp
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from generator.cli.main import main
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.staff.audit import TOTP_RESET, Audit
from generator.intake.staff.recovery_codes import RecoveryCodes
from generator.intake.staff.totp import TwoStep, new_secret
from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import audit_log, staf_pemulihan
from tests.intake.conftest import pg_url, store_url  # noqa: F401 - the store fixtures (SQLite and PostgreSQL)
from tests.intake_server import intake_project


@pytest.fixture
def kepala(store_url, tmp_path, monkeypatch):  # noqa: F811 - the imported fixture
    """A Kepala Balai with two-step sign-in and recovery codes, in a project whose CLI uses `store_url`."""
    monkeypatch.setenv("KLINIK_DATABASE_URL", store_url)
    monkeypatch.chdir(intake_project(tmp_path))
    made = CliRunner().invoke(main, ["staf", "tambah", "--nama", "Kepala Uji", "--pengguna", "kepala", "--peran", "kepala-balai",
                                     "--balai", "uji-ii"])
    assert made.exit_code == 0, made.output
    store = Store(open_engine(store_url))
    who = next(m for m in Accounts(store).of_balai("uji-ii") if m.username == "kepala")
    secret, now = new_secret(), now_utc()
    assert TwoStep(store).enable(who, secret, pyotp.TOTP(secret).at(now), now)
    RecoveryCodes(store).issue(who.id, now)
    return store, who


def audit_rows(store: Store) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(audit_log.c.staf_id, audit_log.c.aksi, audit_log.c.balai, audit_log.c.sasaran,
                                                      audit_log.c.oleh).order_by(audit_log.c.id))]


def test_the_reset_is_audited_with_the_os_user_and_the_account(kepala):
    store, who = kepala
    done = CliRunner().invoke(main, ["staf", "atur-ulang-dua-langkah", "--pengguna", "Kepala"])
    assert done.exit_code == 0, done.output
    assert audit_rows(store) == [(who.id, TOTP_RESET, "uji-ii", who.id, f"cli:{getpass.getuser()}")]
    assert not Accounts(store).get(who.id).dua_langkah
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(staf_pemulihan)).scalar_one() == 0
    shown = Audit(store).of_balai("uji-ii")
    assert [(e["aksi"], e["oleh"], e["sasaran_nama"]) for e in shown] == [(TOTP_RESET, f"cli:{getpass.getuser()}", "Kepala Uji")]


def test_oleh_names_the_operator_and_a_refused_reset_writes_nothing(kepala):
    store, who = kepala
    assert CliRunner().invoke(main, ["staf", "atur-ulang-dua-langkah", "--pengguna", "kepala", "--oleh", "budi.admin"]).exit_code == 0
    again = CliRunner().invoke(main, ["staf", "atur-ulang-dua-langkah", "--pengguna", "kepala", "--oleh", "budi.admin"])
    unknown = CliRunner().invoke(main, ["staf", "atur-ulang-dua-langkah", "--pengguna", "tidak-ada"])
    assert again.exit_code == 2 and unknown.exit_code == 2
    assert audit_rows(store) == [(who.id, TOTP_RESET, "uji-ii", who.id, "cli:budi.admin")]

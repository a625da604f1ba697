"""Two-step verification: on only with a current code, each code once, wrong codes lock like wrong passwords."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pyotp
import pytest

from generator.intake.staff.accounts import MAX_FAILURES, Accounts
from generator.intake.staff.totp import TwoStep, new_secret, provisioning_uri, qr_svg, valid_secret
from generator.intake.store.db import Store, open_engine

T0 = datetime(2026, 12, 2, 1, 0, 0, tzinfo=timezone.utc)
PASSWORD = "kata-sandi-yang-panjang"


@pytest.fixture
def member(tmp_path):
    store = Store(open_engine(f"sqlite:///{tmp_path / 'klinik.db'}"))
    accounts = Accounts(store)
    accounts.set_password(accounts.add("ani", "Ani", "ta", "uji-ii", T0), PASSWORD, T0)
    return store, accounts.sign_in("ani", PASSWORD, T0)


def code(secret: str, when: datetime) -> str:
    return pyotp.TOTP(secret).at(when)


def test_on_only_with_a_current_code_of_that_secret(member):
    store, ani = member
    two, secret = TwoStep(store), new_secret()
    assert valid_secret(secret) and not valid_secret(secret.lower()) and not valid_secret(secret[:-1])
    assert not two.enable(ani, secret, code(new_secret(), T0), T0)  # a code of another secret
    assert not two.enable(ani, secret, code(secret, T0 - timedelta(minutes=5)), T0)  # too old
    assert not two.enable(ani, "A" * 31, code("A" * 32, T0), T0)
    assert not Accounts(store).get(ani.id).dua_langkah
    assert two.enable(ani, secret, code(secret, T0), T0)
    assert Accounts(store).get(ani.id).dua_langkah
    assert not two.enable(ani, new_secret(), "000000", T0)  # already on: the secret is not replaced


def test_a_code_works_once_within_its_window_and_a_phone_a_step_off_still_works(member):
    store, ani = member
    two, secret = TwoStep(store), new_secret()
    assert two.enable(ani, secret, code(secret, T0), T0)
    assert not two.verify(ani.id, code(secret, T0), T0 + timedelta(seconds=5))  # the set-up code, replayed
    later = T0 + timedelta(minutes=2)
    assert two.verify(ani.id, code(secret, later - timedelta(seconds=30)), later)  # one step behind: accepted
    assert not two.verify(ani.id, code(secret, later - timedelta(seconds=30)), later)  # ... once
    assert not two.verify(ani.id, code(secret, later - timedelta(seconds=60)), later)  # older than the last used
    assert two.verify(ani.id, code(secret, later + timedelta(seconds=30)), later + timedelta(seconds=1))
    assert not two.verify(ani.id, code(secret, later), later)  # now behind the last accepted step
    assert not two.verify(ani.id, "12345x", later) and not two.verify(ani.id, "", later)


def test_wrong_codes_count_towards_the_same_lockout_and_a_right_password_does_not_clear_it(member):
    store, ani = member
    accounts, two, secret = Accounts(store), TwoStep(store), new_secret()
    assert two.enable(ani, secret, code(secret, T0), T0)
    now = T0 + timedelta(minutes=1)
    for _ in range(MAX_FAILURES - 2):
        assert not two.verify(ani.id, "000000" if code(secret, now) != "000000" else "111111", now)
        assert accounts.sign_in("ani", PASSWORD, now) is not None  # password right: the count stays
    assert accounts.sign_in("ani", "salah-salah-salah", now) is None  # the 4th failure
    assert not accounts.locked("ani", now)
    assert not two.verify(ani.id, "000000" if code(secret, now) != "000000" else "111111", now)  # the 5th
    assert accounts.locked("ani", now)
    assert not two.verify(ani.id, code(secret, now), now)  # locked: even the right code is refused
    free = now + timedelta(minutes=16)
    assert two.verify(ani.id, code(secret, free), free) and not accounts.locked("ani", free)


def test_off_needs_the_password_and_a_code_and_the_reset_needs_neither(member):
    store, ani = member
    two, secret = TwoStep(store), new_secret()
    assert two.enable(ani, secret, code(secret, T0), T0)
    now = T0 + timedelta(minutes=1)
    assert not two.disable(ani, "salah-salah-salah", code(secret, now), now)
    assert not two.disable(ani, PASSWORD, "000000" if code(secret, now) != "000000" else "111111", now)
    assert two.disable(ani, PASSWORD, code(secret, now), now)
    assert not Accounts(store).get(ani.id).dua_langkah
    assert two.enable(ani, secret, code(secret, now + timedelta(minutes=1)), now + timedelta(minutes=1))
    two.reset(ani.id)
    assert not Accounts(store).get(ani.id).dua_langkah and Accounts(store).sign_in("ani", PASSWORD, now) is not None


def test_a_waiting_sign_in_expires_and_is_spent_once(member):
    store, ani = member
    two = TwoStep(store)
    token, csrf = two.wait_for_code(ani, T0)
    assert two.waiting(token, T0 + timedelta(minutes=4)) == (ani.id, csrf)
    assert two.waiting(token, T0 + timedelta(minutes=6)) is None
    assert two.waiting("x" * 101, T0) is None and two.waiting(None, T0) is None
    two.done_waiting(token)
    assert two.waiting(token, T0) is None


def test_the_qr_code_is_inline_svg_of_the_otpauth_uri():
    secret = new_secret()
    uri = provisioning_uri(secret, "ani")
    assert uri.startswith("otpauth://totp/Klinik%20PKP:ani?") and f"secret={secret}" in uri and "issuer=Klinik%20PKP" in uri
    svg = qr_svg(uri)
    assert svg.startswith("<svg") and "<path" in svg and "data:" not in svg and "<image" not in svg and "style=" not in svg

"""A store made before a column existed gets it when opened (SQLite and PostgreSQL), and opening again changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, inspect

from generator.intake.store.columns import ColumnMissing, add_missing_columns
from generator.intake.store.db import open_engine
from generator.intake.store.schema import metadata

OLD_STAF = """create table staf (id integer primary key, username varchar(64) not null unique, nama varchar(100) not null,
peran varchar(20) not null, balai varchar(64), email varchar(254), telepon varchar(20), password_hash varchar(200),
setup_token_hash varchar(64) unique, setup_expires timestamp, failed_logins integer not null, locked_until timestamp,
aktif boolean not null, dibuat timestamp not null)"""


def plain(url: str) -> str:
    return "postgresql+psycopg://" + url.removeprefix("postgresql://") if url.startswith("postgresql://") else url


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'klinik.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = create_engine(plain(url))
    with engine.begin() as conn:
        conn.exec_driver_sql("drop table if exists staf cascade" if request.param == "postgresql" else "drop table if exists staf")
        conn.exec_driver_sql(OLD_STAF)
        conn.exec_driver_sql("insert into staf (id, username, nama, peran, balai, failed_logins, aktif, dibuat) "
                             "values (1, 'kepala', 'Kepala Uji', 'kepala-balai', 'uji-i', 0, true, '2026-11-01 08:00:00')")
    engine.dispose()
    yield url
    if request.param == "postgresql":
        with create_engine(plain(url)).begin() as conn:
            conn.exec_driver_sql("drop schema public cascade; create schema public")


def test_opening_an_older_store_adds_the_new_columns_and_keeps_the_rows(old_store):
    engine = open_engine(old_store)
    names = {c["name"] for c in inspect(engine).get_columns("staf")}
    assert {"totp_secret", "totp_langkah"} <= names
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select username, totp_secret from staf").all() == [("kepala", None)]
    engine.dispose()
    again = open_engine(old_store)  # idempotent: nothing left to add
    assert add_missing_columns(again, MetaData()) == []
    assert add_missing_columns(again, metadata) == []


def test_a_new_required_column_is_refused_with_a_clear_message(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("create table t (id integer primary key)")
    wanted = MetaData()
    Table("t", wanted, Column("id", Integer, primary_key=True), Column("wajib", String(10), nullable=False))
    with pytest.raises(ColumnMissing, match="t.wajib wajib diisi"):
        add_missing_columns(engine, wanted)
    Table("t", extra := MetaData(), Column("id", Integer, primary_key=True), Column("boleh", String(10)))
    assert add_missing_columns(engine, extra) == ["t.boleh"]
    assert add_missing_columns(engine, extra) == []

"""Photos live in the database with their question, and an erasure removes their rows and their bytes from the files."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from generator.intake.photos import reencode
from generator.intake.store.db import Store, open_engine
from generator.intake.store.photos import photo_bytes, photo_list, photos_of, store_photos
from generator.intake.store.schema import foto
from tests.intake_server import ITEM, RECEIVED


def photo(seed: int):
    """A noisy photo (it does not compress, like a real one) re-encoded as the form would."""
    image = Image.effect_noise((900, 600), 60 + seed).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PNG")
    return reencode(out.getvalue(), f"{seed}.png")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else f"sqlite:///{tmp_path}/var/klinik.db"
    engine = open_engine(url)
    yield Store(engine)
    with engine.begin() as conn:
        conn.execute(foto.delete())  # the PostgreSQL cluster is shared by the module's tests
    engine.dispose()


def test_photos_are_stored_in_the_question_s_own_transaction(store):
    photos = (photo(1), photo(2))
    stored = store.add(replace(ITEM, photos=photos), RECEIVED, date(2026, 11, 26))
    listed = photos_of(store, stored.ticket)
    assert [(p["urutan"], p["asal"], p["width"], p["height"]) for p in listed] == [(1, "pertanyaan", 900, 600), (2, "pertanyaan", 900, 600)]
    with store.reading() as conn:
        assert photo_bytes(conn, stored.ticket, 2) == ("image/jpeg", photos[1].data)
        assert photo_bytes(conn, stored.ticket, 3) is None
    with store.transaction() as conn:  # a follow-up's photos (the lead's verb) come after the ones there
        assert store_photos(conn, stored.ticket, "lanjutan", [photo(3)], RECEIVED) == 1
        assert [p["urutan"] for p in photo_list(conn, stored.ticket)] == [1, 2, 3]
        with pytest.raises(ValueError):
            store_photos(conn, stored.ticket, "publik", [photo(4)], RECEIVED)
    plain = store.add(ITEM, RECEIVED, date(2026, 11, 26))
    assert photos_of(store, plain.ticket) == []


def test_erasing_the_question_deletes_its_photos(store):
    stored = store.add(replace(ITEM, photos=(photo(5),)), RECEIVED, date(2026, 11, 26))
    other = store.add(replace(ITEM, photos=(photo(6),)), RECEIVED, date(2026, 11, 26))
    assert store.erase(stored.ticket, datetime.now(timezone.utc))
    with store.reading() as conn:
        left = conn.execute(select(foto.c.ticket, func.count()).group_by(foto.c.ticket)).all()
    assert left == [(other.ticket, 1)]


def files_holding(folder: Path, sample: bytes) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and sample in p.read_bytes()]


def test_no_byte_of_an_erased_photo_stays_in_the_sqlite_files(tmp_path):
    store = Store(open_engine(f"sqlite:///{tmp_path}/var/klinik.db"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    kept = photo(7)
    stored = store.add(replace(ITEM, photos=(kept,)), RECEIVED, date(2026, 11, 26))
    store.add(replace(ITEM, photos=(photo(8),)), RECEIVED, date(2026, 11, 26))
    sample = kept.data[400:464]  # entropy-coded pixels: found nowhere else
    assert files_holding(tmp_path / "var", sample)
    assert store.erase(stored.ticket, datetime.now(timezone.utc))
    assert files_holding(tmp_path / "var", sample) == []


def test_no_byte_of_an_erased_photo_stays_in_the_postgresql_files(pg_url):
    store = Store(open_engine(pg_url))
    kept = photo(9)
    stored = store.add(replace(ITEM, photos=(kept,)), RECEIVED, date(2026, 11, 26))
    store.add(replace(ITEM, photos=(photo(10),)), RECEIVED, date(2026, 11, 26))
    sample = kept.data[400:464]
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        base = Path(conn.exec_driver_sql("SHOW data_directory").scalar()) / "base"
        conn.exec_driver_sql("CHECKPOINT")
        assert files_holding(base, sample)
        assert store.erase(stored.ticket, datetime.now(timezone.utc))  # VACUUM FULL rewrites foto and its TOAST table
        conn.exec_driver_sql("CHECKPOINT")
        assert files_holding(base, sample) == []
    with store.engine.begin() as conn:
        conn.execute(foto.delete())

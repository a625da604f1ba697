"""Columns added to a table after it was created: `create_all` makes missing tables only, so a store made by an
older version gets each new nullable column here, idempotently, when it is opened."""

from __future__ import annotations

from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Engine


class ColumnMissing(RuntimeError):
    """A new column that cannot be added in place (NOT NULL without a server default): it needs a real migration."""


def add_missing_columns(engine: Engine, metadata: MetaData) -> list[str]:
    """ALTER TABLE ... ADD COLUMN for every nullable column of `metadata` a table in the database lacks; return them."""
    quote = engine.dialect.identifier_preparer.quote
    added: list[str] = []
    with engine.begin() as conn:  # one connection: on SQLite every transaction takes the write lock up front
        inspector = inspect(conn)
        existing = set(inspector.get_table_names())
        for table in metadata.sorted_tables:
            if table.name not in existing:
                continue
            have = {column["name"] for column in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name in have:
                    continue
                if not column.nullable and column.server_default is None:
                    raise ColumnMissing(f"kolom {table.name}.{column.name} wajib diisi dan belum ada; basis data perlu migrasi")
                kind = column.type.compile(dialect=engine.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}")
                added.append(f"{table.name}.{column.name}")
    return added

"""Figures in words, as the service standard writes its deadline: 3 (tiga) hari kerja."""

from __future__ import annotations

import pytest

from generator.util.terbilang import angka_terbilang, terbilang


@pytest.mark.parametrize("number, words", [
    (0, "nol"), (1, "satu"), (3, "tiga"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"), (19, "sembilan belas"),
    (20, "dua puluh"), (21, "dua puluh satu"), (30, "tiga puluh"), (100, "seratus"), (115, "seratus lima belas"),
    (250, "dua ratus lima puluh"), (1000, "seribu"), (1500, "seribu lima ratus"), (2026, "dua ribu dua puluh enam"),
    (12_345, "dua belas ribu tiga ratus empat puluh lima"), (1_000_000, "satu juta"), (2_500_000, "dua juta lima ratus ribu"),
    (-4, "minus empat"),
])
def test_terbilang(number, words):
    assert terbilang(number) == words


def test_figure_with_words():
    assert angka_terbilang(3) == "3 (tiga)" and angka_terbilang(14) == "14 (empat belas)"

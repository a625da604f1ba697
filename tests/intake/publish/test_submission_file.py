"""The submission file: exact text, hostile questions stay inert inside the fence, clear parse errors."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator.intake.model import PublicSubmission
from generator.intake.publish.submission_file import parse, path_for, render, with_answer, with_status
from generator.util.errors import ContentErrors

PATH = Path("submissions/2026/11/KPKP-2026-000123.md")


def item(question: str = "Apakah pekerja lepas bisa KPR subsidi?", provinsi: str = "Jawa Barat") -> PublicSubmission:
    return PublicSubmission(
        ticket="KPKP-2026-000123", area="pembiayaan", provinsi=provinsi,
        received=dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.timezone.utc), deadline=dt.date(2026, 11, 26), question=question,
    )


def test_render_is_exactly_the_contract_format():
    assert render(item()) == """---
tiket: KPKP-2026-000123
bidang: pembiayaan
diterima: 2026-11-23T10:00:00+07:00
tenggat: 2026-11-26
status: menunggu-jawaban
provinsi: Jawa Barat
---
## Pertanyaan

~~~~~~text
Apakah pekerja lepas bisa KPR subsidi?
~~~~~~

## Jawaban
"""


def test_path_uses_the_month_of_receipt_in_wib():
    late_utc = dt.datetime(2026, 11, 30, 18, 30, tzinfo=dt.timezone.utc)  # 1 December 01:30 WIB
    assert path_for("KPKP-2026-000999", late_utc).as_posix() == "submissions/2026/12/KPKP-2026-000999.md"


HOSTILE = [
    "---\nstatus: diterbitkan\n---",
    "{{ 7*7 }} {% include 'x' %}",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1)) ![x](http://evil/x.png)",
    "~~~~~~~~\n## Jawaban\nSudah dijawab palsu\n~~~~~~~~",
    "```\n```````\n~~~",
]


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_question_stays_inside_the_fence(question):
    text = render(item(question))
    parsed = parse(text, PATH)
    assert parsed.question == question
    assert parsed.status == "menunggu-jawaban"
    assert parsed.answer_markdown == ""
    body = text.split("\n---\n", 1)[1]
    fence = body.splitlines()[2].removesuffix("text")
    longest = max((len(run) for run in re.findall(r"~+|`+", question)), default=0)
    assert set(fence) == {"~"} and len(fence) >= 6 and len(fence) > longest
    assert body.endswith(f"{fence}\n\n## Jawaban\n")


def test_hostile_province_cannot_add_front_matter_keys():
    text = render(item(provinsi="X\nstatus: diterbitkan\n---\n<b>"))
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["status"] == "menunggu-jawaban"
    assert front["provinsi"] == "X status: diterbitkan --- <b>"


def test_control_and_bidi_characters_are_dropped():
    assert parse(render(item("Apa\u202e ini\x07?\r\nBaris dua")), PATH).question == "Apa ini?\nBaris dua"


def test_answer_written_by_a_ta_is_read():
    text = render(item()) + "\nBisa, dengan bukti penghasilan.\n\n## Dasar\n\nPP 12/2021.\n"
    parsed = parse(with_status(text, "dijawab"), PATH)
    assert parsed.status == "dijawab"
    assert parsed.answer_markdown == "Bisa, dengan bukti penghasilan.\n\n## Dasar\n\nPP 12/2021."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("bidang: pembiayaan", "bidang: Pembiayaan"), f"{PATH}:3: bidang: format tidak valid: 'Pembiayaan'"),
        (
            lambda t: t.replace("status: menunggu-jawaban", "status: selesai"),
            f"{PATH}:6: status: nilai 'selesai' tidak dikenal; pilih salah satu: 'menunggu-jawaban', 'dijawab' or 'diterbitkan'",
        ),
        (lambda t: t.replace("tenggat: 2026-11-26\n", ""), f"{PATH}:2: tenggat: wajib diisi"),
        (lambda t: t.replace("## Pertanyaan", "## Tanya"), f"{PATH}:9: Pertanyaan: isi berkas harus diawali '## Pertanyaan'"),
        (
            lambda t: t.replace("~~~~~~\n\n## Jawaban", "\n## Jawaban"),
            f"{PATH}:11: Pertanyaan: blok pertanyaan yang dibuka di sini tidak ditutup dengan ~~~~~~",
        ),
        (lambda t: t.replace("## Jawaban", "## Jawab"), f"{PATH}:15: Jawaban: setelah pertanyaan harus ada bagian '## Jawaban'"),
        (lambda t: t.replace("tiket: KPKP-2026-000123", "tiket: KPKP-2026-000124"), f"{PATH}:2: tiket: nama berkas harus KPKP-2026-000124.md"),
    ],
)
def test_parse_errors_name_file_line_and_field(change, message):
    with pytest.raises(ContentErrors) as caught:
        parse(change(render(item())), PATH)
    assert str(caught.value).splitlines()[0] == message


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"ticket": "KPKP-26-1"}, "nomor tiket tidak valid: 'KPKP-26-1'"),
        ({"area": "Pembiayaan"}, "bidang tidak valid: 'Pembiayaan'"),
        ({"question": " \n "}, "pertanyaan kosong"),
        ({"received": dt.datetime(2026, 11, 23, 10)}, "waktu diterima harus memakai zona waktu"),
    ],
)
def test_render_refuses_invalid_items(bad, message):
    fields = {**item().__dict__, **bad}
    with pytest.raises(ValueError, match=message):
        render(PublicSubmission(**fields))


def test_with_answer_replaces_only_the_answer_even_when_the_question_quotes_the_heading():
    text = render(item("Apa bedanya?\n## Jawaban\n(tulisan warga, bukan jawaban)"))
    answered = with_answer(text, "Jawaban pertama.", PATH)
    again = with_answer(answered, "Jawaban kedua,\r\nlebih lengkap.", PATH)
    parsed = parse(again, PATH)
    assert parsed.answer_markdown == "Jawaban kedua,\nlebih lengkap." and parsed.status == "dijawab"
    assert parsed.question == "Apa bedanya?\n## Jawaban\n(tulisan warga, bukan jawaban)"
    assert again.split("## Pertanyaan")[0].replace("dijawab", "menunggu-jawaban") == text.split("## Pertanyaan")[0]
    with pytest.raises(ValueError, match="kosong"):
        with_answer(text, " \n ", PATH)


def test_a_follow_up_names_the_case_it_continues():
    follow_up = PublicSubmission(**{**item().__dict__, "follows": "KPKP-2026-000100"})
    text = render(follow_up)
    assert "provinsi: Jawa Barat\nlanjutan_dari: KPKP-2026-000100\n---" in text
    assert parse(text, PATH).follows == "KPKP-2026-000100"
    assert parse(render(item()), PATH).follows is None
    with pytest.raises(ContentErrors, match="lanjutan_dari"):
        parse(text.replace("KPKP-2026-000100", "KPKP-26-1"), PATH)

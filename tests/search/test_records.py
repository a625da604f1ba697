"""Algolia records built from the content: DocSearch shape, MkDocs anchors, what is left out, size limit."""

from __future__ import annotations

import json

from generator.config.pencarian import SearchDictionary
from generator.config.project import Project
from generator.pipeline import checked
from generator.search.algolia import synonyms
from generator.search.records import MAX_RECORD_BYTES, build_records, page_sections, paragraphs, record_hash
from generator.util.markdown import heading_anchors
from tests.conftest import write

SITE = "https://klinik.example.go.id/"


def records_of(root) -> list[dict]:
    return build_records(checked(Project(root)))


def by_id(records: list[dict]) -> dict[str, dict]:
    return {r["objectID"]: r for r in records}


def test_faq_records_have_the_docsearch_shape(kecil):
    """Page record with title, intro, alias and tag; one record per section; drafts left out."""
    records = by_id(records_of(kecil))
    page = records["faq/apa-itu-kpr-flpp/#"]
    assert page == {
        "objectID": "faq/apa-itu-kpr-flpp/#",
        "hierarchy": {"lvl0": "Pembiayaan", "lvl1": "Apa itu KPR FLPP?", "lvl2": None, "lvl3": None},
        "content": "KPR FLPP adalah kredit rumah bersubsidi dengan bunga tetap 5%.",
        "url": f"{SITE}faq/apa-itu-kpr-flpp/",
        "url_without_anchor": f"{SITE}faq/apa-itu-kpr-flpp/",
        "anchor": None,
        "topic": "pembiayaan",
        "type": "faq",
        "position": 0,
        "alias": ["rumah subsidi"],
        "tag": ["kpr", "flpp"],
        "hash": page["hash"],
    }
    section = records["faq/apa-itu-kpr-flpp/#siapa-yang-bisa"]
    assert section["hierarchy"] == {"lvl0": "Pembiayaan", "lvl1": "Apa itu KPR FLPP?", "lvl2": "Siapa yang bisa", "lvl3": None}
    assert section["content"] == "Warga berpenghasilan rendah. Lihat syaratnya."
    assert section["url"] == f"{SITE}faq/apa-itu-kpr-flpp/#siapa-yang-bisa"
    assert (section["anchor"], section["position"]) == ("siapa-yang-bisa", 1)
    assert "alias" not in section and "tag" not in section
    assert records["faq/apa-itu-kpr-flpp/#dasar-hukum"]["content"] == "Peraturan Menteri PKP Nomor 5 Tahun 2025"
    assert not any(oid.startswith("faq/rancangan/") for oid in records)  # draft


def test_every_kind_of_content_and_h3_sections(kecil):
    records = by_id(records_of(kecil))
    assert {r["type"] for r in records.values()} == {"faq", "artikel", "infografis", "modul", "prosedur"}
    step = records["prosedur/pbg/#langkah-1-daftar"]
    assert step["hierarchy"] == {"lvl0": "Perencanaan Rumah", "lvl1": "Mengurus PBG rumah tinggal", "lvl2": "Langkah-langkah", "lvl3": "Langkah 1: Daftar"}
    assert step["content"].startswith("Buat akun di SIMBG.") and "https://simbg.pu.go.id" in step["content"]
    assert records["prosedur/pbg/#"]["content"] == (
        "Langkah mengurus Persetujuan Bangunan Gedung. Lama seluruh proses: Paling lama 28 hari kerja Diurus melalui: SIMBG PBG diperlukan sebelum membangun."
    )
    assert records["artikel/rumah-layak/#"]["content"] == "Ciri rumah layak huni. Rumah layak huni aman, sehat dan cukup luas."
    assert records["infografis/alur/#transkrip"]["content"] == "Tanya, terima tiket, dijawab dalam 3 hari kerja."
    assert records["modul/m-01-uji/#riwayat-versi"]["hierarchy"]["lvl2"] == "Riwayat versi"


def test_page_chrome_is_left_out(kecil):
    """What the page keeps out of search (breadcrumbs, review note, related questions, the ask box) is not indexed."""
    records = records_of(kecil)
    text = json.dumps([r["content"] for r in records] + [r["hierarchy"] for r in records], ensure_ascii=False)
    for chrome in ("Ditinjau", "Tim Uji", "Pertanyaan terkait", "Belum terjawab", "Ajukan pertanyaan", "›", "Kata kunci"):
        assert chrome not in text, chrome


def test_anchors_are_the_ids_mkdocs_gives(kecil):
    """Duplicate headings (body and template both add 'Dasar hukum') are numbered as the toc extension does."""
    write(kecil, {"content/faq/catatan-ganda.md": (
        "---\npertanyaan: Bagaimana membaca catatan ganda?\ntopik: pembiayaan\nsubtopik: kredit-rumah\n"
        "ditinjau: 2026-11-20\npeninjau: {peran: TA, nama: Tim Uji}\ndasar_hukum: [UU Nomor 1 Tahun 2011]\nstatus: terbit\n---\n"
        "Pengantar.\n\n## Catatan\n\nPertama.\n\n### Rincian *penting*\n\nDetail.\n\n## Catatan\n\nKedua.\n\n"
        "## Dasar hukum\n\nLihat di bawah.\n\n```\n## bukan judul\n```\n"
    )})
    state = checked(Project(kecil))
    records = [r for r in build_records(state) if r["objectID"].startswith("faq/catatan-ganda/")]
    assert [(r["anchor"], r["hierarchy"]["lvl2"], r["hierarchy"]["lvl3"]) for r in records] == [
        (None, None, None),
        ("catatan", "Catatan", None),
        ("rincian-penting", "Catatan", "Rincian penting"),
        ("catatan_1", "Catatan", None),
        ("dasar-hukum", "Dasar hukum", None),
        ("dasar-hukum_1", "Dasar hukum", None),
    ]
    doc = state.content.by_slug[("faq", "catatan-ganda")]
    page_anchors = heading_anchors(state.renderer.document(doc))
    assert {r["anchor"] for r in records[1:]} <= page_anchors
    for record in build_records(state):
        doc = next(d for d in state.content.documents if d.published and record["url_without_anchor"] == SITE + d.url)
        assert record["anchor"] is None or record["anchor"] in heading_anchors(state.renderer.document(doc))


def test_giant_faq_is_split_under_the_size_limit(kecil):
    """A huge answer becomes several records, each JSON-encoded under 10,000 bytes, losing no word."""
    paragraph = " ".join(f"kata{n} rumah é" for n in range(300))  # ~5 KB, non-ASCII included
    long_paragraph = " ".join(f"panjang{n}" for n in range(4000))  # ~40 KB, one paragraph
    no_spaces = "x" * 25_000  # one 25 KB "word"
    aliases = [f"cara lain nomor {n} " + "menanyakan hal yang sama " * 11 for n in range(40)]  # ~11 KB of aliases
    body = "\n\n".join([paragraph] * 6) + f"\n\n## Bagian besar\n\n{long_paragraph}\n\n{no_spaces}\n\n## Kecil\n\nSingkat.\n"
    write(kecil, {"content/faq/raksasa.md": (
        "---\npertanyaan: Mengapa jawaban ini sangat panjang?\ntopik: pembiayaan\nsubtopik: kredit-rumah\n"
        f"alias: [{', '.join(aliases)}]\n"
        "ditinjau: 2026-11-20\npeninjau: {peran: TA, nama: Tim Uji}\nstatus: terbit\n---\n" + body
    )})
    records = [r for r in records_of(kecil) if r["objectID"].startswith("faq/raksasa/")]
    for record in records:
        assert len(json.dumps(record).encode("utf-8")) < 10_000
        assert len(json.dumps(record, ensure_ascii=False).encode("utf-8")) <= MAX_RECORD_BYTES
        assert record["hash"] == record_hash(record)
    ids = [r["objectID"] for r in records]
    assert len(ids) == len(set(ids))
    intro = [r for r in records if r["anchor"] is None]
    assert [r["objectID"] for r in intro] == ["faq/raksasa/#"] + [f"faq/raksasa/#~{n}" for n in range(2, len(intro) + 1)]
    assert len(intro) >= 4
    assert " ".join(r["content"] for r in intro) == " ".join([paragraph] * 6)
    kept = intro[0]["alias"]
    assert kept and kept == [a.strip() for a in aliases][: len(kept)] and len(kept) < len(aliases)  # trimmed to fit
    assert all("alias" not in r for r in intro[1:])
    big = [r for r in records if r["anchor"] == "bagian-besar"]
    assert len(big) >= 8
    assert "".join(r["content"] for r in big).replace(" ", "") == (long_paragraph + no_spaces).replace(" ", "")
    assert {r["url"] for r in big} == {f"{SITE}faq/raksasa/#bagian-besar"}
    assert [r["position"] for r in records] == list(range(len(records)))
    assert records[-1]["content"] == "Singkat."


def test_records_are_stable(kecil):
    """Building twice gives the same records and hashes (what makes incremental sync work)."""
    first, second = records_of(kecil), records_of(kecil)
    assert first == second
    assert all(r["hash"] == record_hash(r) for r in first)


def test_sections_skip_ignored_blocks_and_code():
    page = (
        "---\ntitle: T\n---\n\njejak\n{: .klinik-jejak data-pagefind-ignore=\"\" }\n\n# Judul\n\nIntro **tebal**.\n\n"
        "Kata kunci: a, b\n{: .klinik-kata-kunci }\n\n"
        "<div class=\"klinik-tinjau\" data-pagefind-ignore markdown>\nDitinjau kemarin.\n<div>dalam</div>\n</div>\n\n"
        "## Satu\n\n```\n## bukan judul\n```\n\nIsi satu.\n\n!!! warning \"Perhatian\"\n    Isi peringatan.\n\n#### Kecil\n\nDetail.\n\n"
        "<div data-pagefind-ignore markdown>\n\n## Terkait\n\n- lain\n\n</div>\n"
    )
    sections = page_sections(page)
    assert [(s.level, s.title, s.anchor, s.ignored) for s in sections] == [
        (1, "Judul", None, False), (2, "Satu", "satu", False), (2, "Terkait", "terkait", True),
    ]
    assert paragraphs(sections[0].lines) == ["Intro tebal."]
    assert paragraphs(sections[1].lines) == ["Isi satu.", "Perhatian Isi peringatan.", "Kecil", "Detail."]


def test_dictionary_becomes_synonyms():
    dictionary = SearchDictionary.model_validate({
        "normalisasi": {"gak": "tidak", "imbnya": "imb", "sertipikat": "sertifikat"},
        "sinonim": [["pbg", "imb", "izin mendirikan bangunan"], ["sertifikat", "shm"]],
    })
    assert synonyms(dictionary) == [
        {"objectID": "sinonim-0", "type": "synonym", "synonyms": ["pbg", "imb", "izin mendirikan bangunan"]},
        {"objectID": "sinonim-1", "type": "synonym", "synonyms": ["sertifikat", "shm"]},
        {"objectID": "normalisasi-gak", "type": "oneWaySynonym", "input": "gak", "synonyms": ["tidak"]},
        {"objectID": "normalisasi-imbnya", "type": "oneWaySynonym", "input": "imbnya", "synonyms": ["imb", "pbg", "izin mendirikan bangunan"]},
        {"objectID": "normalisasi-sertipikat", "type": "oneWaySynonym", "input": "sertipikat", "synonyms": ["sertifikat", "shm"]},
    ]

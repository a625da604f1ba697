"""`klinik ikm terbitkan`: a period's survey aggregates written to content/ikm/<periode>.yml on a review branch."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from generator.config import SiteConfig, read_site_config
from generator.config.ikm import months_of, periode_bounds
from generator.config.project import Project
from generator.content.ikm import MIN_RESPONDENTS, NATIONAL, SECTION, HasilIkm, IkmRelease, TerbitanIkm, check_releases
from generator.intake.publish.gitrepo import GitFailed, Repo, bot_env, commit_file
from generator.intake.settings import IntakeSettings
from generator.intake.store.db import Store, open_engine
from generator.intake.store.register import Register
from generator.intake.store.survey import survey_responses
from generator.util.errors import GeneratorError, summary

BRANCH_PREFIX = "ikm/"
UNCOUNTED_CHANNELS = ("acara",)
"""Events inform people without a case or an invitation to the survey, so they are not the survey's population."""


def release_path(periode: str) -> str:
    return f"content/{SECTION}/{periode}.yml"


def _services(register: Register, periode: str) -> Counter:
    """Services per Balai in the period that could be surveyed (every channel but events)."""
    start, end = periode_bounds(periode)
    counted: Counter = Counter()
    for balai, kanal, count in register.per_balai(start, end + dt.timedelta(days=1)):
        if kanal not in UNCOUNTED_CHANNELS:
            counted[balai] += count
    return counted


def _plans(repo: Repo, refs: list[str], path: str) -> dict[str, list[str]]:
    """Follow-up plans already written in an earlier draft of the same period, so publishing again keeps them."""
    for ref in refs:
        text = repo.read_blobs([f"{ref}:{path}"]).get(f"{ref}:{path}")
        if text:
            try:
                old = TerbitanIkm.model_validate(yaml.safe_load(text))
            except (yaml.YAMLError, ValueError):
                continue
            return {row.balai: list(row.tindak_lanjut) for row in old.hasil}
    return {}


def build_release(config: SiteConfig, store: Store, periode: str, plans: dict[str, list[str]], today: dt.date) -> tuple[TerbitanIkm, int]:
    """The period's aggregates: one row per Balai that served or was rated, and the national row; answers of another set skipped."""
    chosen = config.ikm.set_for_periode(periode)
    width = len(chosen.unsur)
    answers = survey_responses(store, None, months_of(periode))
    kept = [r for r in answers if r.unsur == chosen.slug and len(r.nilai) == width]
    services = _services(Register(store), periode)
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    counts: Counter = Counter()
    for answer in kept:
        for key in (answer.balai, NATIONAL):
            counts[key] += 1
            sums[key] = [a + b for a, b in zip(sums[key], answer.nilai, strict=True)]
    services[NATIONAL] = sum(services.values())
    order = [NATIONAL, *(b.slug for b in config.balai.balai if services[b.slug] or counts[b.slug])]
    rows = [HasilIkm(balai=slug, layanan=max(services[slug], counts[slug]), responden=counts[slug],
                     jumlah=sums[slug] if counts[slug] >= MIN_RESPONDENTS else [], tindak_lanjut=plans.get(slug, []))
            for slug in order]
    return TerbitanIkm(periode=periode, unsur=chosen.slug, diterbitkan=today, hasil=rows), len(answers) - len(kept)


def release_text(release: TerbitanIkm) -> str:
    """The YAML a reviewer reads: fixed key order, one row per Balai, no single answer anywhere."""
    data = release.model_dump(mode="json")
    for row in data["hasil"]:
        if not row["jumlah"]:
            del row["jumlah"]
        if not row["tindak_lanjut"]:
            del row["tindak_lanjut"]
    head = (f"# Hasil survei kepuasan {release.periode}, ditulis `klinik ikm terbitkan`: jumlah nilai per unsur, bukan jawaban perorangan.\n"
            f"# Kepala Balai menambah `tindak_lanjut` (rencana untuk unsur terlemah) sebelum cabang ini digabungkan.\n")
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def terbitkan(project: Project, settings: IntakeSettings, periode: str, today: dt.date) -> str:
    """Compute, validate, then commit the release on branch ikm/<periode> of the review repository; say what to review."""
    config = read_site_config(project.root)
    _, end = periode_bounds(periode)
    if end >= today:
        raise GeneratorError(f"periode {periode} belum selesai (berakhir {end:%d-%m-%Y}); terbitkan setelah periode berakhir")
    repo = Repo(Path(settings.repository))
    branch, path = BRANCH_PREFIX + periode, release_path(periode)
    try:
        base = repo.resolve(f"refs/heads/{settings.base_branch}")
        if base is None:
            raise GeneratorError(f"cabang dasar {settings.base_branch!r} tidak ada di {repo.path}")
        tip = repo.resolve(f"refs/heads/{branch}")
        plans = _plans(repo, [r for r in (tip, base) if r], path)
        release, skipped = build_release(config, Store(open_engine(settings.db_url)), periode, plans, today)
        text = release_text(release)
        problems = check_releases([IkmRelease(Path(path), text, release)], config)
        if problems:
            raise GeneratorError(f"hasil {periode} tidak valid:\n{summary(problems)}")
        when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")
        commit = commit_file(repo, tip or base, path, text, f"IKM {periode}: hasil survei kepuasan untuk ditinjau", bot_env(when))
        repo.run("update-ref", f"refs/heads/{branch}", commit, tip or "0" * len(base))
    except GitFailed as exc:
        raise GeneratorError(f"{repo.path}: {exc}") from None
    national = release.hasil[0]
    note = f"; {skipped} jawaban dengan set unsur lain tidak dihitung" if skipped else ""
    return (f"{path} ditulis di cabang {branch}: {national.responden} responden dari {national.layanan} layanan, "
            f"{len(release.hasil) - 1} Balai{note}. Tinjau, tambahkan tindak_lanjut, lalu gabungkan ke {settings.base_branch}.")

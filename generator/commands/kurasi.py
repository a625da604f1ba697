"""`klinik kurasi`: list open questions with their deadline state, turn an answered one into a FAQ."""

from __future__ import annotations

import datetime as dt

from generator.commands.check import check, describe_counts
from generator.commands.new_faq import new_faq
from generator.config.balai import BALAI_FILE, BalaiDirectory
from generator.config.project import Project
from generator.content.collection import ContentSet
from generator.content.duplicates import closest_faq, decimal
from generator.intake.deadline import load_calendar
from generator.intake.model import PublishError, PublishRetry
from generator.intake.privacy.redact import find_personal_data
from generator.intake.publish.editorial import Proposal, propose_git, propose_github
from generator.intake.publish.git import BRANCH_PREFIX
from generator.intake.publish.github_client import GitHubClient
from generator.intake.publish.submission_file import SUBMISSIONS_DIR, SubmissionFile, path_for, with_status
from generator.intake.review import ANSWERED, DUE_TODAY, LATE, ON_TIME, gather_submissions, open_submissions, sla_state
from generator.intake.settings import load_settings
from generator.util.errors import ContentErrors, GeneratorError, Problem, summary
from generator.util.markup import markup_in, neutralise
from generator.util.yaml_io import load_model


def _balai_directory(project: Project) -> BalaiDirectory:
    """site_config/balai.yml alone (the Balai of each question's province); ContentErrors if it is invalid."""
    problems: list[Problem] = []
    directory, _ = load_model(project.config_dir / BALAI_FILE, BalaiDirectory, problems)
    if directory is None or problems:
        raise ContentErrors(problems)
    return directory  # type: ignore[return-value]


def daftar(project: Project, today: dt.date) -> str:
    """The table `klinik kurasi daftar` prints."""
    rows, problems = open_submissions(project)
    if problems:
        raise ContentErrors(problems)
    if not rows:
        return "Tidak ada pertanyaan terbuka."
    calendar = load_calendar(project.root / "site_config")  # age counts working days, as the deadline does
    directory = _balai_directory(project)
    table = [("tiket", "bidang", "balai", "diterima", "umur", "tenggat", "keadaan")]
    for f in rows:
        s = f.submission
        age = calendar.working_days_between(s.received.date(), today)
        balai = directory.of(s.provinsi)
        table.append((s.ticket, s.area, balai.slug if balai else "-", s.received.date().isoformat(), f"{age} hari kerja",
                      s.deadline.isoformat(), sla_state(s, today)))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)).rstrip() for row in table]
    counts = {state: sum(sla_state(f.submission, today) == state for f in rows) for state in (LATE, DUE_TODAY, ON_TIME, ANSWERED)}
    lines.append(f"{len(rows)} pertanyaan terbuka: " + ", ".join(f"{n} {state}" for state, n in counts.items() if n) + ".")
    return "\n".join(lines)


def faq_question(submission: SubmissionFile, override: str | None) -> str:
    """The FAQ question: the TA's wording, or the (already redacted) question on one line, its markup made inert."""
    text = " ".join((override or submission.question).split())
    if not override:
        text = neutralise(text)  # '<script>' stays readable as '< script>'; the site escapes it as well
    found = markup_in(text)
    if found:
        if override:
            raise GeneratorError(f"--pertanyaan memuat markup HTML atau tautan skrip ({found!r}); tulis sebagai teks biasa")
        raise GeneratorError(
            f"pertanyaan {submission.ticket} memuat markup HTML atau tautan skrip ({found!r}); tulis ulang sebagai teks biasa dengan --pertanyaan"
        )
    if len(text) > 300:
        raise GeneratorError(f"pertanyaan {submission.ticket} {len(text)} karakter; FAQ paling panjang 300: ringkas dengan --pertanyaan \"...\"")
    if find_personal_data(text):
        raise GeneratorError(
            f"pertanyaan {submission.ticket} masih memuat data pribadi ({', '.join(find_personal_data(text))}); tulis ulang dengan --pertanyaan"
        )
    return text


ALIAS_LIMIT = 300
"""The longest `alias` a FAQ takes (ShortText in content/schemas.py)."""


def citizen_alias(submission: SubmissionFile, question: str) -> tuple[str | None, str]:
    """The citizen's redacted question as the FAQ's alias (cut to the limit at a sentence or word), and a line saying what was done."""
    text = neutralise(" ".join(submission.question.split()))
    if text.casefold() == question.casefold():
        return None, "Alias: tidak ditambahkan, pertanyaan warga sudah menjadi pertanyaan FAQ."
    if find_personal_data(text):
        return None, f"Alias: tidak ditambahkan, pertanyaan warga masih memuat data pribadi ({', '.join(find_personal_data(text))})."
    if markup_in(text):
        return None, "Alias: tidak ditambahkan, pertanyaan warga memuat markup HTML atau tautan skrip."
    if len(text) <= ALIAS_LIMIT:
        return text, "Alias: pertanyaan warga (sudah disamarkan) ditambahkan sebagai alias."
    head = text[: ALIAS_LIMIT + 1]  # the space after a sentence that ends exactly at the limit
    end = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    if end >= ALIAS_LIMIT // 3:  # whole sentences, when they keep at least a third
        cut = head[: end + 1]
    else:
        space = head.rfind(" ", 0, ALIAS_LIMIT - 1)
        cut = (head[:space] if space > 0 else head[: ALIAS_LIMIT - 1]) + "…"
    return cut, f"Alias: pertanyaan warga {len(text)} karakter, dipotong menjadi {len(cut)} karakter (alias paling panjang {ALIAS_LIMIT})."


def closest_lines(content: ContentSet, question: str) -> list[str]:
    """What `terbitkan` says before it writes: the closest published FAQ, and a warning when it is nearly the same."""
    found = closest_faq(content, question)
    if found is None:
        return ["FAQ terdekat: tidak ada FAQ terbit yang memakai kata penting yang sama."]
    where = f"content/{found.document.src_uri} (kemiripan {decimal(found.score)}): {found.document.title}"
    if not found.near_duplicate:
        return [f"FAQ terdekat: {where}"]
    return [
        f"PERHATIAN: FAQ ini mungkin mengulang FAQ yang sudah ada, {where}",
        "FAQ tetap ditulis; sebelum digabung, putuskan apakah keduanya digabung atau pertanyaannya dibedakan.",
    ]


FAQ_COLLECTION = "faq"
"""The editor's collection of content/faq/ (site/cms_config names each collection after its content folder)."""


def propose_faq(project: Project, faq, ticket: str, topik: str, status: str, routing) -> tuple[str, str]:
    """Offer the written FAQ as Decap's editor would: branch cms/faq/<topik>/<slug> with one file and a workflow
    status, as a GitHub pull request (KLINIK_PUBLISHER=github) or a branch of the local repository; (branch, where)."""
    settings = load_settings(project_dir=project.root)
    path = faq.relative_to(project.root).as_posix()
    route = routing.route(topik)
    proposal = Proposal(
        collection=FAQ_COLLECTION, folder=project.content_dir.relative_to(project.root).as_posix() + "/faq", path=path, text=faq.read_text(encoding="utf-8"),
        title=f"FAQ baru dari {ticket}: {faq.stem}", status=status, labels=(route.labels[0],),
        body=f"FAQ dari jawaban tiket {ticket} (`klinik kurasi terbitkan`). Tinjau di editor (/admin/, Alur tinjauan) atau di sini; "
             "gabungkan untuk menerbitkannya. Identitas penanya tidak pernah masuk ke repositori.",
        reviewers=tuple(route.reviewers), team_reviewers=tuple(route.team_reviewers),
    )
    if settings.publisher == "github":
        secret = lambda value: value.get_secret_value() if value is not None else None  # noqa: E731
        client = GitHubClient(settings.github_api_url, token=secret(settings.github_token), app_id=settings.github_app_id,
                              app_private_key=secret(settings.github_app_private_key), installation_id=settings.github_installation_id,
                              min_interval_s=settings.github_min_interval_seconds)
        try:
            return proposal.branch, propose_github(client, settings.github_repo, settings.base_branch, proposal)
        finally:
            client.close()
    return proposal.branch, f"repositori {settings.repository} ({propose_git(settings.repository, settings.base_branch, proposal)})"


def terbitkan(
    project: Project, ticket: str, slug: str, *, subtopik: str | None = None, pertanyaan: str | None = None, today: dt.date | None = None,
    pull_request: str | None = None,
) -> list[str]:
    """Write content/faq/<area>/<slug>.md from an answered submission, mark it diterbitkan; return the lines to print.

    The closest published FAQ is named first; a near-duplicate is still written (the TA decides) but said so.
    With `pull_request` (a Decap workflow status) the checked FAQ goes to its own review branch instead of the
    working tree, where the editor's workflow board shows it; merging that pull request publishes it.
    """
    found, _ = gather_submissions(project)
    if ticket not in found:
        raise GeneratorError(f"tiket {ticket} tidak ditemukan di {SUBMISSIONS_DIR}/ maupun cabang {BRANCH_PREFIX}{ticket}")
    item = found[ticket]
    if not item.submission.answer_markdown:
        raise GeneratorError(f"tiket {ticket} belum dijawab: isi bagian '## Jawaban' di {item.source} dulu")
    if item.submission.status == "diterbitkan":
        raise GeneratorError(f"tiket {ticket} sudah diterbitkan")
    question = faq_question(item.submission, pertanyaan)
    alias, alias_line = citizen_alias(item.submission, question)
    state, problems = check(project)
    before: list[str] = []
    if state is not None:
        taken = [d.src_uri for d in state.content.documents if getattr(d.entry, "tiket", None) == ticket]
        if taken:
            raise GeneratorError(f"tiket {ticket} sudah menjadi FAQ content/{taken[0]}")
        before = closest_lines(state.content, question)
    faq = new_faq(
        project, topik=item.submission.area, subtopik=subtopik, pertanyaan=question,
        jawaban=item.submission.answer_markdown, slug=slug, tiket=ticket, alias=[alias] if alias else [], today=today,
    )
    target = project.root / (item.source if item.in_tree else str(path_for(ticket, item.submission.received)))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(with_status(item.text, "diterbitkan"), encoding="utf-8")
    def undo() -> None:
        faq.unlink()
        if item.in_tree:
            target.write_text(item.text, encoding="utf-8")
        else:
            target.unlink()

    state, problems = check(project)
    if problems:  # e.g. a link in the answer that does not resolve: undo both writes
        undo()
        raise GeneratorError(f"tiket {ticket} tidak diterbitkan; perbaiki jawabannya dulu:\n{summary(problems)}")
    if pull_request:
        rel = faq.relative_to(project.root).as_posix()
        try:
            branch, where = propose_faq(project, faq, ticket, item.submission.area, pull_request, state.content.config.peninjau)
        except (PublishError, PublishRetry, GeneratorError) as exc:  # nothing was proposed: leave everything as it was, so a retry works
            undo()
            raise GeneratorError(f"tiket {ticket} tidak diajukan: {exc}") from None
        faq.unlink()  # the FAQ lives on its branch until the pull request is merged
        if faq.parent != project.content_dir / "faq" and not any(faq.parent.iterdir()):
            faq.parent.rmdir()  # a folder new_faq made only for it
        return [
            *before,
            f"FAQ diajukan untuk ditinjau: {rel} di cabang {branch}, {where}",
            alias_line,
            f"Status {target.relative_to(project.root).as_posix()}: diterbitkan",
            f"Bersama FAQ ini: {describe_counts(state)}",
        ]
    return [
        *before,
        f"FAQ ditulis: {faq.relative_to(project.root).as_posix()}",
        alias_line,
        f"Status {target.relative_to(project.root).as_posix()}: diterbitkan",
        describe_counts(state),
    ]


"""1,000 generated questions with planted personal data, many in tricky Unicode spellings: none survives
redaction, none reaches git history."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

from generator.intake.outbox import Outbox
from generator.intake.privacy.normalise import normalise
from generator.intake.privacy.redact import find_personal_data, redact
from generator.intake.publish.git import GitPublisher
from generator.intake.web.app import create_app
from tests.intake_repo import init_repo
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

FIRST_NAMES = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Yohanes", "Made", "Nur", "Wayan", "Fransiska"]
FAMILY_NAMES = ["Aminah", "Santoso", "Lestari", "Hutapea", "Sitompul", "Wijaya", "Pattimura", "Rahmawati"]
STREETS = ["Merdeka", "Sudirman", "Melati", "Kenanga Raya", "Ahmad Yani", "Diponegoro", "Cempaka Putih"]
TEMPLATES = [
    "Saya mau tanya soal KPR subsidi, gaji Rp {money} per bulan. {pii}. Apakah bisa?",
    "Rumah tipe 36 di tanah 72 m2 retak sejak 2021 (PP 16/2021). {pii}, mohon dibantu.",
    "{pii}. Bagaimana mengurus PBG untuk rumah 2 lantai dengan biaya 150 juta?",
    "Apakah bantuan BSPS bisa untuk rumah saya? {pii}. Terima kasih.",
]


def _digits(n: int, rng: random.Random) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def planted(rng: random.Random) -> tuple[str, str]:
    """One piece of personal data in a random common written form: (sentence, the value itself)."""
    kind = rng.randrange(7)
    if kind == 0:
        core = "8" + rng.choice("1235789") + _digits(rng.choice([7, 8, 9]), rng)
        sep = rng.choice(["", " ", "-", "."])
        groups = [core[:3], core[3:7], core[7:]]
        value = rng.choice(["0", "+62 ", "62", "+62-"]) + sep.join(groups)
        return f"HP/WA saya {value}", value
    if kind == 1:
        user = rng.choice(["budi", "siti.aminah", "agus_s", "rina99"]) + _digits(2, rng)
        value = rng.choice([f"{user}@gmail.com", f"{user}@yahoo.co.id", f"{user} at gmail dot com", f"{user}[at]mail[dot]id"])
        return f"email {value}", value
    if kind == 2:
        nik = rng.choice(["32", "33", "35", "51", "73"]) + _digits(14, rng)
        value = rng.choice([nik, f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}", f"{nik[:6]}.{nik[6:12]}.{nik[12:]}"])
        return f"NIK {value}", value
    if kind == 3:
        value = _digits(16, rng).lstrip("0") or "1"
        value = "3" + value[1:].rjust(15, "1")
        return f"no KK {value}", value
    if kind == 4:
        bank = rng.choice(["BRI", "BNI", "BCA", "Mandiri", "BSI", "BTN"])
        value = _digits(rng.choice([10, 13, 15]), rng)
        return f"rekening {bank} saya {value}", value
    if kind == 5:
        value = f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 200)}"
        return f"alamat {value}", value
    value = f"RT {rng.randint(1, 20):03d}/RW {rng.randint(1, 15):03d}"
    return f"tinggal di {value}", value


SPELLINGS = ["plain", "nbsp", "narrow nbsp", "zero-width space", "commas", "full-width", "arabic-indic"]
FULL_WIDTH = str.maketrans("0123456789@", "０１２３４５６７８９＠")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _regrouped(value: str, separator: str, size: int = 4) -> str:
    """The digits after any +62/62/0 prefix, in groups of `size` joined by separator."""
    head, rest = re.match(r"(\+62[ -]?|62|0)?(.*)", value).groups()
    digits = re.sub(r"\D", "", rest)
    return (head or "") + separator.join(digits[i : i + size] for i in range(0, len(digits), size))


def spelled(value: str, how: str) -> str:
    """The same value as a phone keyboard, a copy from WhatsApp or a word processor may write it."""
    if how == "plain":
        return value
    if "@" in value:
        return value.translate(FULL_WIDTH)  # full-width ＠, whatever the spelling asked for
    if how in ("full-width", "arabic-indic"):
        return value.translate(FULL_WIDTH if how == "full-width" else ARABIC_INDIC)
    separator = {"nbsp": "\u00a0", "narrow nbsp": "\u202f", "zero-width space": "\u200b", "commas": ","}[how]
    if re.fullmatch(r"[+\d .\-]+", value):  # a phone, NIK, KK or account number: regroup its digits
        return _regrouped(value, separator, 3 if how == "zero-width space" else 4)
    return value.replace(" ", separator) if how in ("nbsp", "narrow nbsp") else value  # an address or "at ... dot"


def _history(repo: Path) -> str:
    objects = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"], capture_output=True, check=True).stdout
    refs = subprocess.run(["git", "-C", str(repo), "for-each-ref"], capture_output=True, check=True, text=True).stdout
    return objects.decode("utf-8", "replace") + refs


def squeezed(text: str) -> str:
    """The text normalised (every digit ASCII, no invisible characters) without separators: digits stand out."""
    return re.sub(r"[ .,\-+]", "", normalise(text))


def _leaks(value: str, text: str, squeeze: str) -> bool:
    """Whether a planted value, as written or normalised, or its digits without separators or country code, is in
    the text (squeeze is squeezed(text))."""
    plain = normalise(value)
    digits = re.sub(r"\D", "", plain)
    return value in text or plain in text or (len(digits) >= 8 and (digits in squeeze or digits.removeprefix("62") in squeeze))


def generated(count: int) -> list[tuple[str, list[str]]]:
    """(question, planted values) pairs, the same on every run; each value in one of SPELLINGS."""
    rng, spelling = random.Random(20261123), random.Random(90009)
    out = []
    for _ in range(count):
        pieces = [planted(rng) for _ in range(rng.randint(1, 3))]
        money = f"{rng.randint(2, 9)}.{rng.randint(0, 9)}00.000"
        money = money.replace(".", ",") if spelling.random() < 0.3 else money  # 5,500,000 is money, not a phone
        pieces = [(sentence.replace(value, written), written) for (sentence, value), written in
                  ((piece, spelled(piece[1], spelling.choice(SPELLINGS))) for piece in pieces)]
        out.append((rng.choice(TEMPLATES).format(money=money, pii=", ".join(p[0] for p in pieces)), [p[1] for p in pieces]))
    return out


def test_the_generated_questions_use_every_spelling():
    values = [value for _, planted_values in generated(1000) for value in planted_values]
    assert any("\u00a0" in v for v in values) and any("\u202f" in v for v in values) and any("\u200b" in v for v in values)
    assert any(re.search(r"\d,\d", v) for v in values) and any("＠" in v for v in values)
    assert any("５" in v or "８" in v for v in values) and any("٨" in v for v in values)


def test_redaction_removes_every_planted_value_and_keeps_the_amounts():
    for question, values in generated(1000):
        redacted = redact(question)
        assert find_personal_data(redacted) == [], question
        assert redacted.count("[disamarkan]") >= len(values), question
        assert not any(_leaks(value, redacted, squeezed(redacted)) for value in values), question
        assert re.search(r"Rp \d[.,]\d00[.,]000|PP 16/2021|150 juta|BSPS", redacted), question


def test_thousand_submissions_through_the_intake_leave_nothing_personal_in_git(tmp_path):
    """1,000 questions posted to the real intake, identity fields and question text both carrying planted
    personal data, published by the outbox to a git repository: no planted value is in any object or ref."""
    project, repo = intake_project(tmp_path), init_repo(tmp_path / "repo")
    app = create_app(settings_for(project, repo_path=repo, rate_limit=100_000))
    rng = random.Random(27022)
    planted_values: list[str] = []
    with LiveServer(app) as server:
        for number, (question, values) in enumerate(generated(1000)):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"
            phone = "08" + _digits(10, rng)
            email = f"{name.lower().replace(' ', '.')}{number}@contoh.id"
            status, _, body = server.post_json({**VALID, "nama": name, "telepon": phone, "email": email, "pertanyaan": question})
            assert status == 201, body
            planted_values += [*values, name, phone, email]
    published = Outbox(app.state.intake.store, GitPublisher(repo)).drain()
    assert published == 1000
    assert len(subprocess.run(["git", "-C", str(repo), "branch", "--list", "pertanyaan/*"], capture_output=True, text=True).stdout.split()) == 1000
    history = _history(repo)
    squeeze = squeezed(history)
    assert [value for value in planted_values if _leaks(value, history, squeeze)] == []
    assert history.count("[disamarkan]") >= len(planted_values) - 3000

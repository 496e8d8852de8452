"""Rebuild the drafting gazetteer (``gazetteer.csv``) and verb table (``verbs.csv``).

Both are derived from the PETRARCH2 / Phoenix actor and verb dictionaries
(openeventdata/petrarch2, MIT licence; the notice is in ``README.md`` beside
this script), pinned to one commit and a SHA-256 per file, reconciled with
``data/world/states.csv`` (names to ISO 3166 alpha-3 codes), plus the
hand-kept, cited ``supplement.csv`` (capitals, current office-holders and the
organizations the dictionaries lack: they stop in 2014). The script refuses a
dictionary file whose hash differs and writes sorted rows, UTF-8, LF line
endings: two runs on the same files give the same bytes.

Usage, from the repository root::

    python data/draft/rebuild.py --sources DIR    # the four dictionary files in DIR
    python data/draft/rebuild.py                  # download them at the pinned commit
    python data/draft/rebuild.py --check          # compare with the shipped tables

Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
import unicodedata
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATES = HERE.parent / "world" / "states.csv"
REPO = "openeventdata/petrarch2"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
FOLDER = "petrarch2/data/dictionaries"
#: File name -> SHA-256 of its bytes at COMMIT.
FILES = {
    "Phoenix.Countries.actors.txt": "8d4ee11692ccb1636a5cf4421849c420508acbd9b930adab457472b843276506",
    "Phoenix.International.actors.txt": (
        "6fafbbe39bc47858edb9262411ab005b97977818237f85f3808fd11701a3ad2c"
    ),
    "Phoenix.MilNonState.actors.txt": (
        "78496d642ceb3501137f12a3d8af7820b139319200b5ecffa05f0f91a2508f3b"
    ),
    "CAMEO.2.0.txt": "4a442ee42f7574651ec1c594f127353cdffbf18fa97b207ad5d8298a3cfaa08f",
}
#: How a row's ``source`` names each dictionary file (``file:line``).
SHORT = {
    "Phoenix.Countries.actors.txt": "countries",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "nonstate",
    "CAMEO.2.0.txt": "cameo",
}
#: Office-holders whose last office ended before this date are left out (older than any
#: text the tool is meant for; they would only add false matches).
OLDEST_OFFICE = "1980-01-01"
GAZETTEER_COLUMNS = ("name", "kind", "key", "label", "country", "start", "end", "source")
VERB_COLUMNS = ("verb", "cameo", "source")

#: Words that make a dictionary entry an organization rather than a person.
ORG_WORDS = frozenset(
    """organization organisation union council commission bank fund agency court association
    community commonwealth nations treaty alliance committee programme program institute forum
    league conference secretariat parliament assembly tribunal authority cooperation
    partnership board federation movement front army brigade brigades party group force forces
    jihad mujahideen liberation militia""".split()
)
#: Entries of the international file that name people or crowds, not bodies.
NOT_BODIES = frozenset(
    """countries ministers minister monitor spokesman spokeswoman official officials peacekeeper
    peacekeepers troops envoy chief secretary delegation delegates members member observers
    inspectors staff soldiers president chairman head director""".split()
)
#: Titles dropped from the front of a person's name variant.
TITLES = (
    "president ",
    "prime minister ",
    "premier ",
    "chancellor ",
    "king ",
    "queen ",
    "emir ",
    "sheikh ",
    "general ",
    "foreign minister ",
)
_SMALL = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "al", "el", "bin"}
_CODE_RE = re.compile(r"\[([^\]]*)\]")
_DATE6 = re.compile(r"^\d{6}$")
_DATE8 = re.compile(r"^\d{8}$")


def log(message: str) -> None:
    """A progress line on stderr."""
    print(message, file=sys.stderr)


def fold(text: str) -> str:
    """Lower case, accents and typographic quotes folded, underscores as spaces, no "the ".

    A leading article is not part of a name: "the United States" in a text matches
    "united states" ("the" stays outside the match).
    """
    text = unicodedata.normalize("NFKD", text.replace("_", " ").replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip().lower())


def slug(text: str) -> str:
    """An id from a label: lower-case letters, digits and underscores."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def title(name: str) -> str:
    """A dictionary name (upper case) in title case, small words kept small."""
    words = fold(name).split()
    out = [w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(out)


def gather(folder: Path | None) -> dict[str, bytes]:
    """The four dictionary files, from ``folder`` or downloaded; each hash checked."""
    out = {}
    for name, digest in FILES.items():
        if folder is not None:
            data = (folder / name).read_bytes()
        else:
            url = f"https://raw.githubusercontent.com/{REPO}/{COMMIT}/{FOLDER}/{name}"
            log(f"downloading {url}")
            with urllib.request.urlopen(url, timeout=120) as response:
                data = response.read()
        got = hashlib.sha256(data).hexdigest()
        if got != digest:
            raise SystemExit(f"{name}: SHA-256 {got} is not the pinned {digest}")
        out[name] = data
    return out


def _entries(text: str):
    """(line number, name, [synonyms], [codes]) of each entry of a TABARI actor file."""
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = _CODE_RE.findall(line)
        head = _CODE_RE.sub("", line).strip()
        if raw[:1] in " \t" and not head:
            if current is not None:
                current[3].extend(codes)
            continue
        if head.startswith("+"):
            if current is not None:
                current[2].append(head[1:].strip())
                current[3].extend(codes)
            continue
        if current is not None:
            yield tuple(current)
        current = [number, head, [], list(codes)]
    if current is not None:
        yield tuple(current)


def _date(text: str, *, century_cut: int = 30) -> str:
    text = text.strip()
    if _DATE8.match(text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if _DATE6.match(text):
        yy = int(text[:2])
        year = (2000 if yy < century_cut else 1900) + yy
        return f"{year}-{text[2:4]}-{text[4:]}"
    return ""


def _gov_span(codes: list[str]) -> tuple[str, str, str] | None:
    """(country, start, end) of the last government office in the codes, or None."""
    best = None
    for code in codes:
        parts = code.split(None, 1)
        if not parts or len(parts[0]) < 6 or parts[0][3:6] != "GOV":
            continue
        country, rest = parts[0][:3], (parts[1] if len(parts) > 1 else "").replace(" ", "")
        start = end = ""
        if rest.startswith(">"):
            start = _date(rest[1:])
        elif rest.startswith("<"):
            end = _date(rest[1:])
        elif "-" in rest:
            a, b = rest.split("-", 1)
            start, end = _date(a), _date(b)
        span = (country, start, end)
        if best is None or (end == "" or end > best[2] != "") or start > best[1]:
            best = span
    return best


def _person_names(name: str, synonyms: list[str]) -> list[str]:
    out = []
    for n in [name, *synonyms]:
        f = fold(n)
        for t in TITLES:
            if f.startswith(t):
                f = f[len(t) :]
        words = f.split()
        if 2 <= len(words) <= 5 and not (set(words) & ORG_WORDS) and f not in out:
            out.append(f)
    return out


def _state_names(states: list[dict]) -> dict[str, set[str]]:
    """ISO3 -> the folded names states.csv gives it."""
    names: dict[str, set[str]] = {}
    for s in states:
        if s["iso3"]:
            all_names = [s["name"], *[n for n in s["names"].split(";") if n]]
            names.setdefault(s["iso3"], set()).update(fold(n) for n in all_names)
    return names


def countries(text: str, states: list[dict], file: str) -> list[dict]:
    """State names, other places and office-holders of the countries file."""
    known = _state_names(states)
    labels = {s["iso3"]: s["name"] for s in states if s["iso3"]}
    rows, iso = [], None
    for number, name, synonyms, codes in _entries(text):
        where = f"{SHORT[file]}:{number}"
        own = [c.split()[0] for c in codes if c.split() and re.fullmatch(r"[A-Z]{3}", c.split()[0])]
        if own:
            iso = own[-1]  # the last code is the current one ("[USRAZE <911018] ... [AZE >911221]")
            if iso not in labels:
                iso = None
                continue
            stems = {n[:4] for n in known.get(iso, ())} | {fold(name)[:4]}
            for n in [name, *synonyms]:
                f = fold(n)
                kind = "state" if f[:4] in stems else "place"
                rows.append(_row(f, kind, iso, labels[iso], "", "", "", where))
            continue
        span = _gov_span(codes)
        if span is None or span[0] not in labels or "" != span[2] < OLDEST_OFFICE:
            continue
        people = _person_names(name, synonyms)
        if not people:
            continue
        label = title(people[0])
        for f in people:
            rows.append(_row(f, "official", slug(label), label, *span, where))
    for code, ns in known.items():
        for f in ns:
            rows.append(_row(f, "state", code, labels[code], "", "", "", "states.csv"))
    return rows


def _row(name, kind, key, label, country, start, end, source) -> dict:
    return dict(zip(GAZETTEER_COLUMNS, (name, kind, key, label, country, start, end, source)))


def _initials(name: str) -> str:
    return "".join(w[0] for w in fold(name).split() if w not in _SMALL)


def _is_acronym(name: str) -> bool:
    core = name.rstrip("_").replace(".", "")
    return core.isalpha() and core.isupper() and 2 <= len(core) <= 8 and "_" not in core


def international(text: str, file: str, *, kind: str = "organization") -> list[dict]:
    """Bodies of the international or non-state file: names, synonyms and acronyms merged."""
    blocks = []
    for number, name, synonyms, codes in _entries(text):
        words = set(fold(name).split())
        if words & NOT_BODIES or any(re.search(r"\d{6}", c) for c in codes):
            continue
        if not (_is_acronym(name) or words & ORG_WORDS):
            continue
        names = [fold(re.sub(r"\(.*?\)", "", n)) for n in [name, *synonyms]]
        names = [n for n in dict.fromkeys(names) if n]
        code = codes[0].split()[0] if codes else ""
        blocks.append((number, name, names, code))
    long_by_code: dict[str, list] = {}
    for b in blocks:
        if not _is_acronym(b[1]):
            long_by_code.setdefault(b[3], []).append(b)
    rows = []
    for number, name, names, code in blocks:
        label = title(name) if not _is_acronym(name) else name.rstrip("_")
        if _is_acronym(name):
            match = [b for b in long_by_code.get(code, []) if _initials(b[1]) == fold(name)]
            if match:
                names = list(dict.fromkeys(names + match[0][2]))
        for n in names:
            rows.append(_row(n, kind, slug(label), label, "", "", "", f"{SHORT[file]}:{number}"))
    return rows


def supplement(path: Path) -> list[dict]:
    """The hand-kept rows: keys made from labels where blank; each row cites a source."""
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            if not r["source"].strip():
                raise SystemExit(f"{path.name}:{i}: source is empty; cite where the row comes from")
            kind = "leader" if r["kind"] == "leader" else r["kind"]
            key = r["key"] or slug(r["label"])
            rows.append(
                _row(
                    fold(r["name"]), kind, key, r["label"], r["country"], r["start"], r["end"],
                    f"supplement.csv:{i}",
                )
            )
    return rows


def _reconcile(rows: list[dict], extra: list[dict]) -> list[dict]:
    """Add the supplement; a dictionary body or person it names takes the supplement's key.

    Every name of that body (its synonyms and acronym) then resolves to one key.
    """
    own = {(r["name"], r["kind"]): r for r in extra if r["kind"] in ("organization", "leader")}
    remap: dict[tuple[str, str], dict] = {}
    for r in rows:
        kind = "leader" if r["kind"] == "official" else r["kind"]
        hit = own.get((r["name"], kind))
        if hit is not None:
            remap.setdefault((r["kind"], r["key"]), hit)
    out = []
    for r in rows:
        hit = remap.get((r["kind"], r["key"]))
        if hit is not None:
            r = {**r, "key": hit["key"], "label": hit["label"]}
        out.append(r)
    return out + extra


def verbs(text: str, file: str) -> list[dict]:
    """Each single-word verb of the CAMEO verb dictionary with the code of its family."""
    rows, family = {}, None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            family = m.group(2).split(":")[0].strip()
            family = family if re.fullmatch(r"\d{2,4}", family) else None
            continue
        if family is None or not line or line.startswith(("-", "&", "{")):
            continue
        m = re.match(r"^\+?([A-Z][A-Z]+)\s*(?:\[(\d{2,4})[^\]]*\])?\s*$", line)
        if m:
            verb = m.group(1).lower()
            rows.setdefault(verb, (m.group(2) or family, f"{SHORT[file]}:{number}"))
    return [dict(zip(VERB_COLUMNS, (v, c, s))) for v, (c, s) in sorted(rows.items())]


def _csv_bytes(rows: list[dict], columns: tuple[str, ...]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def build(files: dict[str, bytes]) -> dict[str, bytes]:
    """The two tables' bytes from the dictionary files."""
    with STATES.open(encoding="utf-8", newline="") as f:
        states = list(csv.DictReader(f))
    text = {k: v.decode("utf-8", errors="replace") for k, v in files.items()}
    rows = countries(text["Phoenix.Countries.actors.txt"], states, "Phoenix.Countries.actors.txt")
    rows += international(
        text["Phoenix.International.actors.txt"], "Phoenix.International.actors.txt"
    )
    rows += international(
        text["Phoenix.MilNonState.actors.txt"], "Phoenix.MilNonState.actors.txt",
        kind="armed_group",
    )
    rows = _reconcile(rows, supplement(HERE / "supplement.csv"))
    seen, unique = set(), []
    for r in sorted(rows, key=lambda r: tuple(r[c] for c in GAZETTEER_COLUMNS)):
        k = (r["name"], r["kind"], r["key"])
        if r["name"] and k not in seen:
            seen.add(k)
            unique.append(r)
    return {
        "gazetteer.csv": _csv_bytes(unique, GAZETTEER_COLUMNS),
        "verbs.csv": _csv_bytes(verbs(text["CAMEO.2.0.txt"], "CAMEO.2.0.txt"), VERB_COLUMNS),
    }


def main(argv: list[str] | None = None) -> int:
    """Rebuild (or, with --check, compare) the tables; 0 when they match."""
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--sources", type=Path, help="folder holding the four dictionary files")
    p.add_argument("--check", action="store_true", help="compare with the shipped tables")
    args = p.parse_args(argv)
    tables = build(gather(args.sources))
    status = 0
    for name, data in tables.items():
        path = HERE / name
        if args.check:
            same = path.is_file() and path.read_bytes() == data
            log(f"{name}: {'identical' if same else 'DIFFERS'}")
            status |= not same
        else:
            path.write_bytes(data)
            rows = data.count(b"\n") - 1
            log(f"{name}: {rows} rows, {len(data):,} bytes")
    return status


if __name__ == "__main__":
    sys.exit(main())

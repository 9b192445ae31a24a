"""Validation of the entity gazetteer data (rules/entities/gazetteer/*.tsv, rules/entities/names/).

The entity engine reads these files as data; this test keeps them well-formed and consistent:
format, entity types, NFC text, no empty or padded aliases, no alias that silently names two
different entities of one type, conventions for canonical names, and minimum sizes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from factx.textnorm import fold

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "rules" / "entities" / "gazetteer"
NAMES = ROOT / "rules" / "entities" / "names"
TYPES = {"person", "org", "location", "misc"}
AMBIGUOUS = "ambiguous.tsv"

# Acronyms are matched case-sensitively by the engine; everything else case- and
# diacritic-insensitively (textnorm.fold).
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.&+\-/]{0,7}$")

# Aliases deliberately shared by two entities of the same type in the main files (none at the
# moment: shared surface forms go to ambiguous.tsv instead). Format: (type, key).
ALLOWED_SHARED: set[tuple[str, str]] = set()

# Lower-case aliases that are the entity's own written form (web addresses of news sites too).
LOWERCASE_OK = {"dpa"}
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.(vn|net|com|org)$")


def match_key(alias: str) -> str:
    return alias if _ACRONYM.match(alias) else fold(alias)


def _rows(path: Path):
    """(line_no, raw_line, fields) for every data line of a TSV file."""
    text = path.read_text(encoding="utf-8")
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield no, line, line.split("\t")


def _tsv_files() -> list[Path]:
    return sorted(GAZ.glob("*.tsv"))


def _load(path: Path):
    out = []
    for no, _line, f in _rows(path):
        typ, canon, aliases = f
        out.append((no, typ, canon, aliases.split("|")))
    return out


@pytest.fixture(scope="module")
def main_rows():
    rows = []
    for p in _tsv_files():
        if p.name == AMBIGUOUS:
            continue
        for no, typ, canon, aliases in _load(p):
            rows.append((p.name, no, typ, canon, aliases))
    return rows


@pytest.fixture(scope="module")
def amb_rows():
    return [(AMBIGUOUS, *r) for r in _load(GAZ / AMBIGUOUS)]


def test_expected_files_exist():
    names = {p.name for p in _tsv_files()}
    for expected in ["countries.tsv", "regions.tsv", "cities_world.tsv", "vietnam_places.tsv",
                     "orgs_international.tsv", "orgs_vietnam.tsv", "companies.tsv", "media.tsv",
                     "misc.tsv", "persons.tsv", AMBIGUOUS]:
        assert expected in names
    for expected in ["en_given.txt", "en_surnames.txt", "vi_surnames.txt", "vi_given.txt"]:
        assert (NAMES / expected).is_file()


@pytest.mark.parametrize("path", _tsv_files(), ids=lambda p: p.name)
def test_tsv_format(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "a header comment explains the file and its sources"
    assert "\r" not in text
    problems = []
    for no, line, f in _rows(path):
        where = f"{path.name}:{no}"
        if line != unicodedata.normalize("NFC", line):
            problems.append(f"{where}: not NFC")
        if len(f) != 3:
            problems.append(f"{where}: expected 3 tab-separated fields, got {len(f)}")
            continue
        typ, canon, aliases = f
        if typ not in TYPES:
            problems.append(f"{where}: unknown type {typ!r}")
        if not canon or canon != canon.strip() or "|" in canon or "  " in canon:
            problems.append(f"{where}: bad canonical {canon!r}")
        al = aliases.split("|")
        if len(al) != len(set(al)):
            problems.append(f"{where}: duplicate alias in line")
        for a in al:
            if not a or a != a.strip() or "  " in a:
                problems.append(f"{where}: empty or padded alias {a!r}")
            elif any(unicodedata.category(c).startswith("C") for c in a):
                problems.append(f"{where}: control character in {a!r}")
            elif not any(c.isupper() or c.isdigit() for c in a) and a not in LOWERCASE_OK \
                    and not _DOMAIN.match(a):
                problems.append(f"{where}: all-lower-case alias {a!r} (an ordinary word?)")
    assert not problems, "\n".join(problems[:50])


def test_canonical_listed_once(main_rows):
    seen: dict[tuple[str, str], str] = {}
    dups = []
    for fname, no, typ, canon, _al in main_rows:
        key = (typ, canon)
        if key in seen:
            dups.append(f"{fname}:{no} {typ} {canon!r} already at {seen[key]}")
        else:
            seen[key] = f"{fname}:{no}"
    assert not dups, "\n".join(dups)


def test_no_alias_names_two_entities_of_one_type(main_rows):
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fname, no, typ, canon, aliases in main_rows:
        for a in {canon, *aliases}:
            k = (typ, match_key(a))
            owners[k].add(canon)
            where[k].append(f"{fname}:{no}")
    clashes = [f"{k}: {sorted(v)} at {where[k]}" for k, v in owners.items()
               if len(v) > 1 and k not in ALLOWED_SHARED]
    assert not clashes, "\n".join(sorted(clashes)[:60])


def test_ambiguous_aliases_are_gated_not_duplicated(main_rows, amb_rows):
    """An alias in ambiguous.tsv must not also be an ungated alias of the same entity; it may
    only coincide with the main file's canonical name (which the engine always matches)."""
    main = defaultdict(set)
    for _f, _no, typ, canon, aliases in main_rows:
        for a in aliases:
            if a != canon:
                main[(typ, canon)].add(match_key(a))
    bad = []
    for _f, no, typ, canon, aliases in amb_rows:
        for a in aliases:
            if match_key(a) in main.get((typ, canon), ()):
                bad.append(f"ambiguous.tsv:{no} {a!r} is also a plain alias of {canon!r}")
    assert not bad, "\n".join(bad)


def test_ambiguous_file_holds_known_traps(amb_rows):
    gated = {(typ, a) for _f, _no, typ, _c, aliases in amb_rows for a in aliases}
    for typ, a in [("location", "Anh"), ("location", "Pháp"), ("location", "Nhật"),
                   ("location", "Turkey"), ("location", "Chad"), ("location", "Georgia"),
                   ("location", "Jordan"), ("org", "PA"), ("org", "Chính phủ"),
                   ("location", "Hòa Bình"), ("org", "Apple")]:
        assert (typ, a) in gated, (typ, a)


def _lookup(rows):
    idx = defaultdict(set)
    for *_x, typ, canon, aliases in rows:
        for a in {canon, *aliases}:
            idx[(typ, match_key(a))].add(canon)
    return idx


@pytest.mark.parametrize("typ,surface,canonical", [
    # conventions of shared/eval/SEEDS-NOTES.md ("Canonical values")
    ("location", "Việt Nam", "Vietnam"),
    ("location", "Viet Nam", "Vietnam"),
    ("location", "Cộng hòa Chile", "Chile"),
    ("location", "Cộng hoà Peru", "Peru"),
    ("location", "Hoa Kỳ", "United States"),
    ("location", "U.S.", "United States"),
    ("location", "US", "United States"),
    ("location", "Mỹ", "United States"),
    ("location", "HÀ NỘI", "Hanoi"),
    ("location", "LIMA", "Lima"),
    ("location", "Mỹ Latinh", "Latin America"),
    ("location", "châu Á - Thái Bình Dương", "Asia-Pacific"),
    ("location", "Châu Á – Thái Bình Dương", "Asia-Pacific"),
    ("location", "Asia – Pacific", "Asia-Pacific"),
    ("location", "châu Á", "Asia"),
    ("location", "Caribbean", "Caribbean"),
    ("location", "TP.HCM", "Ho Chi Minh City"),
    ("location", "Sài Gòn", "Ho Chi Minh City"),
    ("location", "Hàn Quốc", "South Korea"),
    ("location", "Triều Tiên", "North Korea"),
    ("location", "Trung Quốc", "China"),
    ("location", "Vương quốc Anh", "United Kingdom"),
    ("location", "Biển Đông", "South China Sea"),
    ("location", "Hoàng Sa", "Paracel Islands"),
    ("location", "Bắc Kinh", "Beijing"),
    ("location", "Mát-xcơ-va", "Moscow"),
    ("org", "Asia-Pacific Economic Cooperation", "APEC"),
    ("org", "Diễn đàn Hợp tác kinh tế châu Á - Thái Bình Dương", "APEC"),
    ("org", "Forum for East Asia – Latin America Cooperation", "FEALAC"),
    ("org", "Liên Hợp Quốc", "United Nations"),
    ("org", "UN", "United Nations"),
    ("org", "Liên minh Thái Bình Dương", "Pacific Alliance"),
    ("org", "Tập đoàn Viễn thông Quân đội", "Viettel"),
    ("org", "Viettel Military Industry and Telecoms Group", "Viettel"),
    ("org", "PVN", "PetroVietnam"),
    ("org", "Tập đoàn Dầu khí Quốc gia Việt Nam", "PetroVietnam"),
    ("org", "VNA", "Vietnam News Agency"),
    ("org", "TTXVN", "Vietnam News Agency"),
    ("org", "VNS", "Viet Nam News"),
    ("org", "Party Central Committee’s Secretariat", "Secretariat of the Party Central Committee"),
    ("org", "Ngân hàng Thế giới", "World Bank"),
    ("org", "Tổ chức Thương mại Thế giới", "WTO"),
    ("misc", "Free Trade Area of the Asia-Pacific", "FTAAP"),
    ("misc", "Comprehensive and Progressive Agreement for Trans – Pacific Partnership", "CPTPP"),
    ("misc", "Hiệp định Đối tác toàn diện và tiến bộ xuyên Thái Bình Dương", "CPTPP"),
    ("misc", "Hiệp định Thương mại tự do Việt Nam – Chile", "Vietnam-Chile Free Trade Agreement"),
    ("misc", "Peruvian", "Peruvian"),
    ("misc", "Vietnamese", "Vietnamese"),
    ("misc", "Latin American", "Latin American"),
    ("misc", "Southeast Asian", "Southeast Asian"),
    ("person", "Luong Cuong", "Lương Cường"),
    ("person", "Bui Thanh Son", "Bùi Thanh Sơn"),
    ("person", "Tập Cận Bình", "Xi Jinping"),
    ("person", "Gabriel Boric Font", "Gabriel Boric"),
    ("person", "Dina Ercilia Boluarte Zegarra", "Dina Boluarte"),
])
def test_canonical_conventions(main_rows, typ, surface, canonical):
    idx = _lookup(main_rows)
    # all-caps datelines ("HÀ NỘI", "LIMA") are matched case-insensitively by the engine
    found = idx.get((typ, match_key(surface))) or idx.get((typ, fold(surface)))
    assert found == {canonical}


PROVINCES_PRE_2025 = """Hà Nội|Hồ Chí Minh|Hải Phòng|Đà Nẵng|Cần Thơ|Hà Giang|Cao Bằng|Bắc Kạn|Tuyên Quang|
Lào Cai|Điện Biên|Lai Châu|Sơn La|Yên Bái|Hòa Bình|Thái Nguyên|Lạng Sơn|Quảng Ninh|Bắc Giang|Phú Thọ|
Vĩnh Phúc|Bắc Ninh|Hải Dương|Hưng Yên|Thái Bình|Hà Nam|Nam Định|Ninh Bình|Thanh Hóa|Nghệ An|Hà Tĩnh|
Quảng Bình|Quảng Trị|Thừa Thiên Huế|Quảng Nam|Quảng Ngãi|Bình Định|Phú Yên|Khánh Hòa|Ninh Thuận|
Bình Thuận|Kon Tum|Gia Lai|Đắk Lắk|Đắk Nông|Lâm Đồng|Bình Phước|Tây Ninh|Bình Dương|Đồng Nai|
Bà Rịa - Vũng Tàu|Long An|Tiền Giang|Bến Tre|Trà Vinh|Vĩnh Long|Đồng Tháp|An Giang|Kiên Giang|
Hậu Giang|Sóc Trăng|Bạc Liêu|Cà Mau"""
UNITS_2025 = """Hà Nội|Huế|Hải Phòng|Đà Nẵng|Hồ Chí Minh|Cần Thơ|Cao Bằng|Điện Biên|Hà Tĩnh|Lai Châu|
Lạng Sơn|Nghệ An|Quảng Ninh|Thanh Hóa|Sơn La|Tuyên Quang|Lào Cai|Thái Nguyên|Phú Thọ|Bắc Ninh|Hưng Yên|
Ninh Bình|Quảng Trị|Quảng Ngãi|Gia Lai|Khánh Hòa|Lâm Đồng|Đắk Lắk|Đồng Nai|Tây Ninh|Vĩnh Long|
Đồng Tháp|Cà Mau|An Giang"""


def _split(s: str) -> list[str]:
    return [x.strip() for x in s.replace("\n", "").split("|")]


def test_vietnam_administrative_units_present(main_rows, amb_rows):
    pre, post = _split(PROVINCES_PRE_2025), _split(UNITS_2025)
    assert len(pre) == 63 and len(set(pre)) == 63
    assert len(post) == 34 and len(set(post)) == 34
    keys = set()
    for *_x, typ, canon, aliases in [*main_rows, *amb_rows]:
        if typ == "location":
            keys.update(fold(a) for a in {canon, *aliases})
    keys.add(fold("Hồ Chí Minh"))  # the city's aliases all carry "Thành phố"/"TP"
    missing = [n for n in pre + post if fold(n) not in keys]
    assert not missing, missing


def _names(fname: str) -> list[str]:
    text = (NAMES / fname).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{fname}: header comment"
    return [ln.strip() for ln in text.split("\n") if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("fname,floor", [("en_given.txt", 1000), ("en_surnames.txt", 1000),
                                         ("vi_surnames.txt", 100), ("vi_given.txt", 500)])
def test_name_lists(fname, floor):
    names = _names(fname)
    assert len(names) >= floor
    assert len(names) == len(set(names)), "duplicates"
    for n in names:
        assert n == unicodedata.normalize("NFC", n), n
        assert "\t" not in n and "|" not in n, n
        assert n[0].isupper(), n
    if fname.startswith("vi_"):
        # one syllable a line (compound family names at the end of vi_surnames.txt excepted)
        singles = [n for n in names if " " not in n]
        assert len(singles) >= floor


def test_vietnamese_lists_have_diacritics():
    assert {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lương"} <= set(_names("vi_surnames.txt"))
    assert {"Văn", "Thị", "Minh", "Thanh", "Hùng", "Cường", "Sơn"} <= set(_names("vi_given.txt"))


def test_sizes_above_floors(main_rows):
    by_file = defaultdict(lambda: defaultdict(int))
    for fname, _no, typ, _c, _a in main_rows:
        by_file[fname][typ] += 1
    assert by_file["countries.tsv"]["location"] >= 240
    assert by_file["countries.tsv"]["misc"] >= 150
    assert by_file["cities_world.tsv"]["location"] >= 400
    assert by_file["orgs_international.tsv"]["org"] >= 150
    assert by_file["orgs_vietnam.tsv"]["org"] >= 100
    assert by_file["companies.tsv"]["org"] >= 300
    assert by_file["media.tsv"]["org"] >= 100
    assert by_file["misc.tsv"]["misc"] >= 200
    assert by_file["persons.tsv"]["person"] >= 150
    assert len(main_rows) >= 3000

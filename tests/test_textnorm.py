import unicodedata

from factx.textnorm import NormText, fold


def test_identity_when_already_clean():
    t = "Việt Nam và Chile thiết lập quan hệ ngoại giao ngày 25-3-1971."
    n = NormText(t)
    assert n.text == t
    assert n.to_orig(5, 9) == (5, 9)


def test_doubled_combining_mark_is_repaired_and_offsets_map_back():
    t = "Chile từ\u0300 ngày 9 đến ngày 12-11"  # seed 000: ừ followed by a second grave
    n = NormText(t)
    assert "từ ngày" in n.text
    assert len(n.text) == len(t) - 1
    s = n.text.index("từ ngày")
    e = len(n.text)
    os_, oe = n.to_orig(s, e)
    assert t[os_:oe] == "từ\u0300 ngày 9 đến ngày 12-11"
    # A span after the repaired cluster shifts by one.
    s2 = n.text.index("12-11")
    assert t[slice(*n.to_orig(s2, s2 + 5))] == "12-11"


def test_decomposed_text_becomes_nfc_and_spans_cover_whole_clusters():
    t = unicodedata.normalize("NFD", "Lương Cường đạt 1,3 tỷ USD")
    n = NormText(t)
    assert n.text == "Lương Cường đạt 1,3 tỷ USD"
    s = n.text.index("Cường")
    os_, oe = n.to_orig(s, s + len("Cường"))
    assert unicodedata.normalize("NFC", t[os_:oe]) == "Cường"
    s = n.text.index("tỷ USD")
    assert t[slice(*n.to_orig(s, s + 6))] == unicodedata.normalize("NFD", "tỷ USD")


def test_zero_width_and_nbsp():
    t = "US$\u00a0353.78\u200b million"
    n = NormText(t)
    assert n.text == "US$ 353.78 million"
    os_, oe = n.to_orig(0, len(n.text))
    assert t[os_:oe] == t


def test_fold():
    assert fold("Lương Cường") == fold("LUONG CUONG") == "luong cuong"
    assert fold("Đà Nẵng") == "da nang"

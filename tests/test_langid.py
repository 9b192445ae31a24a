from factx.langid import langid_for
from factx.rules import default_ruleset

LID = langid_for(default_ruleset())


def test_detect_paragraphs():
    assert LID.detect("Tổng kim ngạch thương mại hai chiều đạt gần 1,3 tỷ USD.") == "vi"
    assert LID.detect("The two-way trade reached US$1.3 billion in the first nine months.") == "en"
    assert LID.detect("Tong kim ngach thuong mai dat gan 1,3 ty USD trong nam 2024") == "vi"


def test_mixed_document_is_split_per_paragraph():
    vi = "Việt Nam và Chile đã ký nhiều văn kiện hợp tác về kinh tế, thương mại và đầu tư."
    en = "Vietnam and Chile have signed many cooperation documents on the economy and trade."
    text = vi + "\n" + en + "\n" + vi
    segs = LID.segments(text)
    assert [s[2] for s in segs] == ["vi", "en", "vi"]
    assert segs[0][0] == 0 and segs[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(segs, segs[1:]))
    # A short neutral line ("2024", a name) follows the document's majority.
    segs = LID.segments(vi + "\nAPEC 2024\n" + vi)
    assert [s[2] for s in segs] == ["vi"]

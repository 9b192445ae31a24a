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


def test_names_in_the_other_language_do_not_flip_a_paragraph():
    en = ("President Lương Cường met Chilean President Gabriel Boric Font in Santiago on "
          "Tuesday, and the two sides agreed to raise trade to US$2 billion.")
    assert LID.detect(en) == "en"
    vi = ("Chủ tịch nước Lương Cường hội kiến Tổng thống Chile Gabriel Boric Font tại "
          "Santiago, hai bên nhất trí đưa thương mại song phương lên 2 tỷ USD.")
    assert LID.detect(vi) == "vi"


def test_scores_count_repeated_function_words():
    vi, en = LID.score("the the the of")
    assert en == 4.0 and vi == 0.0
    vi, en = LID.score("đồng đồng")
    # two Vietnamese-only letters (đ, ồ) a word, plus the word itself twice
    assert vi == 2 * 2 + 2 * 0.5 and en == 0.0


def test_long_paragraphs_are_judged_on_a_sample_and_every_byte_is_covered():
    text = ("Kim ngạch xuất khẩu của Việt Nam tăng mạnh trong năm nay. " * 50 + "\n"
            + "Exports from Vietnam rose sharply this year, the ministry said. " * 50)
    segs = LID.segments(text)
    assert [s[2] for s in segs] == ["vi", "en"]
    assert segs[0][0] == 0 and segs[-1][1] == len(text) and segs[0][1] == segs[1][0]

"""The harness shared by the news dev sets of dates (tests/test_dates_news*.py): each set is a
list of (reference date, sentence, [(span, value), ...]) per language and lists of sentences
with no date; `news_tests` makes the four parametrized tests of a set."""

import pytest

import factx


def dates(text: str, lang: str, ref: str) -> list[tuple[str, str]]:
    return sorted((f.text, f.value) for f in factx.extract(text, lang=lang, reference_date=ref, types="date"))


def cases(rows, known=()):
    """pytest params; a case whose sentence starts with one of `known` is an expected failure
    (strict, so that a fix shows)."""
    return [pytest.param(ref, text, exp, id=text[:40],
                         marks=[pytest.mark.xfail(strict=True, reason="known miss")] if known and text.startswith(known) else [])
            for ref, text, exp in rows]


def news_tests(en, vi, not_en, not_vi, known=(), ref_for_non_dates="2024-11-13"):
    """The four tests of one set: English and Vietnamese sentences exact (every date, span and
    value, nothing else), and the date-free sentences of each language."""

    @pytest.mark.parametrize("ref,text,expected", cases(en, known))
    def test_english_news(ref, text, expected):
        assert dates(text, "en", ref) == sorted(expected)

    @pytest.mark.parametrize("ref,text,expected", cases(vi, known))
    def test_vietnamese_news(ref, text, expected):
        assert dates(text, "vi", ref) == sorted(expected)

    @pytest.mark.parametrize("text", not_en)
    def test_english_news_non_dates(text):
        assert dates(text, "en", ref_for_non_dates) == []

    @pytest.mark.parametrize("text", not_vi)
    def test_vietnamese_news_non_dates(text):
        assert dates(text, "vi", ref_for_non_dates) == []

    return test_english_news, test_vietnamese_news, test_english_news_non_dates, test_vietnamese_news_non_dates

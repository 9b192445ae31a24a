"""Dates in business news, third dev set: sentences written after the rules had been tuned on
tests/test_dates_news.py and tests/test_dates_news2.py, to measure how the rules carry to new
wording (Reuters/BBC and VnExpress/VnEconomy style, not copied from them). Conventions as in
tests/test_dates_news2.py."""

import pytest

import factx

EN = [
    ("2025-04-02", "U.S. President Donald Trump is set to announce sweeping tariffs later on Wednesday.",
     [("Wednesday", "2025-04-02")]),
    ("2025-04-02", "Euro zone inflation eased to 2.2% in March from 2.3% in February, Eurostat data showed on Tuesday.",
     [("March", "2025-03"), ("February", "2025-02"), ("Tuesday", "2025-04-01")]),
    ("2025-04-02", "The S&P 500 fell 4.6% in the first quarter, its worst quarterly performance since 2022.",
     [("first quarter", "2025-Q1"), ("2022", "2022")]),
    ("2025-04-02", "The tariffs take effect on April 9.",
     [("April 9", "2025-04-09")]),
    ("2025-04-02", "Job openings fell to 7.57 million in February from 7.76 million in January.",
     [("February", "2025-02"), ("January", "2025-01")]),
    ("2024-12-30", "Markets will close early on Tuesday, New Year's Eve, and stay shut on Wednesday.",
     [("Tuesday, New Year's Eve", "2024-12-31"), ("Wednesday", "2025-01-01")]),   # weekday + its date: one fact
    ("2024-12-30", "The Nikkei ended 2024 up 19%, its second straight annual gain after rising in 2023.",
     [("2024", "2024"), ("2023", "2023")]),
    ("2024-12-30", "South Korea's exports rose 8.2% in 2024 to a record $683.8 billion.",
     [("2024", "2024")]),
    ("2024-12-30", "Chinese manufacturing activity expanded for a third straight month in December.",
     [("December", "2024-12")]),
    ("2024-12-30", "The company expects to complete the sale in the first half of 2025.",
     [("first half of 2025", "2025-01/2025-06")]),
    ("2025-06-16", "Israel and Iran traded strikes for a fourth day on Monday.",
     [("Monday", "2025-06-16")]),
    ("2025-06-16", "Oil prices jumped 7% on Friday, their biggest daily gain since 2022.",
     [("Friday", "2025-06-13"), ("2022", "2022")]),
    ("2025-06-16", "The Fed is expected to hold rates at its June 17-18 meeting.",
     [("June 17-18", "2025-06-17/2025-06-18")]),
    ("2025-06-16", "China's retail sales grew 6.4% year-on-year in May, the fastest pace since December 2023.",
     [("May", "2025-05"), ("December 2023", "2023-12")]),
    ("2025-06-16", "The Bank of Japan will keep buying bonds until at least the end of March 2026.",
     [("end of March 2026", "2026-03-21/2026-03-31")]),
    ("2025-06-16", "Retail investors have poured $50 billion into U.S. stocks since the start of April.",
     [("since the start of April", "2025-04-01/2025-06-16")]),
    ("2024-05-08", "Disney shares fell 9% on Tuesday after the company forecast weaker results for the July-September quarter.",
     [("Tuesday", "2024-05-07"), ("July-September", "2024-07/2024-09")]),
    ("2024-05-08", "Toyota's operating profit for the year ended March 31 nearly doubled.",
     [("year ended March 31", "2023-04/2024-03")]),
    ("2024-05-08", "The Bank of England is expected to keep rates at a 16-year high on Thursday.",
     [("Thursday", "2024-05-09")]),
    ("2024-05-08", "Uber reported a first-quarter loss, and bookings for the current quarter may miss forecasts.",
     [("first-quarter", "2024-Q1"), ("current quarter", "2024-Q2")]),
    ("2024-05-08", "Sweden's Riksbank cut its key rate for the first time since 2016.",
     [("2016", "2016")]),
    ("2024-05-08", "Sales in the six months to March 31 rose 4%.",
     [("six months to March 31", "2023-10/2024-03")]),
    ("2024-09-27", "China's central bank cut interest rates on Friday, days after it unveiled its biggest stimulus since the pandemic.",
     [("Friday", "2024-09-27")]),
    ("2024-09-27", "Chinese stocks are headed for their best week since 2008.",
     [("2008", "2008")]),
    ("2024-09-27", "The core PCE price index rose 2.7% in the 12 months through August.",
     [("12 months through August", "2023-09/2024-08")]),
    ("2024-09-27", "Markets in mainland China will be closed from Oct. 1 to Oct. 7 for the National Day holiday.",
     [("from Oct. 1 to Oct. 7", "2024-10-01/2024-10-07")]),
    ("2024-09-27", "Nike pulled its full-year guidance ahead of results due on Tuesday.",
     [("Tuesday", "2024-10-01")]),
    ("2025-01-20", "Trump will be sworn in as the 47th president at noon on Monday.",
     [("noon on Monday", "2025-01-20T12:00")]),
    ("2025-01-20", "The 2025 World Economic Forum meets in Davos this week.",
     [("2025", "2025"), ("this week", "2025-W04")]),
    ("2025-01-20", "Netflix is due to report fourth-quarter results on Tuesday after the bell.",
     [("fourth-quarter", "2024-Q4"), ("Tuesday", "2025-01-21")]),
    ("2025-01-20", "China's GDP grew 5% in 2024, meeting the government's target, data showed on Friday.",
     [("2024", "2024"), ("Friday", "2025-01-17")]),
]

VI = [
    ("2025-04-02", "Theo Tổng cục Thống kê, GDP quý I/2025 tăng 6,93% so với cùng kỳ năm trước.",
     [("quý I/2025", "2025-Q1"), ("cùng kỳ năm trước", "2024-Q1")]),
    ("2025-04-02", "Tháng 3, kim ngạch xuất khẩu ước đạt 39,6 tỷ USD, tăng 13,5% so với tháng trước.",
     [("Tháng 3", "2025-03"), ("tháng trước", "2025-02")]),
    ("2025-04-02", "Tính chung 3 tháng đầu năm, khách quốc tế đến Việt Nam đạt 6 triệu lượt.",
     [("3 tháng đầu năm", "2025-01/2025-03")]),
    ("2025-04-02", "Chiều 1/4, Bộ Tài chính tổ chức họp báo thường kỳ.",
     [("Chiều 1/4", "2025-04-01")]),
    ("2025-04-02", "Từ ngày 1/7/2025, thuế suất VAT 8% tiếp tục được áp dụng đến hết năm 2026.",
     [("ngày 1/7/2025", "2025-07-01"), ("năm 2026", "2026")]),
    ("2025-04-02", "Kỳ nghỉ lễ 30/4 - 1/5 năm nay kéo dài 5 ngày.",
     [("30/4 - 1/5 năm nay", "2025-04-30/2025-05-01")]),
    ("2024-12-30", "Năm 2024, xuất khẩu nông lâm thủy sản lập kỷ lục 62 tỷ USD.",
     [("Năm 2024", "2024")]),
    ("2024-12-30", "Trong năm 2025, ngân hàng đặt mục tiêu tăng trưởng tín dụng 16%.",
     [("năm 2025", "2025")]),
    ("2024-12-30", "Phiên giao dịch cuối năm 31/12, VN-Index tăng nhẹ.",
     [("31/12", "2024-12-31")]),
    ("2024-12-30", "Tết Dương lịch 2025, người lao động được nghỉ 1 ngày.",
     [("Tết Dương lịch 2025", "2025-01-01")]),
    ("2024-12-30", "Giá vàng hôm nay 30/12 tiếp tục đi ngang.",
     [("hôm nay 30/12", "2024-12-30")]),
    ("2024-12-30", "Sáng 29/12, Thủ tướng dự hội nghị tổng kết năm của ngành ngân hàng.",
     [("Sáng 29/12", "2024-12-29")]),
    ("2024-12-30", "Dự kiến quý II năm sau, nhà máy sẽ vận hành thương mại.",
     [("quý II năm sau", "2025-Q2")]),
    ("2025-06-16", "6 tháng đầu năm 2025, vốn FDI đăng ký đạt 21,5 tỷ USD.",
     [("6 tháng đầu năm 2025", "2025-01/2025-06")]),
    ("2025-06-16", "Từ ngày 1/7, cả nước chỉ còn 34 tỉnh, thành phố.",
     [("ngày 1/7", "2025-07-01")]),
    ("2025-06-16", "Kỳ thi tốt nghiệp THPT năm 2025 diễn ra trong hai ngày 26-27/6.",
     [("năm 2025", "2025"), ("ngày 26-27/6", "2025-06-26/2025-06-27")]),
    ("2025-06-16", "Tuần trước, giá xăng RON 95 tăng hơn 1.000 đồng mỗi lít.",
     [("Tuần trước", "2025-W24")]),
    ("2025-06-16", "Cuối tháng 5, dư nợ tín dụng tăng 6,5% so với cuối năm 2024.",
     [("Cuối tháng 5", "2025-05-21/2025-05-31"), ("cuối năm 2024", "2024-09/2024-12")]),
    ("2025-06-16", "Hôm 13/6, Israel tấn công Iran khiến giá dầu tăng vọt.",
     [("Hôm 13/6", "2025-06-13")]),
    ("2025-06-16", "Trong tuần này, Fed sẽ công bố quyết định lãi suất vào rạng sáng thứ Năm (giờ Việt Nam).",
     [("tuần này", "2025-W25"), ("rạng sáng thứ Năm", "2025-06-19")]),
    ("2024-05-08", "Kỳ nghỉ lễ 30/4 vừa qua, du lịch nội địa tăng mạnh.",
     [("30/4 vừa qua", "2024-04-30")]),
    ("2024-05-08", "Năm 2023, doanh thu đạt 20.000 tỷ đồng; năm nay, công ty đặt kế hoạch 25.000 tỷ đồng.",
     [("Năm 2023", "2023"), ("năm nay", "2024")]),
    ("2024-05-08", "Đại hội cổ đông thường niên năm 2024 diễn ra ngày 25/4.",
     [("năm 2024", "2024"), ("ngày 25/4", "2024-04-25")]),
    ("2024-05-08", "Giai đoạn 2024-2026, công ty dự kiến đầu tư 5.000 tỷ đồng.",
     [("2024-2026", "2024/2026")]),
    ("2024-09-27", "Bão Yagi đổ bộ vào Quảng Ninh trưa 7/9, gây thiệt hại hơn 81.000 tỷ đồng.",
     [("trưa 7/9", "2024-09-07")]),
    ("2024-09-27", "Quý III, tăng trưởng GDP dự báo đạt 6,5-7%.",
     [("Quý III", "2024-Q3")]),
    ("2024-09-27", "Ngân hàng Nhà nước giữ nguyên lãi suất điều hành kể từ tháng 6/2023.",
     [("tháng 6/2023", "2023-06")]),
    ("2024-09-27", "Ngày 1/10 tới, quy định mới về thẻ ngân hàng chính thức có hiệu lực.",
     [("Ngày 1/10 tới", "2024-10-01")]),
    ("2024-09-27", "Thập niên 1990, Việt Nam bắt đầu thu hút FDI.",
     [("Thập niên 1990", "1990/1999")]),
    ("2025-01-20", "Tết Ất Tỵ năm nay, thưởng Tết bình quân khoảng 7,5 triệu đồng.",
     [("Tết Ất Tỵ năm nay", "2025-01-29")]),
    ("2025-01-20", "Người lao động được nghỉ Tết 9 ngày, từ 25/1 đến hết 2/2.",
     [("từ 25/1 đến hết 2/2", "2025-01-25/2025-02-02")]),
    ("2025-01-20", "Năm 2024, GDP tăng 7,09%, vượt mục tiêu 6,5%.",
     [("Năm 2024", "2024")]),
]

NOT_EN = [
    "The 737 MAX 8 jets were grounded for 20 months.",
    "Shares rose 3.5% to 128.40 and the company has 161,000 employees across 190 countries.",
    "The 10-year note yield fell to 4.25% while the two-year yield was at 3.9%.",
    "Real Madrid beat Barcelona 4-0 in the Clasico, their 5th straight win.",
    "Analysts see 2-3 rate cuts and a 50-50 chance of recession.",
    "The 24/7 helpline received 1,000 calls as Model S and iPhone 15 Pro sales slowed.",
    "In the coming weeks, officials will decide; in recent months, prices soared.",
    "Bitcoin hit a record above $109,000 hours before the inauguration.",
]

NOT_VI = [
    "Ông Lê Văn C, 60 tuổi, có 30 năm công tác; con trai ông học lớp 12A1.",
    "Theo Nghị quyết 57-NQ/TW và Quyết định số 20/2024/QĐ-UBND, tỉnh hỗ trợ 50%.",
    "Giá cà phê đạt 120.000 đồng/kg; hồ tiêu 150.000 đồng/kg.",
    "Đội tuyển Việt Nam thắng 5-0, xếp thứ 2 bảng B sau 4 lượt trận.",
    "Căn hộ ở tầng 15, block A, số 25/7 đường Cộng Hòa.",
    "Những tháng cuối năm thường là mùa cao điểm mua sắm.",
    "Lạm phát 3-4% là mục tiêu của nhiều năm.",
]


# first words of the cases the extractor still gets wrong (a bare "31/12" after "cuối năm"): expected failures, so that a fix shows
KNOWN = ("Phiên giao dịch cuối năm 31/12",)


def _cases(rows):
    return [pytest.param(ref, text, exp, id=text[:40],
                         marks=[pytest.mark.xfail(strict=True, reason="known miss")] if text.startswith(KNOWN) else [])
            for ref, text, exp in rows]


def _dates(text, lang, ref):
    return sorted((f.text, f.value) for f in factx.extract(text, lang=lang, reference_date=ref, types="date"))


@pytest.mark.parametrize("ref,text,expected", _cases(EN))
def test_english_news(ref, text, expected):
    assert _dates(text, "en", ref) == sorted(expected)


@pytest.mark.parametrize("ref,text,expected", _cases(VI))
def test_vietnamese_news(ref, text, expected):
    assert _dates(text, "vi", ref) == sorted(expected)


@pytest.mark.parametrize("text", NOT_EN)
def test_english_news_non_dates(text):
    assert _dates(text, "en", "2024-11-13") == []


@pytest.mark.parametrize("text", NOT_VI)
def test_vietnamese_news_non_dates(text):
    assert _dates(text, "vi", "2024-11-13") == []

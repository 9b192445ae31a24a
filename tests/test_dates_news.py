"""Dates in business news: dev sentences written in the style of VnExpress/VnEconomy and
BBC/Reuters business copy (not copied from them), with the facts a reader would mark and the
ISO values a reader would give on the reference date. Each case lists every date fact of
its sentence (span, value); the second half lists sentences with no date at all."""

import pytest

import factx

WED = "2024-11-13"   # a Wednesday in mid-November
JAN = "2025-01-06"   # a Monday early in the year: "December", "fourth quarter" are last year's

EN = [
    (WED, "Shares of the carmaker rose 4% on Tuesday after it reported stronger-than-expected third-quarter deliveries.",
     [("Tuesday", "2024-11-12"), ("third-quarter", "2024-Q3")]),
    (WED, "The Bank of England held interest rates at 5% last week, its second pause this year.",
     [("last week", "2024-W45"), ("this year", "2024")]),
    (WED, "Revenue rose 12% to $25.2 billion in the three months to September, the company said on Wednesday.",
     [("three months to September", "2024-07/2024-09"), ("Wednesday", "2024-11-13")]),
    (WED, "The group expects fiscal 2025 sales of about $10 billion.",
     [("fiscal 2025", "2025")]),
    (WED, "Pre-tax profit in the year to March climbed 8% to £1.2 billion.",
     [("year to March", "2023-04/2024-03")]),
    (WED, "Q3 operating profit beat analysts' forecasts.",
     [("Q3", "2024-Q3")]),
    (WED, "Management said margins should recover in H1 2025.",
     [("H1 2025", "2025-01/2025-06")]),
    (WED, "House prices have risen by a quarter since 2019.",
     [("2019", "2019")]),
    (WED, "The airline aims to halve its emissions by 2030.",
     [("2030", "2030")]),
    (WED, "The central bank cut its key rate by 50 basis points earlier this month.",
     [("earlier this month", "2024-11")]),
    (WED, "Annual inflation slowed to 2.3% in October from 2.6% in September, official figures showed on Wednesday.",
     [("October", "2024-10"), ("September", "2024-09"), ("Wednesday", "2024-11-13")]),
    (WED, "The deal is expected to close in the first half of next year, subject to regulatory approval.",
     [("first half of next year", "2025-01/2025-06")]),
    (WED, "Chief executive John Smith, 58, will step down at the end of the year.",
     [("end of the year", "2024-09/2024-12")]),
    (WED, "It was the 30th consecutive month of growth, the longest run since records began in 1997.",
     [("1997", "1997")]),
    (WED, "The Federal Reserve meets again on Dec. 17-18.",
     [("Dec. 17-18", "2024-12-17/2024-12-18")]),
    (WED, "The results, due on Thursday, are expected to show a 5% drop in quarterly profit.",
     [("Thursday", "2024-11-14")]),
    (WED, "Sales in the 2023-24 financial year rose 6%.",
     [("2023-24", "2023/2024")]),
    (WED, "The retailer has closed 200 stores so far this year.",
     [("this year", "2024")]),
    (WED, "The company reported results for the quarter ended Sept. 30.",
     [("Sept. 30", "2024-09-30")]),
    (WED, "Americans voted in the Nov. 5 election.",
     [("Nov. 5", "2024-11-05")]),
    (WED, "Two years ago, the lender was close to collapse.",
     [("Two years ago", "2022")]),
    (WED, "Consumer prices rose 3.2% in the 12 months to June.",
     [("12 months to June", "2023-07/2024-06")]),
    (WED, "Its full-year results will be published on 28 November.",
     [("28 November", "2024-11-28")]),
    (WED, "Workers walked out on Monday and the strike could last until mid-December.",
     [("Monday", "2024-11-11"), ("mid-December", "2024-12-11/2024-12-20")]),
    (WED, "First-quarter GDP grew 0.6%, revised data showed.",
     [("First-quarter", "2024-Q1")]),
    (WED, "Car sales fell 10% last month, while orders rose for a second month.",
     [("last month", "2024-10")]),
    (WED, "Unemployment is forecast to rise to 4.5% next year.",
     [("next year", "2025")]),
    (WED, "Between 2020 and 2023, exports doubled.",
     [("Between 2020 and 2023", "2020/2023")]),
    (WED, "The factory will open in late 2026.",
     [("late 2026", "2026-09/2026-12")]),
    (WED, "On Friday, the S&P 500 closed at a record high.",
     [("Friday", "2024-11-08")]),
    (WED, "The company said on Monday it would cut 4,000 jobs by the end of 2025.",
     [("Monday", "2024-11-11"), ("end of 2025", "2025-09/2025-12")]),
    (WED, "Earnings per share for the second quarter of 2024 were 45 cents.",
     [("second quarter of 2024", "2024-Q2")]),
    (WED, "Trading was halted on Oct. 31 and resumed a week later.",
     [("Oct. 31", "2024-10-31"), ("a week later", "2024-11-07")]),
    (WED, "The euro zone economy grew 0.4% in the July-September period.",
     [("July-September", "2024-07/2024-09")]),
    (JAN, "Retail sales jumped in December, helped by holiday spending.",
     [("December", "2024-12")]),
    (JAN, "The bank will publish its fourth-quarter results on Jan. 15.",
     [("fourth-quarter", "2024-Q4"), ("Jan. 15", "2025-01-15")]),
    (JAN, "Vietnam's economy grew 7.1% last year, the fastest pace since 2022.",
     [("last year", "2024"), ("2022", "2022")]),
]

VI = [
    (WED, "Trong phiên giao dịch ngày 15/3, VN-Index tăng 12 điểm lên 1.280 điểm.",
     [("ngày 15/3", "2024-03-15")]),
    (WED, "Lợi nhuận sau thuế quý III/2024 của ngân hàng đạt 5.200 tỷ đồng.",
     [("quý III/2024", "2024-Q3")]),
    (WED, "Từ đầu năm đến nay, khối ngoại bán ròng hơn 80.000 tỷ đồng trên HoSE.",
     [("Từ đầu năm đến nay", "2024-01-01/2024-11-13")]),
    (WED, "Trong tháng 10, kim ngạch xuất khẩu ước đạt 36,2 tỷ USD.",
     [("tháng 10", "2024-10")]),
    (WED, "Dịp Tết Nguyên đán 2025, sức mua dự kiến tăng 10-12%.",
     [("Tết Nguyên đán 2025", "2025-01-29")]),
    (WED, "Tính đến hết tháng 9/2024, tín dụng toàn hệ thống tăng 9%.",
     [("tháng 9/2024", "2024-09")]),
    (WED, "Năm 2023, GDP Việt Nam tăng 5,05%.",
     [("Năm 2023", "2023")]),
    (WED, "9 tháng đầu năm, doanh thu thuần đạt 12.000 tỷ đồng, tăng 15% so với cùng kỳ năm trước.",
     [("9 tháng đầu năm", "2024-01/2024-09"), ("cùng kỳ năm trước", "2023-01/2023-09")]),
    (WED, "Hôm qua (12/11), giá vàng miếng SJC giảm 1 triệu đồng mỗi lượng.",
     [("Hôm qua (12/11)", "2024-11-12")]),
    (WED, "Sáng nay, Ngân hàng Nhà nước công bố tỷ giá trung tâm ở mức 24.250 đồng.",
     [("Sáng nay", "2024-11-13")]),
    (WED, "Cuối tuần qua, giá xăng RON 95 tăng 300 đồng mỗi lít.",
     [("Cuối tuần qua", "2024-11-09/2024-11-10")]),
    (WED, "Năm ngoái, doanh nghiệp lỗ hơn 500 tỷ đồng.",
     [("Năm ngoái", "2023")]),
    (WED, "Đại hội đồng cổ đông thông qua kế hoạch năm 2025 với mục tiêu lãi 3.000 tỷ đồng.",
     [("năm 2025", "2025")]),
    (WED, "Dự án dự kiến hoàn thành vào quý I năm sau.",
     [("quý I năm sau", "2025-Q1")]),
    (WED, "Hội đồng quản trị sẽ họp vào ngày 20 tháng 12.",
     [("ngày 20 tháng 12", "2024-12-20")]),
    (WED, "Tháng trước, lạm phát tổng thể ở mức 2,89%.",
     [("Tháng trước", "2024-10")]),
    (WED, "Giai đoạn 2021-2025, ngành điện cần khoảng 134 tỷ USD vốn đầu tư.",
     [("2021-2025", "2021/2025")]),
    (WED, "Từ ngày 1/7/2024, mức lương cơ sở tăng lên 2,34 triệu đồng mỗi tháng.",
     [("ngày 1/7/2024", "2024-07-01")]),
    (WED, "6 tháng cuối năm, nhu cầu tín dụng được dự báo tăng mạnh.",
     [("6 tháng cuối năm", "2024-07/2024-12")]),
    (WED, "Nửa đầu năm 2024, xuất khẩu gạo đạt 4,7 triệu tấn.",
     [("Nửa đầu năm 2024", "2024-01/2024-06")]),
    (WED, "Tuần trước, VN-Index giảm gần 2%.",
     [("Tuần trước", "2024-W45")]),
    (WED, "Thứ Hai tuần này, cổ phiếu ngân hàng đồng loạt tăng.",
     [("Thứ Hai tuần này", "2024-11-11")]),
    (WED, "Tháng 11/2024, Fed giảm lãi suất thêm 0,25 điểm phần trăm.",
     [("Tháng 11/2024", "2024-11")]),
    (WED, "Doanh thu cuối năm 2023 giảm mạnh.",
     [("cuối năm 2023", "2023-09/2023-12")]),
    (WED, "Đợt phát hành dự kiến diễn ra vào đầu tháng 12.",
     [("đầu tháng 12", "2024-12-01/2024-12-10")]),
    (WED, "Đến năm 2030, Việt Nam phấn đấu có 5 sân bay quốc tế.",
     [("năm 2030", "2030")]),
    (WED, "Phiên chiều 14/11, thị trường đảo chiều.",
     [("chiều 14/11", "2024-11-14")]),
    (WED, "Lạm phát trong năm nay được kiểm soát dưới 4%.",
     [("năm nay", "2024")]),
    (WED, "Từ tháng 7 đến tháng 9, giá cà phê liên tục lập đỉnh.",
     [("Từ tháng 7 đến tháng 9", "2024-07/2024-09")]),
    (WED, "Quý 4 năm nay, ngân hàng dự kiến trích lập thêm dự phòng.",
     [("Quý 4 năm nay", "2024-Q4")]),
    (WED, "Ngày 1/1/2025, luật mới có hiệu lực.",
     [("Ngày 1/1/2025", "2025-01-01")]),
    (WED, "Giá vàng thế giới sáng 13/11 (giờ Việt Nam) giảm 20 USD.",
     [("sáng 13/11", "2024-11-13")]),
    (WED, "Chỉ số PMI tháng 10 đạt 51,2 điểm, mức cao nhất kể từ tháng 7/2022.",
     [("tháng 10", "2024-10"), ("tháng 7/2022", "2022-07")]),
    (WED, "Sáng 12/11, Thủ tướng làm việc với các tập đoàn kinh tế.",
     [("Sáng 12/11", "2024-11-12")]),
    (WED, "Trong quý cuối năm, doanh nghiệp đẩy mạnh bán hàng.",
     [("quý cuối năm", "2024-Q4")]),
    (WED, "Dịp Tết Nguyên đán, nhu cầu tiền mặt tăng cao.",
     [("Tết Nguyên đán", "2025-01-29")]),
    (JAN, "Tháng 12, chỉ số giá tiêu dùng tăng 0,29% so với tháng trước.",
     [("Tháng 12", "2024-12"), ("tháng trước", "2024-11")]),
    (JAN, "Quý IV, GDP tăng 7,55% so với cùng kỳ năm trước.",
     [("Quý IV", "2024-Q4"), ("cùng kỳ năm trước", "2023-Q4")]),
]

NOT_EN = [
    "Chief executive Jane Doe, aged 45, won a 7-2 board vote.",
    "The Boeing 737 MAX 9 was grounded and the FTSE 100 fell 0.3%.",
    "It was the 30th consecutive month of growth.",
    "Output has fallen for three straight quarters.",
    "The iPhone 16 and the Galaxy S24 went on sale at 999 dollars.",
    "Arsenal won 3-1 and moved on to 24 points.",
    "More than two days of talks ended without a deal.",
    "In recent years, the company has grown in the coming years' plans.",
    "Shares traded at 14.30 times earnings, with 1,500 staff in 30 countries.",
    "The 10-year Treasury yield rose 5 basis points to 4.45%.",
    "Mr Smith, 58, served 20 years on the board.",
]

NOT_VI = [
    "Trong những năm gần đây, ngành thép đứng thứ 4 khu vực về sản lượng.",
    "Ông Nguyễn Văn An, 45 tuổi, được bổ nhiệm làm tổng giám đốc.",
    "Hợp đồng tương lai VN30F2412 tăng 5 điểm; quỹ ETF VN30 hút ròng.",
    "Kim ngạch thương mại hai chiều đạt 20 tỷ USD.",
    "Doanh nghiệp đã hoạt động hơn 30 năm và có 2.000 lao động.",
    "Nghị định 168/2024/NĐ-CP quy định mức phạt mới; Thông tư 02/2023/TT-NHNN hết hiệu lực.",
    "Đội tuyển thắng 2-1 và lần thứ 3 vô địch.",
    "Giá thép giảm 3 phiên liên tiếp, về 13.500 đồng/kg.",
    "Quốc hội khóa XV đã thông qua Luật Đất đai 2024.",
    "Trong 3 năm, công ty tăng vốn gấp đôi.",
    "Mỗi năm, Việt Nam xuất khẩu khoảng 7 triệu tấn gạo.",
    "Tỷ lệ 1/3 cổ đông đồng ý với phương án.",
]


def _dates(text, lang, ref):
    return sorted((f.text, f.value) for f in factx.extract(text, lang=lang, reference_date=ref, types="date"))


@pytest.mark.parametrize("ref,text,expected", EN, ids=[t[:40] for _, t, _ in EN])
def test_english_news(ref, text, expected):
    assert _dates(text, "en", ref) == sorted(expected)


@pytest.mark.parametrize("ref,text,expected", VI, ids=[t[:40] for _, t, _ in VI])
def test_vietnamese_news(ref, text, expected):
    assert _dates(text, "vi", ref) == sorted(expected)


@pytest.mark.parametrize("text", NOT_EN)
def test_english_news_non_dates(text):
    assert _dates(text, "en", WED) == []


@pytest.mark.parametrize("text", NOT_VI)
def test_vietnamese_news_non_dates(text):
    assert _dates(text, "vi", WED) == []

"""Vietnamese named entities: span conventions on news-style sentences, and a floor on the
Vietnamese dev passages (tests/data/entities_vi_dev.txt, written for factx in the style of
VnExpress/VnEconomy/Tuổi Trẻ/CafeF business news and VLSP-style general news)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import factx

DEV = Path(__file__).resolve().parent / "data" / "entities_vi_dev.txt"
MARK = re.compile(r"\{(PER|ORG|LOC|MISC):([^{}]+)\}")
TYPES = {"PER": "person", "ORG": "org", "LOC": "location", "MISC": "misc"}


def parse_dev(path: Path = DEV):
    """Blocks separated by blank lines; entities marked {TYPE:span}; '#' lines are comments."""
    blocks, cur = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("#"):
            continue
        if not line.strip():
            if cur:
                blocks.append("\n".join(cur))
                cur = []
        else:
            cur.append(line)
    if cur:
        blocks.append("\n".join(cur))
    cases = []
    for b in blocks:
        text, gold, pos = "", set(), 0
        for m in MARK.finditer(b):
            text += b[pos:m.start()]
            s = len(text)
            text += m.group(2)
            gold.add((s, len(text), TYPES[m.group(1)]))
            pos = m.end()
        text += b[pos:]
        cases.append((text, gold))
    return cases


def ents(text):
    return [(f.type, f.text) for f in factx.extract(text, lang="vi", types="entity")]


def test_dev_passages_exact_span_floor():
    tp = fp = fn = 0
    per_type = {t: [0, 0, 0] for t in TYPES.values()}
    for text, gold in parse_dev():
        pred = {(f.start, f.end, f.type) for f in factx.extract(text, lang="vi", types="entity")}
        for g in gold:
            hit = g in pred
            per_type[g[2]][0 if hit else 2] += 1
        for p in pred - gold:
            per_type[p[2]][1] += 1
    tp = sum(v[0] for v in per_type.values())
    fp = sum(v[1] for v in per_type.values())
    fn = sum(v[2] for v in per_type.values())
    f1 = 2 * tp / (2 * tp + fp + fn)
    # measured 0.967 (person 0.965, org 0.982, location 0.981, misc 0.62); 0.869 before this work.
    # With the 94 passages of world news, sports, courts, companies, addresses and misc added
    # later (272 entities; 0.862 on them before any fix for them): 0.978 on all 748.
    assert f1 >= 0.96, (f1, per_type)
    for t in ("person", "org", "location"):
        a, b, c = per_type[t]
        assert 2 * a / (2 * a + b + c) >= 0.93, (t, per_type[t])


# ------------------------------------------------------------------ categories

@pytest.mark.parametrize("text,want", [
    # org bodies with lower-case words and a locator
    ("Đại diện Cục Quản lý thị trường tỉnh Lạng Sơn cho biết đã thu giữ hàng giả.",
     ("org", "Cục Quản lý thị trường tỉnh Lạng Sơn")),
    ("Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh vừa cấp phép cho dự án.",
     ("org", "Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh")),
    ("Theo đại diện Bệnh viện Nhi Trung ương, số ca mắc tăng.", ("org", "Bệnh viện Nhi Trung ương")),
    ("Lãnh đạo Bộ Y tế vừa có văn bản gửi Sở Y tế các tỉnh, thành.", ("org", "Sở Y tế")),
    ("Trường THPT Chu Văn An có điểm chuẩn cao nhất.", ("org", "Trường THPT Chu Văn An")),
    ("Công ty Cổ phần Tập đoàn Đất Xanh công bố kế hoạch.", ("org", "Công ty Cổ phần Tập đoàn Đất Xanh")),
    ("Cổ phiếu của CTCP Đầu tư Thế giới Di động tăng trần.", ("org", "CTCP Đầu tư Thế giới Di động")),
    ("Công ty TNHH Một thành viên Cấp thoát nước Bến Thành cho biết việc cắt nước sẽ kéo dài.",
     ("org", "Công ty TNHH Một thành viên Cấp thoát nước Bến Thành")),
    ("Ủy ban nhân dân tỉnh Quảng Ninh đã phê duyệt dự án.", ("org", "Ủy ban nhân dân tỉnh Quảng Ninh")),
    ("Quỹ Đầu tư Phát triển tỉnh Vĩnh Phúc đã giải ngân 300 tỷ đồng.",
     ("org", "Quỹ Đầu tư Phát triển tỉnh Vĩnh Phúc")),
    # places after administrative words: the whole name, without the word
    ("Anh trú xã Hợp Thanh, huyện Mỹ Đức.", ("location", "Mỹ Đức")),
    ("Sạt lở tại xã Trà Leng, huyện Nam Trà My, tỉnh Quảng Nam.", ("location", "Nam Trà My")),
    ("Căn hộ gần khu đô thị Phú Mỹ Hưng được rao bán.", ("location", "Phú Mỹ Hưng")),
    ("Hành khách phải chờ tại sân bay Tân Sơn Nhất hơn ba giờ.", ("location", "Tân Sơn Nhất")),
    ("Đội tuyển tập trên sân Mỹ Đình chiều qua.", ("location", "Mỹ Đình")),
    ("Tàu cá bị xua đuổi trên biển Đông.", ("location", "biển Đông")),
    # persons: given names that are also common words, titles with marks
    ("Công an bắt giữ Lò Văn Sáng và Hà Thị Mơ.", ("person", "Lò Văn Sáng")),
    ("Nguyễn Văn An và Trần Thị Năm đã đến.", ("person", "Trần Thị Năm")),
    ("Ở Hà Tĩnh, Trần Thị Ngọc Ánh đã giành học bổng.", ("person", "Trần Thị Ngọc Ánh")),
    # title + country + foreign name
    ("Thủ tướng Nhật Bản Yamada Taro đã gặp các doanh nghiệp.", ("person", "Yamada Taro")),
    ("Ngoại trưởng Đức Klaus Weber cho biết.", ("location", "Đức")),
    ("Tổng thống Nga Vladimir Putin đã điện đàm.", ("location", "Nga")),
    # org, then a person: both
    ("Người phát ngôn Bộ Ngoại giao Phạm Thu Hằng khẳng định Việt Nam có đủ cơ sở.",
     ("person", "Phạm Thu Hằng")),
    ("Giám đốc Sở Du lịch Hà Nội Đặng Hương Giang cho biết.", ("person", "Đặng Hương Giang")),
    ("Thống đốc Ngân hàng Nhà nước Nguyễn Thị Hồng nhấn mạnh.", ("org", "Ngân hàng Nhà nước")),
    # event edition years
    ("Đội tuyển chuẩn bị cho AFF Cup 2024.", ("misc", "AFF Cup 2024")),
    ("Đội tuyển giành huy chương vàng tại SEA Games 32 ở Campuchia.", ("misc", "SEA Games 32")),
    # abbreviated court and procuracy heads; body nouns after a compound; a known org, then a verb
    ("TAND TP.HCM tuyên phạt bị cáo mức án tử hình.", ("org", "TAND TP.HCM")),
    ("VKSND tỉnh Bình Dương đã phê chuẩn quyết định khởi tố.", ("org", "VKSND tỉnh Bình Dương")),
    ("Cục Cảnh sát giao thông cho biết sẽ tăng cường kiểm tra.", ("org", "Cục Cảnh sát giao thông")),
    ("Ngân hàng Thế giới dự báo kinh tế Đông Á tăng trưởng chậm lại.", ("org", "Ngân hàng Thế giới")),
    ("Ngân hàng Thế giới dự báo kinh tế Đông Á tăng trưởng chậm lại.", ("location", "Đông Á")),
    # a head's first word inside a name is no second body ("Thanh" of "Thanh tra", "Bảo" of "Bảo hiểm")
    ("Trước đó, Bệnh viện Đa khoa tỉnh Thanh Hóa đã hội chẩn.", ("org", "Bệnh viện Đa khoa tỉnh Thanh Hóa")),
    ("Giám đốc Công ty Cổ phần Chứng khoán Bảo Minh Phát là ông Lý Hoàng Nam.",
     ("org", "Công ty Cổ phần Chứng khoán Bảo Minh Phát")),
    # a paper's name without "báo"
    ("Theo báo Tuổi Trẻ, nhiều trường đại học đã tăng học phí.", ("org", "Tuổi Trẻ")),
    ("Tại Mátxcơva, hai bên đã ký thỏa thuận.", ("location", "Mátxcơva")),
    ("Hãng tin Bloomberg dẫn nguồn tin cho hay.", ("org", "Bloomberg")),
    # numbered units keep their word; a capitalized unit word at a sentence start stays out
    ("Căn nhà ở Phường 12, Quận Gò Vấp, TP.HCM được rao bán.", ("location", "Phường 12")),
    ("Anh sống ở quận 7 từ năm 2010.", ("location", "quận 7")),
    ("Xã Tân Hòa, huyện Châu Thành có 5.000 hộ dân.", ("location", "Tân Hòa")),
    ("Cảng hàng không quốc tế Long Thành dự kiến hoàn thành vào năm 2026.", ("location", "Long Thành")),
    # one-word country names that are also given names
    ("Tổng thống Ukraine Volodymyr Zelensky cáo buộc Nga tấn công cơ sở hạ tầng.", ("location", "Nga")),
    ("Xuất khẩu sang Mỹ tăng, trong khi xuất khẩu sang Đức giảm.", ("location", "Đức")),
    ("Hàng hóa từ Mỹ và Trung Quốc tăng. Chị Nga cho biết giá tăng.", ("person", "Nga")),
    ("Nhà máy ở Nga Sơn đóng cửa sau khi Mỹ áp thuế.", ("location", "Nga Sơn")),
    # Vietnam's own bodies by their common-noun names
    ("Tại kỳ họp thứ 8, Quốc hội đã thông qua Luật Thủ đô.", ("org", "Quốc hội")),
    ("Chính phủ vừa ban hành nghị định mới.", ("org", "Chính phủ")),
    ("Thủ tướng Anh Keir Starmer đã thảo luận.", ("location", "Anh")),
    # "Anh" is a title ("anh" = Mr) and a given name: inside a name after a surname it is the name
    ("Theo cáo trạng, bị can Đỗ Anh Dũng đã chỉ đạo phát hành trái phiếu.", ("person", "Đỗ Anh Dũng")),
    ("Nguyễn Văn Anh cho biết đã nộp đơn.", ("person", "Nguyễn Văn Anh")),
    # a minister named by the portfolio: the portfolio is part of the title
    ("Bộ trưởng Quốc phòng Israel Israel Katz cho biết.", ("person", "Israel Katz")),
    # a police unit of a province's police is one body
    ("Phòng Cảnh sát hình sự Công an TP Đà Nẵng đã bắt giữ đối tượng.",
     ("org", "Phòng Cảnh sát hình sự Công an TP Đà Nẵng")),
    # places: a bank's or a person's name after an administrative word, lists, house numbers
    ("Anh trú xã Tiên Phong, huyện Ba Vì.", ("location", "Tiên Phong")),
    ("Lũ cô lập nhiều xã của huyện Con Cuông và Tương Dương.", ("location", "Tương Dương")),
    ("Mưa gây ngập các tuyến phố như Nguyễn Trãi, Láng và Phạm Văn Đồng.", ("location", "Nguyễn Trãi")),
    ("Văn phòng đặt tại số 120 Nguyễn Huệ, phường Sài Gòn.", ("location", "Nguyễn Huệ")),
    ("Chiều qua, đoàn đã tới Quảng trường Thiên An Môn.", ("location", "Quảng trường Thiên An Môn")),
    ("Xuất khẩu sang Nga, Đức và Pháp đều tăng.", ("location", "Pháp")),
    # lower-case nouns that type the name after them; storms; works in quotes; brands in brackets
    ("Trong đó, công ty tài chính FE Credit đã có lãi trở lại.", ("org", "FE Credit")),
    ("Bão Kajiki mạnh cấp 13 đổ bộ vào Hà Tĩnh.", ("misc", "Kajiki")),
    ("Bão số 3 (Yagi) gây thiệt hại lớn.", ("misc", "Yagi")),
    ("Sinh viên giành giải nhất cuộc thi Robocon Việt Nam 2025.", ("misc", "Robocon Việt Nam 2025")),
    ("VinFast giao 1.000 xe VF 3 cho khách hàng.", ("misc", "VF 3")),
    ('Bộ phim "Mưa đỏ" thu hút khán giả.', ("misc", "Mưa đỏ")),
    ("Thanh tra kết luận sai phạm tại Tổng công ty Cà phê Việt Nam (Vinacafe) trong nhiều năm.",
     ("org", "Vinacafe")),
    ("Apple bắt đầu mở bán điện thoại mới tại Việt Nam.", ("org", "Apple")),
    ("Đội tuyển giành HCV SEA Games 33 sau khi thắng chủ nhà.", ("misc", "SEA Games 33")),
    ("TAND Cấp cao tại Hà Nội đã bác kháng cáo.", ("org", "TAND Cấp cao tại Hà Nội")),
])
def test_vi_spans(text, want):
    assert want in ents(text), ents(text)


@pytest.mark.parametrize("text,bad", [
    ("Công an bắt giữ Trịnh Văn Quyết về hành vi mua bán.", ("org", "Công an bắt giữ Trịnh")),
    ("Người phát ngôn Bộ Ngoại giao Phạm Thu Hằng khẳng định Việt Nam có đủ cơ sở.",
     ("org", "Bộ Ngoại giao Phạm Thu Hằng")),
    ("Thị trường chứng khoán toàn cầu biến động mạnh.", ("location", "biến động")),
    ("Vinamilk công bố báo cáo tài chính quý III.", ("org", "III")),
    ("Giá xăng RON 95 giảm 300 đồng mỗi lít.", ("org", "RON")),
    ("Ngân sách bảo đảm cung ứng điện cho miền Bắc trong mùa khô.", ("location", "Bắc")),
    ("Tập đoàn Vingroup mua lại Phúc Long từ đối tác.", ("org", "Tập đoàn Vingroup mua lại Phúc Long")),
    ("Hai bên nhấn mạnh quan hệ giữa hai Quốc hội.", ("org", "Quốc hội")),
    ("Nhờ sự lãnh đạo của Đảng, Nhà nước, Chính phủ và nhân dân.", ("org", "Chính phủ")),
    ("Thủ tướng Chính phủ đã ký quyết định.", ("org", "Chính phủ")),
    ("Mùa Thu năm nay đến sớm.", ("person", "Mùa Thu")),
    ("Dự án BOT này được đầu tư theo hình thức PPP.", ("org", "BOT")),
    ("Hàng hóa từ Mỹ và Trung Quốc tăng. Chị Nga cho biết giá tăng.", ("location", "Nga")),
    ("Nội dung SEA Games 32 môn thi đấu được công bố.", ("misc", "SEA Games 32")),
    ("Tại SEA Games 31, đoàn Việt Nam giành 205 HCV.", ("org", "HCV")),
    ("Thành phố Hồ Chí Minh có 9 triệu dân.", ("location", "Hồ Chí Minh")),
    ("Ông Nguyễn Anh Tuấn cho biết.", ("person", "Nguyễn")),
    ("Phó Thủ tướng yêu cầu Tập đoàn Điện lực Việt Nam bảo đảm cung ứng điện.",
     ("location", "Tập đoàn Điện lực Việt Nam")),
    ("Tại huyện Mỹ Đức, Nguyễn Văn Tâm khai nhận hành vi.", ("location", "Nguyễn Văn Tâm")),
    ("Các ngân hàng Trung ương đã họp.", ("org", "Trung")),
    ("Giao dịch với công ty Mỹ tăng mạnh.", ("org", "Mỹ")),
    ("Thủ tướng Malaysia, Chủ tịch ASEAN năm 2025, phát biểu.", ("misc", "ASEAN năm 2025")),
])
def test_vi_not(text, bad):
    assert bad not in ents(text), ents(text)


def test_two_given_words_refer_back():
    got = [(f.type, f.text, f.value) for f in factx.extract(
        "Tiền vệ Nguyễn Quang Hải đã trở lại. Quang Hải ghi bàn ở phút 90.", lang="vi", types="entity")]
    assert ("person", "Quang Hải", "Nguyễn Quang Hải") in got, got

"""Vietnamese label and hint of every field the editors fill in the workspace.

Keyed by the field's dotted path in its JSON Schema (list items share their list's path:
``indicators.tasks.status``). The CMS configuration is generated from the schemas, and a
schema field without an entry here stops the generation, so a field added to a schema
cannot reach the editors unlabelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..infographics.model import KIND_LABELS


# The form's date fields (admin/dates.js) take the editors' order; the file keeps the site's.
DATE_HINT = "Viết ngày/tháng/năm giờ:phút, 24 giờ, giờ Việt Nam (ví dụ 29/03/2023 18:11), hoặc bấm Bây giờ."
DAY_HINT = "Viết ngày/tháng/năm (ví dụ 01/04/2023), hoặc bấm Hôm nay."


@dataclass(frozen=True)
class FieldText:
    label: str
    hint: str = ""


T = FieldText

ARTICLE: dict[str, FieldText] = {
    "title": T("Tiêu đề", "Từ 5 đến 200 ký tự; tên tệp bài viết được đặt theo tiêu đề khi lưu lần đầu."),
    "date": T("Ngày giờ đăng", DATE_HINT + " Bài hẹn giờ chỉ hiện khi đến giờ này."),
    "updated": T("Ngày giờ cập nhật", "Chỉ ghi khi sửa nội dung bài đã đăng. " + DATE_HINT),
    "authors": T("Tác giả", "Mỗi tác giả một dòng, ít nhất một tác giả."),
    "channels": T("Kênh đăng", "Chọn một hoặc nhiều kênh của kế hoạch tuyên truyền."),
    "categories": T("Chuyên mục", "Chọn ít nhất một chuyên mục trong danh sách của trang."),
    "tags": T("Nhãn", "Mỗi nhãn một dòng (ví dụ: Chuyển đổi số); có thể để trống."),
    "summary": T("Tóm tắt", "Một đến hai câu, từ 20 đến 400 ký tự: hiện ở trang danh sách và khi chia sẻ."),
    "video": T("Video đầu bài", "Không bắt buộc. Tệp MP4 (H.264 + AAC) thay cho ảnh đại diện ở đầu bài, ví dụ "
               "anh/phong-su.mp4; cần phụ đề anh/phong-su.vi.vtt và nên có ảnh anh/phong-su.jpg cạnh tệp."),
    "image": T("Ảnh đại diện", "Không bắt buộc. Khi có ảnh phải ghi đủ mô tả và tác giả ảnh."),
    "image.src": T("Tệp ảnh", "Ảnh JPEG hoặc PNG, rộng từ 1200 đến 4000 px, dưới 2 MB; lưu trong thư mục anh/ của bài."),
    "image.alt": T("Mô tả ảnh", "Mô tả nội dung ảnh cho người khiếm thị (ít nhất 5 ký tự)."),
    "image.credit": T("Tác giả ảnh", "Ví dụ: TƯỜNG VY hoặc Ảnh: TTXVN."),
    "image.caption": T("Chú thích ảnh", "Không bắt buộc. Hiện dưới ảnh, trước tên tác giả ảnh."),
    "image.focus": T("Tâm điểm ảnh", "Không bắt buộc. Vị trí chủ thể để cắt ảnh khung 16:9, 4:3, 1:1, "
                     "theo chiều ngang rồi chiều dọc, ví dụ: 50% 30% (giữa, phần trên)."),
    "source": T("Nguồn", "Ví dụ: Nguồn: Ban Tuyên giáo Tỉnh ủy."),
    "status": T("Trạng thái thẩm định", "Bản nháp → Chờ thẩm định → Đã thẩm định. Chỉ bài đã thẩm định "
                "được đăng công khai."),
    "updates": T("Cập nhật, đính chính", "Chỉ ghi khi sửa bài đã đăng: mỗi lần sửa một mục (thời điểm, loại, "
                 "nội dung). Lần sửa mới nhất được báo cho đối tác."),
    "updates.date": T("Thời điểm sửa", "Sau lúc đăng bài và không ở tương lai. " + DATE_HINT),
    "updates.kind": T("Loại", "cap-nhat: cập nhật thêm thông tin; dinh-chinh: đính chính thông tin sai."),
    "updates.note": T("Nội dung sửa", "Ghi rõ đã sửa gì (ít nhất 5 ký tự); hiện trên trang bài."),
    "withdrawn": T("Gỡ bài", "Bắt buộc khi trạng thái là \"Đã gỡ\"; cần cả người thẩm định."),
    "withdrawn.date": T("Thời điểm gỡ", "Sau lúc đăng bài và không ở tương lai. " + DATE_HINT),
    "withdrawn.reason": T("Lý do gỡ", "Hiện trên trang thông báo cho bạn đọc và gửi cho đối tác (ít nhất 10 ký tự)."),
    "related": T("Tin liên quan", "Không bắt buộc: hệ thống tự chọn tối đa 5 bài; ở đây chỉ ghim hoặc loại bài."),
    "related.pin": T("Luôn hiện", "Tên tệp của bài (không có .md) hoặc đường dẫn tệp, mỗi bài một dòng (tối đa 5)."),
    "related.exclude": T("Không hiện", "Tên tệp của bài (không có .md) hoặc đường dẫn tệp, mỗi bài một dòng."),
    "reviewer": T("Người thẩm định", "Bắt buộc khi chọn \"Đã thẩm định\": ghi tên người hoặc tổ đã thẩm "
                  "định bài (ví dụ: Tổ Biên tập). Để trống khi bài còn là bản nháp hoặc chờ thẩm định."),
    "slug": T("Đường dẫn riêng", "Không bắt buộc: chữ thường không dấu, nối bằng dấu gạch (ví dụ: "
              "so-ket-nghi-quyet). Để trống thì dùng tên tệp."),
    "pin": T("Ghim lên đầu", "Bật để bài luôn đứng đầu trang tin tức."),
    "body": T("Nội dung", "Đoạn mở đầu (sapo), rồi dòng <!-- more -->, rồi các mục có tiêu đề. "
              "Chèn infographic bằng một dòng ::infographic mã-infographic."),
}

INFOGRAPHIC: dict[str, FieldText] = {
    "title": T("Tiêu đề", "Từ 5 đến 160 ký tự."),
    "subtitle": T("Tiêu đề phụ", "Không bắt buộc, tối đa 220 ký tự."),
    "kind": T("Loại biểu đồ", "Tiến độ: các số đã làm/tổng số; Con số: tối đa 4 con số lớn; Cột: so sánh "
              "nhiều giá trị; Mục tiêu: cần điền mục Mục tiêu; Mốc thời gian: ngày và sự kiện."),
    "style": T("Kiểu trình bày", "Chỉ cho loại Tiến độ: thanh ngang hoặc vòng tròn."),
    "unit": T("Đơn vị chung", "Ví dụ: %, tỷ đồng (tối đa 24 ký tự)."),
    "as_of": T("Số liệu tính đến", "Ngày (29/03/2023) hoặc ngày giờ (29/03/2023 17:00), giờ Việt Nam."),
    "source": T("Nguồn số liệu", "Từ 8 đến 160 ký tự, ví dụ: Nguồn: Cục Thống kê thành phố."),
    "notes": T("Ghi chú", "Tối đa 2 ghi chú, mỗi ghi chú tối đa 160 ký tự."),
    "target": T("Mục tiêu", "Chỉ cho loại Mục tiêu: con số cần đạt."),
    "target.label": T("Tên mục tiêu", "Tối đa 90 ký tự."),
    "target.value": T("Giá trị", "Con số, dùng dấu chấm cho phần thập phân (ví dụ 7.5)."),
    "target.max": T("Giá trị tối đa", "Không bắt buộc: mốc đầy thang đo."),
    "target.unit": T("Đơn vị", "Không bắt buộc."),
    "target.decimals": T("Số chữ số thập phân", "Từ 0 đến 3."),
    "target.note": T("Ghi chú", "Không bắt buộc, tối đa 90 ký tự."),
    "figures": T("Số liệu", "Từ 1 đến 6 dòng (tối đa 4 với loại Tiến độ, Con số, Mục tiêu). Điền các ô "
                 "theo loại biểu đồ: Tiến độ cần Đã làm và Tổng số; Con số, Cột, Mục tiêu cần Giá trị; "
                 "Mốc thời gian cần Ngày."),
    "figures.label": T("Nhãn", "Tối đa 90 ký tự."),
    "figures.indicator": T("Lấy từ chỉ tiêu", "Loại Tiến độ, không bắt buộc: mã một chỉ tiêu của bản cập nhật "
                           "tiến độ (ví dụ dang-uy-truc-thuoc). Khi điền, để trống Đã làm, Tổng số và Số liệu "
                           "tính đến: các số lấy từ bản cập nhật mới nhất."),
    "figures.done": T("Đã làm", "Loại Tiến độ: số đã hoàn thành (số nguyên)."),
    "figures.total": T("Tổng số", "Loại Tiến độ: tổng số (số nguyên)."),
    "figures.value": T("Giá trị", "Loại Con số, Cột, Mục tiêu: con số (dấu chấm cho phần thập phân)."),
    "figures.max": T("Giá trị tối đa", "Không bắt buộc."),
    "figures.unit": T("Đơn vị", "Không bắt buộc, tối đa 24 ký tự."),
    "figures.decimals": T("Số chữ số thập phân", "Từ 0 đến 3."),
    "figures.note": T("Ghi chú", "Không bắt buộc, tối đa 90 ký tự."),
    "figures.date": T("Ngày", "Loại Mốc thời gian: tháng/năm (03/2023) hoặc ngày/tháng/năm (29/03/2023)."),
    "figures.detail": T("Chi tiết", "Loại Mốc thời gian, không bắt buộc, tối đa 120 ký tự."),
}

TRACKER: dict[str, FieldText] = {
    "as_of": T("Số liệu tính đến", DATE_HINT),
    "source": T("Nguồn số liệu", "Ít nhất 5 ký tự."),
    "plan": T("Kế hoạch", "Tên văn bản kế hoạch được theo dõi."),
    "indicators": T("Chỉ tiêu", "Mỗi chỉ tiêu: mã, tên, số đã làm và tổng số."),
    "indicators.key": T("Mã chỉ tiêu", "Chữ thường không dấu, nối bằng dấu gạch; giữ nguyên giữa các lần cập nhật."),
    "indicators.label": T("Tên chỉ tiêu", "Ít nhất 3 ký tự."),
    "indicators.done": T("Đã làm", "Số nguyên; không vượt quá tổng số."),
    "indicators.total": T("Tổng số", "Số nguyên."),
    "indicators.done_label": T("Cách gọi phần đã làm", "Không bắt buộc, ví dụ: chuyên đề đã giao."),
    "indicators.note": T("Ghi chú", "Không bắt buộc."),
    "indicators.tasks": T("Nhiệm vụ", "Không bắt buộc: từng nhiệm vụ hoặc số nhiệm vụ theo trạng thái."),
    "indicators.tasks.status": T("Trạng thái", "Hoàn thành, đang thực hiện hoặc chưa bắt đầu."),
    "indicators.tasks.count": T("Số nhiệm vụ", "Không bắt buộc, mặc định là 1."),
    "indicators.tasks.name": T("Tên nhiệm vụ", "Không bắt buộc."),
    "indicators.tasks.owner": T("Đơn vị chủ trì", "Không bắt buộc."),
}

PLAN: dict[str, FieldText] = {
    "start": T("Bắt đầu từ ngày", DAY_HINT + " Bài đăng từ ngày này được tính."),
    "source": T("Căn cứ", "Văn bản hoặc buổi làm việc giao kế hoạch."),
    "items": T("Hạng mục", "Mỗi hạng mục: kênh, tên việc, hạn; tùy chọn MỘT trong nhãn, chuyên mục, bài."),
    "items.channel": T("Kênh", "Kênh thực hiện hạng mục."),
    "items.title": T("Tên việc", "Ít nhất 5 ký tự."),
    "items.due": T("Hạn", DAY_HINT),
    "items.tag": T("Nhãn bài", "Hạng mục xong khi có bài đã đăng mang nhãn này."),
    "items.category": T("Chuyên mục", "Hạng mục xong khi có bài đã đăng trong chuyên mục này."),
    "items.article": T("Bài cụ thể", "Tên tệp bài viết (không có .md)."),
}

DOCUMENTS: dict[str, FieldText] = {
    "documents": T("Văn bản", "Mỗi văn bản một mục."),
    "documents.kind": T("Loại văn bản", "Ví dụ: Nghị quyết, Kết luận, Kế hoạch."),
    "documents.number": T("Số, ký hiệu", "Ví dụ: 12-NQ/TU."),
    "documents.date": T("Ngày ban hành", DAY_HINT),
    "documents.issuer": T("Cơ quan ban hành", "Ví dụ: Ban Thường vụ Tỉnh ủy."),
    "documents.title": T("Trích yếu", "Chỉ ghi khi có nguyên văn từ văn bản gốc."),
    "documents.summary": T("Tóm tắt", "Từ 20 đến 600 ký tự."),
    "documents.url": T("Liên kết", "Địa chỉ https:// hoặc trang trong site (ví dụ lo-trinh.md)."),
    "documents.url_label": T("Chữ trên liên kết", "Không bắt buộc."),
}

HOME: dict[str, FieldText] = {
    "title": T("Tên chiến dịch", "Dòng chữ lớn trên ảnh nền trang chủ (5 đến 120 ký tự)."),
    "tagline": T("Dòng giới thiệu", "Một câu dưới tên chiến dịch (10 đến 300 ký tự)."),
    "featured": T("Số bài Tiêu điểm", "Các bài mới nhất có Ghim lên trang chủ (pin); 0 là ẩn khối này."),
    "latest": T("Số tin mới", "0 đến 12; 0 là ẩn khối này."),
    "infographics": T("Số infographic", "Các infographic mới nhất; 0 là ẩn khối này."),
    "figures": T("Hiện số liệu tiến độ", "Các chỉ tiêu của bản cập nhật tiến độ mới nhất."),
    "resolution": T("Hiện khối nghị quyết", "Nghị quyết của trang và các tin bài liên quan mới nhất."),
    "channels": T("Hiện các kênh thông tin", "Các kênh đăng bài, số bài và nguồn tin RSS của từng kênh."),
    "visual": T("Ảnh nền", "Không bắt buộc: ảnh phía sau tên chiến dịch (không có thì là nền màu)."),
    "visual.src": T("Tệp ảnh nền", "Ảnh JPEG, PNG hoặc WebP trong thư mục docs, rộng từ 1600 px."),
    "visual.alt": T("Mô tả ảnh nền", "Mô tả nội dung ảnh cho người khiếm thị (5 đến 250 ký tự)."),
}

GALLERY: dict[str, FieldText] = {
    "photos": T("Ảnh", "Mỗi ảnh trong thư mục một mục; ảnh hiện theo thứ tự tên tệp (01-, 02-, ...)."),
    "photos.file": T("Tệp ảnh", "Chọn ảnh trong thư mục phóng sự; ảnh mới: chép vào thư mục rồi thêm một mục."),
    "photos.alt": T("Mô tả ảnh", "Nội dung ảnh cho người khiếm thị (5 đến 250 ký tự)."),
    "photos.caption": T("Chú thích", "Hiện dưới ảnh (5 đến 600 ký tự)."),
    "photos.credit": T("Tác giả ảnh", "Người chụp hoặc nguồn ảnh (2 đến 120 ký tự)."),
}

PAGE: dict[str, FieldText] = {
    "title": T("Tiêu đề trong danh sách", "Không bắt buộc: tiêu đề trang là dòng # đầu tiên của nội dung."),
    "body": T("Nội dung", "Dòng đầu là tiêu đề trang (# Tiêu đề)."),
}

TASK_STATUS = {"hoan-thanh": "Hoàn thành", "dang-thuc-hien": "Đang thực hiện", "chua-bat-dau": "Chưa bắt đầu"}
CHART_KINDS = KIND_LABELS  # the closed list's own labels (infographics.model.CHART_KINDS)
CHART_STYLES = {"bar": "Thanh ngang", "ring": "Vòng tròn"}

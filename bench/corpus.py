"""Generate a realistic Vietnamese news corpus for the build benchmark.

Each article is 600-900 words of Vietnamese prose assembled from a fixed phrase
bank (no figures are attributed to any real document), with valid front matter
for our article schema, a table and an image. A seeded RNG makes every run
produce the same Markdown, so timings are comparable between runs and engines.

The images are generated test pictures (gradients and shapes, never a photograph of
anything), 1600 x 900 JPEG with a camera-like EXIF block (orientation, GPS position) that
the build must strip: one shared by every article, or with ``photos=True`` one per article.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

SUBJECTS = [
    "Ban Thường vụ Thành ủy", "Ủy ban nhân dân thành phố", "các đảng ủy trực thuộc", "Tổ Biên tập",
    "Ban Tuyên giáo Thành ủy", "các sở, ngành", "chính quyền cơ sở", "Mặt trận Tổ quốc thành phố",
    "đoàn viên thanh niên", "các doanh nghiệp khởi nghiệp", "người dân các phường", "Văn phòng Thành ủy",
]
VERBS = [
    "tiếp tục triển khai", "đôn đốc thực hiện", "rà soát kỹ", "đánh giá toàn diện", "cụ thể hóa",
    "tập trung chỉ đạo", "phối hợp tuyên truyền", "chủ động đề xuất", "kiểm tra tiến độ", "hoàn thiện",
]
OBJECTS = [
    "nghị quyết đại hội các cấp", "Nghị quyết 43-NQ/TW của Bộ Chính trị", "đề án đô thị thông minh",
    "chương trình chuyển đổi số", "kế hoạch sơ kết giữa nhiệm kỳ", "các chuyên đề chuyên sâu",
    "hạ tầng giao thông đô thị", "dịch vụ công trực tuyến", "chính sách an sinh xã hội",
    "không gian phát triển ven biển", "trung tâm khởi nghiệp đổi mới sáng tạo", "cải cách hành chính",
]
TAILS = [
    "theo đúng lộ trình đã đề ra", "gắn với trách nhiệm người đứng đầu", "với nhiều cách làm mới",
    "bảo đảm chất lượng và hiệu quả", "trên tinh thần cầu thị", "nhằm tạo chuyển biến rõ nét",
    "với sự đồng thuận của nhân dân", "sát với thực tiễn từng địa phương", "trong giai đoạn 2020–2025",
]
CONNECTORS = ["Bên cạnh đó,", "Đồng thời,", "Theo đánh giá chung,", "Trong thời gian tới,",
              "Cùng với đó,", "Qua theo dõi,", "Tại buổi làm việc,", "Nhìn chung,"]
HEADINGS = ["Kết quả bước đầu", "Những việc cần làm ngay", "Ý kiến từ cơ sở", "Định hướng thời gian tới",
            "Tuyên truyền sâu rộng", "Tháo gỡ vướng mắc"]
CATEGORIES = ["Sơ kết giữa nhiệm kỳ", "Nghị quyết 43", "Công tác tuyên truyền", "Chỉ đạo – điều hành"]
TAGS = ["Kế hoạch 106-KH/TU", "Đô thị thông minh", "Chuyển đổi số", "Nghị quyết Đại hội XXII",
        "Tổ Biên tập", "Khởi nghiệp", "Cải cách hành chính"]
CHANNELS = ["bao-da-nang", "dang-bo", "drt", "cong-ttdt"]
AUTHORS = ["Thanh Thảo", "Minh Quân", "Ngọc Hà", "Hoài Nam", "Ban Biên tập"]
DISTRICTS = ["Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn", "Liên Chiểu", "Cẩm Lệ", "Hòa Vang"]


@dataclass(frozen=True)
class Corpus:
    """Where a generated corpus lives and how many articles it has."""

    root: Path  # a project folder: docs/ with tin-tuc/posts/ and one shared image
    count: int


PHOTO_SIZE = (1600, 900)
SHARED_PHOTO = "minh-hoa.jpg"


def generated_picture(rng: random.Random, size: tuple[int, int] = PHOTO_SIZE, grain: int = 0) -> Image.Image:
    """A generated picture (gradient, shapes), of nothing real; ``grain`` adds Gaussian noise of
    that deviation so that it compresses about as badly as a photograph (page-weight benches)."""
    w, h = size
    top, bottom = [tuple(rng.randint(20, 235) for _ in range(3)) for _ in range(2)]
    img = Image.composite(Image.new("RGB", size, top), Image.new("RGB", size, bottom),
                          Image.linear_gradient("L").resize(size).point(lambda v: 255 - v))
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y, r = rng.randint(0, w), rng.randint(0, h), rng.randint(h // 12, h // 3)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape([x - r, y - r // 2, x + r, y + r // 2], fill=colour)
    if grain:
        noise = Image.effect_noise(size, grain).convert("RGB")
        img = Image.blend(img, noise, 0.35)
    return img


def camera_exif() -> Image.Exif:
    """What a phone writes: make, model, orientation and a GPS position (Đà Nẵng)."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Máy ảnh thử", "Test 1", 1
    exif[0x8825] = {1: "N", 2: (16.0, 3.0, 0.0), 3: "E", 4: (108.0, 13.0, 0.0)}
    return exif


def save_photo(img: Image.Image, path: Path) -> None:
    img.save(path, "JPEG", quality=85, exif=camera_exif(), comment=b"generated test picture")


def _sentence(rng: random.Random) -> str:
    lead = rng.choice(CONNECTORS) + " " if rng.random() < 0.4 else ""
    subject = rng.choice(SUBJECTS)
    if lead:
        subject = subject[0].lower() + subject[1:] if not subject.startswith(("Ban", "Ủy", "Tổ", "Văn", "Mặt")) else subject
    else:
        subject = subject[0].upper() + subject[1:]
    return f"{lead}{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def _dated(rng: random.Random) -> str:
    """A sentence with numbers and a place: gives the search index realistic variety."""
    return (f"Ngày {rng.randint(1, 28)}-{rng.randint(1, 12)}-{rng.randint(2020, 2025)}, phường "
            f"{rng.choice(DISTRICTS)} tiếp nhận hồ sơ số {rng.randint(100, 99999)}/{rng.randint(10, 999)} "
            f"và tổ chức {rng.randint(2, 40)} buổi đối thoại với {rng.randint(50, 3000)} lượt người dân.")


def _paragraph(rng: random.Random) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
    sentences.insert(rng.randint(0, len(sentences)), _dated(rng))
    return " ".join(sentences)


def _words(text: str) -> int:
    return len(text.split())


def _table(rng: random.Random) -> str:
    rows = ["| Quận, huyện | Nhiệm vụ đã hoàn thành | Nhiệm vụ đang thực hiện |", "|---|---:|---:|"]
    for district in rng.sample(DISTRICTS, 4):
        rows.append(f"| {district} | {rng.randint(1, 9)} | {rng.randint(1, 9)} |")
    return "\n".join(rows) + "\n\n*Bảng: số liệu minh họa cho phép đo hiệu năng, không phải số liệu thật.*"


def article_text(index: int, rng: random.Random, photo: str = SHARED_PHOTO) -> tuple[dict[str, object], str]:
    """Front matter and body of article ``index`` (600-900 words)."""
    target = rng.randint(600, 900)
    topic = rng.choice(OBJECTS)
    subject = rng.choice(SUBJECTS)
    title = f"{subject[0].upper()}{subject[1:]} {rng.choice(VERBS)} {topic} (bài {index + 1})"
    date = datetime(2021, 1, 1, 8, 0) + timedelta(hours=9 * index)
    meta: dict[str, object] = {
        "title": title,
        "date": date.strftime("%Y-%m-%d %H:%M"),
        "authors": [rng.choice(AUTHORS)],
        "channels": sorted(rng.sample(CHANNELS, rng.randint(1, 2))),
        "categories": [rng.choice(CATEGORIES)],
        "tags": sorted(rng.sample(TAGS, 2)),
        "summary": _sentence(rng),
        "image": {"src": f"../anh/{photo}", "alt": "Ảnh minh họa hoạt động tại Đà Nẵng",
                  "credit": "Ảnh: Ban Biên tập"},
        "source": "Nguồn: dữ liệu tạo tự động để đo hiệu năng",
        "status": "approved",
        "reviewer": "Tổ Biên tập",
    }
    parts = [_paragraph(rng), "<!-- more -->"]
    words = _words(parts[0])
    section = 0
    while words < target:
        if section < 3 and words > target * section / 3:
            parts.append(f"## {HEADINGS[(index + section) % len(HEADINGS)]}")
            section += 1
            if section == 1:
                parts.append(_table(rng))
                parts.append(f"![Ảnh minh họa hoạt động tại Đà Nẵng](../anh/{photo})"
                             "{ width=\"1600\" height=\"900\" loading=lazy }")
        para = _paragraph(rng)
        parts.append(para)
        words += _words(para)
    return meta, "\n\n".join(parts) + "\n"


def write_corpus(root: Path, count: int, seed: int = 43, photos: bool = False, grain: int = 0) -> Corpus:
    """Write ``count`` articles under ``root/docs/tin-tuc/posts`` (the folder is replaced);
    ``photos``: a generated picture per article (``anh/bai-00001.jpg``...) instead of one shared."""
    rng = random.Random(seed)
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    posts = docs / "tin-tuc" / "posts"
    posts.mkdir(parents=True)
    (docs / "tin-tuc" / "anh").mkdir()
    save_photo(generated_picture(random.Random(seed)), docs / "tin-tuc" / "anh" / SHARED_PHOTO)
    (docs / "index.md").write_text("# Sơ kết giữa nhiệm kỳ\n\nTrang chủ của bộ dữ liệu đo hiệu năng.\n", "utf-8")
    (docs / "tin-tuc" / "index.md").write_text("# Tin tức\n", "utf-8")
    for i in range(count):
        photo = SHARED_PHOTO
        if photos:
            photo = f"bai-{i + 1:05d}.jpg"
            save_photo(generated_picture(random.Random(seed * 100003 + i), grain=grain), docs / "tin-tuc" / "anh" / photo)
        meta, body = article_text(i, rng, photo)
        header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (posts / f"bai-{i + 1:05d}.md").write_text(f"---\n{header}---\n\n{body}", "utf-8")
    return Corpus(root, count)

"""The answers ``microsite init`` is missing, asked in Vietnamese in a terminal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .spec import InitError

Ask = Callable[[str], str]


@dataclass
class Answers:
    """The command line's answers; ``None``/empty where a flag was not given."""

    title: str | None = None
    organisation: str | None = None
    url: str | None = None
    description: str = ""
    channels: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    resolution: str | None = None
    resolution_date: str | None = None
    resolution_issuer: str | None = None
    resolution_title: str | None = None

    def missing(self) -> list[str]:
        return [flag for flag, value in (("--title", self.title), ("--organisation", self.organisation),
                                         ("--url", self.url)) if not (value or "").strip()]


def refuse_missing(answers: Answers) -> None:
    """No terminal to ask in: say which flags are missing."""
    if answers.missing():
        raise InitError("Thiếu " + ", ".join(answers.missing()) + ". Ví dụ: microsite init thu-muc "
                        "--title \"Tên trang\" --organisation \"Tên cơ quan\" --url https://ten-trang.example/ "
                        "(hoặc chạy trong cửa sổ dòng lệnh để trả lời từng câu hỏi).")


def _repeated(ask: Ask, prompt: str) -> list[str]:
    out = []
    while item := ask(prompt).strip():
        out.append(item)
    return out


def ask_missing(answers: Answers, ask: Ask = input) -> Answers:
    """Ask for every required answer not given; with no flag at all, the optional ones too."""
    first_run = not any((answers.title, answers.organisation, answers.url, answers.channels))
    while not (answers.title or "").strip():
        answers.title = ask("Tên trang chuyên đề: ")
    while not (answers.organisation or "").strip():
        answers.organisation = ask("Tên cơ quan chủ quản: ")
    while not (answers.url or "").strip():
        answers.url = ask("Địa chỉ trang (https://...): ")
    if not first_run:
        return answers
    answers.description = answers.description or ask("Mô tả ngắn (Enter để bỏ qua): ")
    answers.channels = _repeated(ask, "Kênh thông tin, dạng ma-kenh=Tên đầy đủ|Tên ngắn "
                                      "(Enter để kết thúc; không nhập: trang web của cơ quan): ")
    answers.categories = _repeated(ask, "Chuyên mục (Enter để kết thúc; không nhập: chuyên mục mặc định): ")
    answers.resolution = ask("Số hiệu nghị quyết có chuyên mục riêng, ví dụ 43-NQ/TW (Enter nếu không có): ")
    if answers.resolution.strip():
        answers.resolution_date = ask("Ngày ban hành (năm-tháng-ngày): ")
        answers.resolution_issuer = ask("Cơ quan ban hành: ")
        answers.resolution_title = ask("Trích yếu (về ...): ")
    return answers

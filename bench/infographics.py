"""Time infographic rendering: cold vs warm cache, and Pillow vs matplotlib per rendition.

Run: ``.venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/infographics.py``.
Prints numbers only; nothing here is asserted (timings depend on the machine).
matplotlib draws the same horizontal bar chart (title, subtitle, three labelled bars
with values, source line, site name) at the same pixel size with the same font,
and both sides include PNG encoding.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from microsite.assets.fonts import ttf_path  # noqa: E402
from microsite.infographics.cache import RenderCache  # noqa: E402
from microsite.infographics.encode import encode  # noqa: E402
from microsite.infographics.loader import data_files, load_infographic  # noqa: E402
from microsite.infographics.model import Infographic  # noqa: E402
from microsite.infographics.publish import Identity, RenderStats, prepare  # noqa: E402
from microsite.infographics.renditions import CHANNELS, Channel, render  # noqa: E402
from microsite.infographics.style import BG, INK, MUTED, RED, TRACK  # noqa: E402
from microsite.text.press import TIMEZONE  # noqa: E402

SITE = Identity("Sơ kết giữa nhiệm kỳ – Đảng bộ thành phố Đà Nẵng", "Sơ kết giữa nhiệm kỳ")
REPEAT = 5


def load_all() -> list[Infographic]:
    now = datetime.now(TIMEZONE)
    infos = []
    for path in data_files(ROOT / "docs"):
        info, problems = load_infographic(path, path.name, now)
        if info is None:
            raise SystemExit("\n".join(p.format() for p in problems))
        infos.append(info)
    return infos


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cache_runs(infos: list[Infographic]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = RenderCache(Path(tmp))
        for label in ("cold", "warm"):
            stats = RenderStats()
            seconds = timed(lambda: [prepare(i, cache, SITE, stats) for i in infos])
            print(f"{label:>5}: {len(infos)} infographics x {len(CHANNELS)} channels in {seconds * 1000:8.0f} ms "
                  f"(rendered {stats.rendered}, reused {stats.reused})")
        sizes: dict[str, list[int]] = {c.name: [] for c in CHANNELS}
        webps: dict[str, int] = {c.name: 0 for c in CHANNELS}
        for info in infos:
            pub = prepare(info, cache, SITE, RenderStats())
            for r in pub.renditions:
                sizes[r.channel.name].append(r.bytes)
                webps[r.channel.name] += r.webp is not None
        print("\nPNG size per channel (KB): min / median / max; WebP written where smaller")
        for name, values in sizes.items():
            print(f"  {name:>6}: {min(values) / 1024:6.1f} / {statistics.median(values) / 1024:6.1f} / "
                  f"{max(values) / 1024:6.1f}   WebP beside {webps[name]}/{len(values)}")


def matplotlib_bars(info: Infographic, ch: Channel) -> bytes:
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for name in ("BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf"):
        font_manager.fontManager.addfont(str(ttf_path(name)))
    plt.rcParams["font.family"] = "Be Vietnam Pro"
    dpi = 100
    fig = plt.figure(figsize=(ch.width / dpi, ch.height / dpi), dpi=dpi, facecolor=BG)
    u = ch.u * 0.75  # points per layout pixel at 100 dpi
    fig.text(0.05, 0.9, info.title, fontsize=40 * u, fontweight="bold", color=INK, va="top", wrap=True)
    fig.text(0.05, 0.78, info.subtitle, fontsize=20 * u, color=MUTED, va="top")
    ax = fig.add_axes((0.05, 0.2, 0.75, 0.5), facecolor=BG)
    labels = [f.label for f in info.figures][::-1]
    values = [f.quantity.value for f in info.figures][::-1]
    top = max(values)
    ax.barh(labels, [top] * len(values), color=TRACK, height=0.35)
    ax.barh(labels, values, color=RED, height=0.35)
    for y, f in enumerate(info.figures[::-1]):
        ax.text(top * 1.02, y, f.quantity.text(), va="center", fontsize=30 * u, fontweight="bold", color=RED)
    ax.set_yticks(range(len(labels)), labels, fontsize=21 * u)
    ax.set_xticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    fig.text(0.05, 0.05, f"{info.source}. {info.as_of_text()}.", fontsize=15 * u, color=MUTED)
    fig.text(0.95, 0.05, SITE.name, fontsize=15 * u, color=RED, ha="right", fontweight="bold")
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor=BG)
    plt.close(fig)
    return out.getvalue()


def pillow_vs_matplotlib(infos: list[Infographic]) -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("\nmatplotlib not installed: pip install -e '.[bench]' to compare.")
        return
    info = next(i for i in infos if i.kind == "bars")
    print(f"\nPillow vs matplotlib, same bar chart ({info.id}), encoding included, median of {REPEAT}:")
    matplotlib_bars(info, CHANNELS[0])  # warm up font cache
    encode(render(info, CHANNELS[0], SITE.name, SITE.short))
    for ch in CHANNELS:
        pil = statistics.median(timed(lambda: encode(render(info, ch, SITE.name, SITE.short), ch.dpi, webp=False))
                                for _ in range(REPEAT))
        both = statistics.median(timed(lambda: encode(render(info, ch, SITE.name, SITE.short), ch.dpi))
                                 for _ in range(REPEAT))
        pil_draw = statistics.median(timed(lambda: render(info, ch, SITE.name, SITE.short)) for _ in range(REPEAT))
        mpl = statistics.median(timed(lambda: matplotlib_bars(info, ch)) for _ in range(REPEAT))
        print(f"  {ch.name:>6} {ch.width}x{ch.height}: Pillow draw {pil_draw * 1000:4.0f} ms, draw+PNG "
              f"{pil * 1000:4.0f} ms, +WebP {both * 1000:5.0f} ms | matplotlib draw+PNG {mpl * 1000:5.0f} ms "
              f"| speed-up (PNG vs PNG) {mpl / pil:4.1f}x")


def main() -> None:
    infos = load_all()
    cache_runs(infos)
    pillow_vs_matplotlib(infos)


if __name__ == "__main__":
    main()

"""matplotlib peer of `factsheet chart`, styled like factsheet's bar chart.

    python3 chart.py IN.csv OUT.(png|pdf|svg) [TITLE]
    python3 chart.py --batch INDIR OUTDIR COUNT     (800x600 PNGs, one process)

One chart: 1920x1080 px (19.2x10.8 in at dpi 100); the PDF is an A4
landscape page, factsheet's default. The Agg backend, no pandas: the csv module reads the file.
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

BAR, INK, GRID, TICK = "#1d5f8a", "#1a1a1a", "#e3e3e3", "#5c5c5c"
plt.rcParams.update({
    "font.family": ["Inter", "DejaVu Sans"],
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
})


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["label"] for r in rows], [float(r["value"]) for r in rows]


def draw(path, out, title, w, h, fs):
    labels, values = read(path)
    if out.endswith(".pdf"):
        w, h, fs = 1169, 827, 11
    fig, ax = plt.subplots(figsize=(w / 100, h / 100), dpi=100)
    y = range(len(labels))
    bars = ax.barh(y, values, height=0.72, color=BAR)
    ax.set_yticks(list(y), labels, fontsize=fs, color=INK)
    ax.invert_yaxis()
    ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=-fs * 3.2,
                 color="white", fontsize=fs, fontweight="semibold")
    ax.set_title(title, loc="left", fontsize=fs * 1.8, fontweight="bold", color=INK)
    ax.xaxis.grid(True, color=GRID)
    ax.set_axisbelow(True)
    ax.tick_params(axis="x", colors=TICK, labelsize=fs * 0.9, length=0)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    for s in ("top", "right", "bottom"):
        ax.spines[s].set_visible(False)
    # fixed margins rather than tight_layout(), which draws the figure twice
    fig.subplots_adjust(left=0.2, right=0.97, top=0.9, bottom=0.08)
    fig.savefig(out, dpi=100)
    plt.close(fig)


if __name__ == "__main__":
    if sys.argv[1] == "--batch":
        indir, outdir, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
        for i in range(1, n + 1):
            draw(f"{indir}/{i:03d}.csv", f"{outdir}/{i:03d}.png", f"Chart {i}", 800, 600, 10)
    else:
        draw(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "T", 1920, 1080, 17)

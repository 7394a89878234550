#!/usr/bin/env python3
"""Plot the data-path throughput of tb/bench/net_bench as an SVG (no plotting library).

Reads the `BENCH <mode> size=<S> qp=<N> gbps=... mpps=...` lines net_bench prints
(a file or stdin) and draws Gb/s against frame size, one line per (mode, queue pairs),
with the 100 GbE line rate (frame data, S / (S + 20) x 100 Gb/s) for reference.

    bench_plot.py [--in FILE] --out docs/bench-throughput.svg
"""
import argparse
import math
import sys

COLORS = {"tx": "#1f77b4", "rx": "#d62728", "both": "#2ca02c"}


def parse(lines):
    """{(mode, qp): [(size, gbps)]} from the BENCH lines (failed figures left out)."""
    series = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or parts[0] != "BENCH" or parts[1] not in COLORS:
            continue
        kv = dict(p.split("=", 1) for p in parts[2:] if "=" in p)
        if kv.get("failed") == "1" or "gbps" not in kv or "size" not in kv:
            continue
        key = (parts[1], int(kv.get("qp", "1")))
        series.setdefault(key, []).append((int(kv["size"]), float(kv["gbps"])))
    for pts in series.values():
        pts.sort()
    return series


def svg(series, title):
    w, h, left, right, top, bottom = 720, 420, 60, 170, 40, 50
    sizes = sorted({s for pts in series.values() for s, _ in pts}) or [64, 1518]
    ymax = max([g for pts in series.values() for _, g in pts] + [100.0])
    ymax = 20 * math.ceil(ymax / 20)
    lx0, lx1 = math.log(sizes[0]), math.log(sizes[-1]) if sizes[-1] > sizes[0] else math.log(sizes[0]) + 1

    def x(s):
        return left + (math.log(s) - lx0) / (lx1 - lx0) * (w - left - right)

    def y(g):
        return h - bottom - g / ymax * (h - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2 - 60}" y="20" font-size="14">{title}</text>']
    for g in range(0, int(ymax) + 1, 20):
        out.append(f'<line x1="{left}" y1="{y(g):.1f}" x2="{w - right}" y2="{y(g):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y(g) + 4:.1f}" text-anchor="end">{g}</text>')
    for s in sizes:
        out.append(f'<line x1="{x(s):.1f}" y1="{top}" x2="{x(s):.1f}" y2="{h - bottom}" stroke="#eee"/>')
        out.append(f'<text x="{x(s):.1f}" y="{h - bottom + 16}" text-anchor="middle">{s}</text>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">'
               'frame size (bytes, with FCS)</text>')
    out.append(f'<text x="16" y="{(top + h - bottom) / 2}" transform="rotate(-90 16 '
               f'{(top + h - bottom) / 2})" text-anchor="middle">Gb/s (frame data)</text>')
    line = " ".join(f"{x(s):.1f},{y(100.0 * s / (s + 20)):.1f}" for s in sizes)
    out.append(f'<polyline points="{line}" fill="none" stroke="black" stroke-dasharray="5,4"/>')
    legend = [("100 GbE line rate", "black", True)]
    for (mode, qp), pts in sorted(series.items()):
        color = COLORS[mode]
        dash = ' stroke-dasharray="2,2"' if qp > 1 else ""
        pl = " ".join(f"{x(s):.1f},{y(g):.1f}" for s, g in pts)
        out.append(f'<polyline points="{pl}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for s, g in pts:
            out.append(f'<circle cx="{x(s):.1f}" cy="{y(g):.1f}" r="3" fill="{color}"/>')
        legend.append((f"{mode}, {qp} queue pair{'s' if qp > 1 else ''}", color, qp > 1))
    for i, (name, color, dashed) in enumerate(legend):
        ly = top + 10 + 18 * i
        dash = ' stroke-dasharray="4,3"' if dashed else ""
        out.append(f'<line x1="{w - right + 10}" y1="{ly}" x2="{w - right + 35}" y2="{ly}" '
                   f'stroke="{color}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{w - right + 40}" y="{ly + 4}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--in", dest="inp", help="net_bench output (default stdin)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--title", default="vionic data path, simulated (250 MHz, 512-bit, Gen3 x16 model)")
    args = ap.parse_args()
    text = open(args.inp).read() if args.inp else sys.stdin.read()
    series = parse(text.splitlines())
    if not series:
        print("bench_plot: no BENCH throughput lines", file=sys.stderr)
        return 1
    with open(args.out, "w") as f:
        f.write(svg(series, args.title))
    return 0


if __name__ == "__main__":
    sys.exit(main())

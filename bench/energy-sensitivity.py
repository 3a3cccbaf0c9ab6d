#!/usr/bin/env python3
"""Table, CSV and SVG plot of bench/energy-sensitivity.sh's simulations (no plotting library needed).

argv: work directory, then points as weight:activation densities. The dense point (1.0:1.0) is the
reference: what the same array spends when nothing is skipped. "Ideal" is energy proportional to the
work kept (density x dense energy): the gap between a curve and the ideal line is what skipping costs
(pointer reads, padding, write-back, load imbalance, per-cycle energy of waiting PEs).
"""
import csv
import json
import math
import os
import sys

work, points = sys.argv[1], [tuple(p.split(":")) for p in sys.argv[2:]]
rows = []
for w, a in points:
    r = json.load(open(os.path.join(work, f"w{w}-a{a}", "sim.json")))
    e, s = r["energy"], r["summary"]
    rows.append({"weight_density": float(w), "activation_density": float(a), "cycles": s["cycles"],
                 "useful_macs": s["useful_entries"], "padding_entries": s["padding_entries"],
                 "energy_pj": e["per_inference_pj"], "pj_per_useful_mac": e["pj_per_useful_mac"],
                 "average_power_mw": e["average_power_mw"], "table": e["table"],
                 **{f"{u}_pj": v for u, v in e["by_unit_pj"].items()}})
dense = next(r for r in rows if r["weight_density"] == 1.0 and r["activation_density"] == 1.0)
for r in rows:
    r["energy_vs_dense"] = r["energy_pj"] / dense["energy_pj"]
    r["ideal_vs_dense"] = r["weight_density"] * r["activation_density"]

keys = list(rows[0].keys())
with open(os.path.join(work, "energy-sensitivity.csv"), "w", newline="") as f:
    wr = csv.DictWriter(f, fieldnames=keys, lineterminator="\n")
    wr.writeheader()
    for r in rows:
        wr.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in r.items()})

print("| weights kept | non-zero activations | cycles | energy [nJ] | pJ per useful MAC | vs dense | "
      "ideal (work kept) |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['weight_density']:.0%} | {r['activation_density']:.1%} | {r['cycles']} | "
          f"{r['energy_pj'] / 1000:.1f} | {r['pj_per_useful_mac']:.2f} | {r['energy_vs_dense']:.4f} | "
          f"{r['ideal_vs_dense']:.4f} |")

# SVG: energy relative to the dense layer vs density (log-log), one series per swept density, and the ideal.
W, H, L, R, T, B = 900, 600, 90, 30, 60, 70
xs = [0.01, 1.0]
ys = [min(min(r["energy_vs_dense"], r["ideal_vs_dense"]) for r in rows) * 0.8, 1.2]
def px(x):
    return L + (math.log10(x) - math.log10(xs[0])) / (math.log10(xs[1]) - math.log10(xs[0])) * (W - L - R)
def py(y):
    return H - B - (math.log10(y) - math.log10(ys[0])) / (math.log10(ys[1]) - math.log10(ys[0])) * (H - T - B)
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="13">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W / 2}" y="25" text-anchor="middle" font-size="16">Energy per inference vs density, relative to '
       f'the dense layer (2048 x 2048, 64 PEs, 800 MHz, table {rows[0]["table"]})</text>']
for d in [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]:
    svg.append(f'<line x1="{px(d):.1f}" y1="{T}" x2="{px(d):.1f}" y2="{H - B}" stroke="#ddd"/>')
    svg.append(f'<text x="{px(d):.1f}" y="{H - B + 18}" text-anchor="middle">{d:g}</text>')
for e in range(math.floor(math.log10(ys[0])), 1):
    for m in (1, 2, 5):
        y = m * 10 ** e
        if ys[0] <= y <= ys[1]:
            svg.append(f'<line x1="{L}" y1="{py(y):.1f}" x2="{W - R}" y2="{py(y):.1f}" stroke="#ddd"/>')
            svg.append(f'<text x="{L - 8}" y="{py(y) + 4:.1f}" text-anchor="end">{y:g}</text>')
svg.append(f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" fill="none" stroke="black"/>')
svg.append(f'<text x="{(L + W - R) / 2}" y="{H - 20}" text-anchor="middle">density (log scale): fraction of weights '
           'kept, or of activations non-zero</text>')
svg.append(f'<text transform="translate(22,{(T + H - B) / 2}) rotate(-90)" text-anchor="middle">energy per inference '
           '/ dense layer\'s (log scale)</text>')
series = [("weights kept (35.3 % activations)", "#1f77b4", [r for r in rows if r["activation_density"] == 0.353],
           "weight_density"),
          ("non-zero activations (9 % weights)", "#ff7f0e",
           [r for r in rows if r["weight_density"] == 0.09], "activation_density")]
legend_y = T + 20
for label, color, pts, key in series:
    pts = sorted(pts, key=lambda r: r[key])
    # Ideal: the energy of the work kept, at the other density of the series.
    path = " ".join(f"{px(r[key]):.1f},{py(r['energy_vs_dense']):.1f}" for r in pts)
    ideal = " ".join(f"{px(r[key]):.1f},{py(r['ideal_vs_dense']):.1f}" for r in pts)
    svg.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
    svg.append(f'<polyline points="{ideal}" fill="none" stroke="{color}" stroke-width="1.5" stroke-dasharray="6,4"/>')
    for r in pts:
        svg.append(f'<circle cx="{px(r[key]):.1f}" cy="{py(r["energy_vs_dense"]):.1f}" r="4" fill="{color}"/>')
    svg.append(f'<line x1="{L + 15}" y1="{legend_y}" x2="{L + 45}" y2="{legend_y}" stroke="{color}" '
               'stroke-width="2.5"/>')
    svg.append(f'<text x="{L + 52}" y="{legend_y + 4}">{label}: simulated</text>')
    legend_y += 20
    svg.append(f'<line x1="{L + 15}" y1="{legend_y}" x2="{L + 45}" y2="{legend_y}" stroke="{color}" stroke-width="1.5" '
               'stroke-dasharray="6,4"/>')
    svg.append(f'<text x="{L + 52}" y="{legend_y + 4}">{label}: ideal (energy of the work kept)</text>')
    legend_y += 20
svg.append("</svg>")
open(os.path.join(work, "energy-sensitivity.svg"), "w").write("\n".join(svg) + "\n")
print(f"\nwrote {work}/energy-sensitivity.csv and {work}/energy-sensitivity.svg")

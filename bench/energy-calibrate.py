#!/usr/bin/env python3
"""Calibrate the default energy table (sim/Eiec.Sim/Energy/eie-45nm.yaml) against the EIE paper.

Reads bench/energy-calibration.yaml (Table II targets, the Table I shape of each action's energy,
the fit / held-out split), simulates the nine Table III layers at 64 PEs (seed-1 layers from
`eiec gen --layer X --seed 1`, bench/eie-large.yaml), fits the table and prints the residuals.

Model, per PE unit u (ActQueue, PtrRead, SpmatRead, Arith, ActRw) and layer l:
    energy_u(l) = beta_u x PE-cycles(l) + k_u x sum_a shape_a x count_a(l)
shape_a is a Table I estimate of action a's energy; k_u scales it, beta_u is the unit's energy per
PE-cycle. With D_u the fit layers' action energy per PE-cycle at k = 1 (cycle-weighted) and T_u the
Table II row / clock:
  - beta_u = T_u - k_u x D_u: the fit layers' average power is Table II's row (the least-squares
    beta for any k_u);
  - k_u is the largest scale that keeps every fit layer within fit_bound of T_u, capped at k_max,
    the scale at which the actions spend all of Table II's memory + combinational rows.
Table II is one activity point per unit, so it cannot separate per-action from per-cycle energy by
itself; the bound says how much activity dependence the measurement leaves room for.

Usage:
  bench/energy-calibrate.py                 fit, print the residuals (Markdown)
  bench/energy-calibrate.py --write         ... and rewrite the default table and bench/energy-counts.json
  bench/energy-calibrate.py --check         fail (exit 1) if the committed table differs from the fit
"""
import argparse
import json
import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "sim/Eiec.Sim/Energy/eie-45nm.yaml")
COUNTS = os.path.join(ROOT, "bench/energy-counts.json")
PE_UNITS = ["ActQueue", "PtrRead", "SpmatRead", "Arith", "ActRw"]
UNIT_OF = {
    "spmat_word_read": "SpmatRead", "pointer_read": "PtrRead", "codebook_read": "Arith", "mac": "Arith",
    "acc_read": "ActRw", "acc_write": "ActRw", "act_read": "ActRw", "act_write": "ActRw", "bias_read": "ActRw",
    "queue_push": "ActQueue", "queue_pop": "ActQueue",
}


def simulate(cal, layers, work, eiec):
    """Action counts of each layer: {name: {cycles, pes, actions{...}}}, from `eiec sim --json`."""
    os.makedirs(work, exist_ok=True)
    counts = {}
    for name in layers:
        cz = os.path.join(work, name + ".cz")
        if not os.path.exists(cz):
            run([eiec, "gen", "--layer", name, "--seed", str(cal["seed"]), "-o", work])
        image = os.path.join(work, name)
        # The paper's accelerator interleaves rows (row i on PE i mod N): no balancing (docs/balancing.md).
        run([eiec, "build", cz, "-c", os.path.join(ROOT, cal["config"]), "--balance", "none", "-o", image])
        report = os.path.join(work, name + ".json")
        run([eiec, "sim", image, "--input", os.path.join(work, name + ".input.npy"), "--json", report])
        r = json.load(open(report))
        if r["pes"] != cal["pes"] or r["clock_mhz"] != cal["clock_mhz"]:
            sys.exit(f"{report}: simulated at {r['pes']} PEs, {r['clock_mhz']} MHz; calibration wants "
                     f"{cal['pes']} PEs, {cal['clock_mhz']} MHz")
        counts[name] = {"cycles": r["summary"]["cycles"], "pes": r["pes"],
                        "actions": {k: v for k, v in sorted(r["layers"][0]["actions"].items())}}
    return counts


def run(argv):
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(argv)}: exit {p.returncode}: {p.stderr.strip()}")


def dynamic(cal, c, k=1.0):
    """Per unit: action energy per PE-cycle of one layer's counts at scale k, pJ."""
    d = {u: 0.0 for u in PE_UNITS}
    for action, s in cal["shape_pj"].items():
        d[UNIT_OF[action]] += k * s["pj"] * c["actions"][action]
    pe_cycles = c["cycles"] * c["pes"]
    return {u: v / pe_cycles for u, v in d.items()}


def fit(cal, counts):
    f = cal["clock_mhz"]
    target = {u: mw * 1000 / f for u, mw in cal["table2"]["modules_mw"].items()}   # pJ per PE-cycle
    comp = cal["table2"]["components_mw"]
    clock_register = (comp["clock_network"] + comp["register"]) * 1000 / f
    fits = cal["fit_layers"]
    fit_cycles = sum(counts[n]["cycles"] for n in fits)
    per_layer = {n: dynamic(cal, counts[n]) for n in fits}
    # Cycle-weighted mean of the fit layers' action energy per PE-cycle, at k = 1.
    mean = {u: sum(per_layer[n][u] * counts[n]["cycles"] for n in fits) / fit_cycles for u in PE_UNITS}
    # Upper bound on k: the memory + combinational rows spent entirely by the actions.
    k_max = (sum(target.values()) - clock_register) / sum(mean.values())
    k, beta = {}, {}
    for u in PE_UNITS:
        # Largest k that keeps every fit layer's power of this unit within fit_bound of Table II.
        spread = max(abs(per_layer[n][u] - mean[u]) for n in fits)
        k[u] = min(k_max, cal["fit_bound"] * target[u] / spread) if spread > 0 else k_max
        beta[u] = target[u] - k[u] * mean[u]
    return {"k": k, "k_max": k_max, "beta": beta, "target": target, "mean": mean,
            "clock_register": clock_register}


def module_power(cal, model, c):
    """Per unit average power of one layer (or a set of layers' summed counts), mW per PE."""
    d = dynamic(cal, c)
    f = cal["clock_mhz"]
    return {u: (model["beta"][u] + model["k"][u] * d[u]) * f / 1000 for u in PE_UNITS}


def summed(counts, names):
    out = {"cycles": 0, "pes": counts[names[0]]["pes"], "actions": {}}
    for n in names:
        out["cycles"] += counts[n]["cycles"]
        for a, v in counts[n]["actions"].items():
            out["actions"][a] = out["actions"].get(a, 0) + v
    return out


def residuals(cal, model, counts):
    t2 = cal["table2"]["modules_mw"]
    rows = []
    sets = [("fit", n) for n in cal["fit_layers"]] + [("held-out", n) for n in cal["held_out_layers"]]
    sets += [("fit", "fit set"), ("held-out", "held-out set")]
    worst = 0.0
    for kind, name in sets:
        c = counts[name] if name in counts else summed(
            counts, cal["fit_layers"] if kind == "fit" else cal["held_out_layers"])
        p = module_power(cal, model, c)
        errs = {u: p[u] / t2[u] - 1 for u in PE_UNITS}
        total = sum(p.values())
        errs["total"] = total / cal["table2"]["total_mw"] - 1
        if kind == "held-out":
            worst = max(worst, max(abs(e) for e in errs.values()))
        rows.append((kind, name, p, total, errs))
    return rows, worst


def markdown(cal, model, rows):
    out = [f"Fit: per unit, k (scale on the Table I action shapes; upper bound k_max = {model['k_max']:.4f}) "
           "and beta (pJ per PE-cycle):", "",
           "| unit | k | beta [pJ/PE-cycle] | action share of the unit's fit-set energy |", "|---|---|---|---|"]
    for u in PE_UNITS:
        share = model["k"][u] * model["mean"][u] / model["target"][u]
        out.append(f"| {u} | {model['k'][u]:.4f} | {model['beta'][u]:.4f} | {100 * share:.1f} % |")
    out += ["", "| layer | " + " | ".join(PE_UNITS) + " | PE total |", "|" + "---|" * (len(PE_UNITS) + 2)]
    t2 = cal["table2"]["modules_mw"]
    out.append("| Table II | " + " | ".join(f"{t2[u]:.3f}" for u in PE_UNITS)
               + f" | {cal['table2']['total_mw']:.3f} |")
    for kind, name, p, total, errs in rows:
        label = f"**{name}**" if name.endswith("set") else f"{name} ({kind})"
        cells = [f"{p[u]:.3f} ({100 * errs[u]:+.1f})" for u in PE_UNITS]
        out.append(f"| {label} | " + " | ".join(cells) + f" | {total:.3f} ({100 * errs['total']:+.1f}) |")
    out += ["", "mW per PE at 800 MHz (error against Table II, %). A set's row sums its layers' counts: the",
            "average power over all its layers run back to back."]
    return "\n".join(out)


def fmt(x):
    return f"{x:.4f}".rstrip("0").rstrip(".")


def entry(indent, key, pj, **texts):
    """One table entry in block style, long strings folded over lines (YAML joins them with a space)."""
    pad = " " * indent
    out = [f"{pad}{key}:", f"{pad}  pj: {fmt(pj)}"]
    for name, text in texts.items():
        words, line = text.replace('"', "'").split(" "), f'{pad}  {name}: "'
        for w in words:
            if len(line) + len(w) + 2 > 118 and not line.endswith('"'):
                out.append(line)
                line = pad + "    "
            line += ("" if line.endswith('"') or line.endswith("    ") else " ") + w
        out.append(line + '"')
    return out


def table_yaml(cal, model):
    f = cal["clock_mhz"]
    t2 = cal["table2"]
    comp = t2["components_mw"]
    beta_sum = sum(model["beta"].values())
    clock_pj = comp["clock_network"] * 1000 / f
    register_pj = comp["register"] * 1000 / f
    lines = [
        "# GENERATED by bench/energy-calibrate.py --write from bench/energy-calibration.yaml: edit those,",
        "# not this file (docs/energy.md explains the method and shows the residuals).",
        "#",
        "# Energy of an EIE PE in TSMC 45 nm (Han et al., ISCA 2016), Accelergy-style: per hardware unit,",
        "# energy per action (times the simulator's action counts) plus energy per cycle (clock network,",
        "# registers, leakage: spent every counted cycle whether or not the unit acts). PE units' per-cycle",
        "# energies are charged per PE, Ccu's once per cycle. `eiec sim --energy-table file.yaml` takes",
        "# your own table with the same keys.",
        "#",
        f"# Table II, one PE at {f} MHz: {t2['total_mw']} mW. By module (mW):",
        "#   " + ", ".join(f"{u} {v}" for u, v in t2["modules_mw"].items()) + ".",
        f"# By component (mW): memory {comp['memory']}, clock network {comp['clock_network']}, "
        f"register {comp['register']}, combinational {comp['combinational']}.",
        "#",
        "# Fit, per unit u (T_u = Table II row / clock, D_u = the fit layers' action energy per PE-cycle at",
        "# the Table I shapes of bench/energy-calibration.yaml, cycle-weighted):",
        "#   action pJ = k_u x shape;  per-cycle pJ beta_u = T_u - k_u x D_u, so the fit layers' average",
        "#   power is Table II's row exactly. k_u is the largest scale that keeps every fit layer within",
        f"#   {100 * cal['fit_bound']:.0f} % of Table II, capped at k_max = {model['k_max']:.4f} (the memory and "
        "combinational rows",
        "#   all spent by actions). Fit layers: " + ", ".join(cal["fit_layers"]) + ";",
        "#   held out: " + ", ".join(cal["held_out_layers"]) + ".",
        "# beta_u is split into clock and register by Table II's clock-network and register rows, shared",
        f"# over the units in proportion to beta ({fmt(clock_pj)} and {fmt(register_pj)} pJ of the "
        f"{fmt(beta_sum)} pJ per PE-cycle);",
        "# the rest is 'leakage': static and every-cycle memory power (Table II has no leakage row).",
        "name: eie-45nm",
        "technology: TSMC 45 nm",
        f"reference_clock_mhz: {f}",
        "units:",
    ]
    for u in PE_UNITS:
        b, k, t, mean = model["beta"][u], model["k"][u], model["target"][u], model["mean"][u]
        clock, register = b * clock_pj / beta_sum, b * register_pj / beta_sum
        deriv = (f"beta = {t2['modules_mw'][u]} mW / {f} MHz - k x D = {t:.4f} - {k:.4f} x {mean:.4f} "
                 f"= {b:.4f} pJ per PE-cycle")
        lines += [f"  {u}:", "    per_cycle:"]
        lines += entry(6, "clock", clock, source="Table II clock network, share of beta",
                       derivation=f"{b:.4f} x {fmt(clock_pj)} / {fmt(beta_sum)}; {deriv}")
        lines += entry(6, "register", register, source="Table II register, share of beta",
                       derivation=f"{b:.4f} x {fmt(register_pj)} / {fmt(beta_sum)}")
        lines += entry(6, "leakage", b - clock - register, source="rest of beta: static and every-cycle memory power",
                       derivation=f"{b:.4f} - clock - register")
        lines.append("    actions:")
        for action, s in cal["shape_pj"].items():
            if UNIT_OF[action] == u:
                lines += entry(6, action, k * s["pj"], source="Table I shape x fitted k",
                               derivation=f"{k:.4f} x {fmt(s['pj'])} pJ; shape: {s['derivation']}")
    ccu = cal["ccu"]
    zero = {"clock": "not in Table II; the control unit is charged per active cycle below",
            "register": "not in Table II; the control unit is charged per active cycle below",
            "leakage": "not in Table II"}
    lines += ["  Ccu:", "    per_cycle:"]
    for key, text in zero.items():
        lines += entry(6, key, 0, source=text)
    lines.append("    actions:")
    lines += entry(6, "lnzd_cycle", ccu["lnzd_cycle_pj"],
                   source="64-PE array ~0.59 W minus 64 x Table II; coarse (2 significant digits)",
                   derivation=ccu["derivation"])
    lines += ["  Pe:", "    per_cycle:"]
    for key in ("clock", "register", "leakage"):
        lines += entry(6, key, 0, source="in the units above")
    lines.append("    actions:")
    lines += entry(6, "pe_idle_cycle", 0, source="an idle PE still pays its units' per-cycle energy; nothing extra")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite the default table and bench/energy-counts.json")
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed table differs from the fit")
    ap.add_argument("--eiec", default=os.path.join(ROOT, "bin/eiec"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build/bench/energy"))
    ap.add_argument("--fit-bound", type=float, help="override fit_bound (what-if; not with --write or --check); "
                    "a large value gives every unit k_max, the fit by Table II's component rows alone")
    args = ap.parse_args()
    cal = yaml.safe_load(open(os.path.join(ROOT, "bench/energy-calibration.yaml")))
    if args.fit_bound is not None:
        if args.write or args.check:
            sys.exit("--fit-bound is a what-if: it cannot be combined with --write or --check")
        cal["fit_bound"] = args.fit_bound
    layers = cal["fit_layers"] + cal["held_out_layers"]
    counts = simulate(cal, layers, args.work, args.eiec)
    model = fit(cal, counts)
    rows, worst = residuals(cal, model, counts)
    print(markdown(cal, model, rows))
    text = table_yaml(cal, model)
    counts_text = json.dumps({"generated_by": "bench/energy-calibrate.py --write", "config": cal["config"],
                              "seed": cal["seed"], "clock_mhz": cal["clock_mhz"], "layers": counts},
                             indent=1) + "\n"
    if args.write:
        open(TABLE, "w").write(text)
        open(COUNTS, "w").write(counts_text)
        print(f"\nwrote {os.path.relpath(TABLE, ROOT)} and {os.path.relpath(COUNTS, ROOT)}")
    status = 0
    if args.check:
        if open(TABLE).read() != text:
            print(f"\n{os.path.relpath(TABLE, ROOT)} differs from the fit: run bench/energy-calibrate.py --write")
            status = 1
        if open(COUNTS).read() != counts_text:
            print(f"\n{os.path.relpath(COUNTS, ROOT)} differs from the simulator's counts: the simulator changed; "
                  "run bench/energy-calibrate.py --write and review docs/energy.md")
            status = 1
    print(f"\nworst held-out error (each held-out layer and the set; per unit and PE total): {100 * worst:.1f} % "
          f"(tolerance {100 * cal['tolerance']:.0f} %)")
    if worst > cal["tolerance"]:
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

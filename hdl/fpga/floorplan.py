# nextpnr-ice40 --pre-place script of `make fpga` (hdl/scripts/fpga.sh, a target's `floorplan: true` in
# hdl/fpga/floors.yaml): each processing element in a region of its own, like a Vivado pblock.
#
# Why: the 4-PE HX8K build fills 97 % of the device's logic cells. Left alone, the placer spreads a PE's
# logic over the whole die, and the longest nets of a PE (its pointer banks' outputs through the compare
# into pop, the accumulator add into its RAM) took 2 to 3 ns of routing each; Fmax then moved between
# 73 and 83 MHz with the seed (docs/rtl.md, "FPGA flow"). With every PE kept near its own block RAMs the
# same netlist placed above 80 MHz at every seed tried.
#
# Layout: the die is cut into two halves, left and right, each holding one of the device's two block-RAM
# columns (iCE40 HX8K: x = 8 and x = 25), and each half into rows; PE k goes to half k // rows and row
# k % rows. Regions overlap by MARGIN tiles so that the placer can trade cells at their borders. The
# control unit, the layer table and the pin wrapper are not constrained: they sit between the PEs.
# Cells belong to PE k by their hierarchical names (u_top.g_pe[k]., from eie_top's PE generate loop).
import math
import os
import re

MARGIN = int(os.environ.get("EIE_FLOORPLAN_MARGIN", "1"))

pe_cells = {}
for name, cell in ctx.cells:
    m = re.match(r"u_top\.g_pe\[(\d+)\]\.", name)
    if m:
        pe_cells.setdefault(int(m.group(1)), []).append(name)

if pe_cells:
    pes = max(pe_cells) + 1
    # The logic tiles' extent, from the device's logic-cell sites.
    xs, ys = set(), set()
    for bel in ctx.getBels():
        if ctx.getBelType(bel) == "ICESTORM_LC":
            loc = ctx.getBelLocation(bel)
            xs.add(loc.x)
            ys.add(loc.y)
    x_lo, x_hi, y_lo, y_hi = min(xs), max(xs), min(ys), max(ys)
    rows = math.ceil(pes / 2)
    x_mid = (x_lo + x_hi) // 2
    row_h = (y_hi - y_lo + 1) / rows
    for k in sorted(pe_cells):
        half, row = k // rows, k % rows
        x0, x1 = (x_lo, x_mid + MARGIN) if half == 0 else (x_mid + 1 - MARGIN, x_hi)
        y0 = max(y_lo, y_lo + int(row * row_h) - MARGIN)
        y1 = min(y_hi, y_lo + int((row + 1) * row_h) - 1 + MARGIN)
        region = "pe%d" % k
        ctx.createRectangularRegion(region, x0, y0, x1, y1)
        for name in pe_cells[k]:
            ctx.constrainCellToRegion(name, region)
        print("floorplan: PE %d: %d cells in x %d..%d, y %d..%d" % (k, len(pe_cells[k]), x0, x1, y0, y1))

#!/usr/bin/env python3
"""synth_report: resource counts, logic depth and an Fmax ESTIMATE from Yosys results.

Input, per top and flow (written by synth/synth.py into $(BUILD)/synth/):
  <top>.<flow>.stat.json     Yosys 'stat -json'
  <top>.<flow>.netlist.json  Yosys 'write_json' (xilinx flow: used for the depth analysis)
  <top>.<flow>.ltp.txt       Yosys 'ltp -noff' (generic flow: gate depth)

Counts (xilinx flow, UltraScale+ cells):
  LUT     LUT1..LUT6 (logic only)
  LUTRAM  distributed-RAM cells (RAM32M, RAM64X1D, ...), also given as LUTs they occupy
  SRL     SRL16E/SRLC32E shift registers
  FF      FDRE + FDSE + FDCE + FDPE (latches are reported separately)
  BRAM    RAMB36E2 + 0.5 x RAMB18E2 (in RAMB36 equivalents)
  DSP     DSP48E2

Logic depth and the Fmax ESTIMATE (xilinx flow). Yosys 0.23's 'ltp' does not know the
Xilinx cell library (it reports length -1), so the netlist is walked here instead: every
register-to-register path (module ports count as registers) is followed through the
combinational cells, and two figures are kept:
  depth     the largest number of LUT levels (LUT, LUTRAM read, SRL address) on any path
  path_ns   the largest sum of the rough per-cell delays in DELAY_NS below
Fmax estimate = 1000 / (CLOCK_OVERHEAD_NS + path_ns) MHz. It is an ESTIMATE for
comparing designs and spotting deep logic, not a timing analysis: no placement, no real
routing, no fan-out, no clock skew. Only Vivado's timing report after place-and-route
gives the real figure.

Usage: synth_report.py <build>/synth [--tops synth/tops.txt]   (re)writes summary.txt/json
"""

import argparse
import json
import os
import pathlib
import re
import sys

# ------------------------------------------------------------------ estimate model
# UltraScale+ -2 speed grade, rounded; each figure includes typical local routing.
CLOCK_OVERHEAD_NS = 1.0      # clock-to-out + setup + clock uncertainty of a fabric FF path
DEEP_REGS = 30              # registers listed with their deepest path in <top>.xilinx.path.txt
DELAY_NS = {
    "lut": 0.5,              # one LUT level incl. routing (the model's main term)
    "muxf": 0.15,            # MUXF7/F8/F9 (wide-function mux inside a slice)
    "carry4": 0.15,          # one CARRY4 (4 bits of carry chain; Vivado packs pairs into CARRY8)
    "carry8": 0.2,           # one CARRY8
    "bram_clk_to_out": 0.9,  # RAMB36E2/RAMB18E2 output without DO*_REG, beyond a FF's
    "bram_setup": 0.3,       # BRAM address/data/enable setup, beyond a FF's
    "dsp_mult": 1.6,         # DSP48E2 multiplier stage (A/B to M)
    "dsp_alu": 0.9,          # DSP48E2 ALU stage (M/C/PCIN to P)
    "dsp_clk_to_out": 0.4,   # DSP48E2 P register to output, beyond a FF's
    "dsp_setup": 0.3,        # DSP48E2 input setup, beyond a FF's
}

LUT_TYPES = {f"LUT{i}" for i in range(1, 7)}
FF_TYPES = {"FDRE", "FDSE", "FDCE", "FDPE"}
LATCH_TYPES = {"LDCE", "LDPE"}
SRL_TYPES = {"SRL16E", "SRLC16E", "SRLC32E"}
# distributed RAM cell -> LUTs it occupies
LUTRAM_LUTS = {
    "RAM32X1S": 1, "RAM64X1S": 1, "RAM128X1S": 2, "RAM256X1S": 4, "RAM512X1S": 8,
    "RAM32X1D": 2, "RAM64X1D": 2, "RAM128X1D": 4, "RAM256X1D": 8,
    "RAM32M": 4, "RAM64M": 4, "RAM32M16": 8, "RAM64M8": 8, "RAM32X16DR8": 8, "RAM64X8SW": 8,
}
MUXF_TYPES = {"MUXF7", "MUXF8", "MUXF9"}
CARRY_TYPES = {"CARRY4": "carry4", "CARRY8": "carry8"}
PASS_TYPES = {"INV", "BUF", "BUFG", "IBUF", "OBUF"}
BRAM_TYPES = {"RAMB36E2": 1.0, "RAMB18E2": 0.5}
DSP_TYPES = {"DSP48E2"}
KNOWN_TYPES = (LUT_TYPES | FF_TYPES | LATCH_TYPES | SRL_TYPES | set(LUTRAM_LUTS) | MUXF_TYPES
               | set(CARRY_TYPES) | PASS_TYPES | set(BRAM_TYPES) | DSP_TYPES)


# ------------------------------------------------------------------ resource counts

def cells_by_type(stat):
    """'num_cells_by_type' of the top module of a 'stat -json' dump."""
    design = stat.get("design") or next(iter(stat["modules"].values()))
    return dict(design.get("num_cells_by_type", {}))


def xilinx_counts(cells):
    lutram = {t: n for t, n in cells.items() if t in LUTRAM_LUTS}
    return {
        "LUT": sum(n for t, n in cells.items() if t in LUT_TYPES),
        "LUTRAM_cells": sum(lutram.values()),
        "LUTRAM_luts": sum(LUTRAM_LUTS[t] * n for t, n in lutram.items()),
        "SRL": sum(n for t, n in cells.items() if t in SRL_TYPES),
        "FF": sum(n for t, n in cells.items() if t in FF_TYPES),
        "latch": sum(n for t, n in cells.items() if t in LATCH_TYPES),
        "BRAM": sum(BRAM_TYPES[t] * n for t, n in cells.items() if t in BRAM_TYPES),
        "DSP": sum(n for t, n in cells.items() if t in DSP_TYPES),
        "CARRY": sum(n for t, n in cells.items() if t in CARRY_TYPES),
        "MUXF": sum(n for t, n in cells.items() if t in MUXF_TYPES),
        "cells": sum(cells.values()),
    }


def generic_counts(cells, netlist=None, top=None):
    ff = sum(n for t, n in cells.items() if t.startswith("$_") and "DFF" in t)
    latch = sum(n for t, n in cells.items() if t.startswith("$_DLATCH"))
    mems = sum(n for t, n in cells.items() if t.startswith("$mem"))
    out = {"cells": sum(cells.values()), "FF": ff, "latch": latch, "memories": mems,
           "gates": sum(cells.values()) - ff - latch - mems, "memory_bits": 0}
    if netlist and top:
        for cell in netlist["modules"][top]["cells"].values():
            if cell["type"].startswith("$mem"):
                p = cell["parameters"]
                out["memory_bits"] += param_int(p.get("WIDTH", 0)) * param_int(p.get("SIZE", 0))
    return out


def param_int(value):
    """Yosys JSON writes parameters as binary strings (or ints, or text)."""
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value and set(value) <= {"0", "1"}:
        return int(value, 2)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def ltp_length(text):
    m = re.search(r"Longest topological path in \S+ \(length=(-?\d+)\)", text)
    return int(m.group(1)) if m else None


# ------------------------------------------------------------------ depth analysis

class CellModel:
    """How timing flows through one cell.

    arcs:     (input ports, output ports, delay ns, LUT levels, kind) combinational arcs
    launch:   output port -> offset ns (a register inside the cell drives it)
    capture:  input port -> extra ns (a register inside the cell samples it)
    """

    def __init__(self):
        self.arcs = []
        self.launch = {}
        self.capture = {}


def lutram_read_ports(typ, addr, outs):
    """(address inputs, outputs, write-address inputs) per read port of an SRL or LUTRAM.

    A read port's output depends on its own address only: in the multi-port cells
    (RAM32M, RAM64M, RAM32M16, RAM64M8: ports A..D or A..H) ADDR<p> drives DO<p>, and
    ADDRD (RAM32M, RAM64M) or ADDRH (RAM32M16, RAM64M8) is also the write address; in the dual-port
    cells (RAMnX1D) A* drives SPO (and is the write address) and DPRA* drives DPO. An
    arc from the write address to another port's output would be a path no FPGA has.
    Other cells: every address input to every output.
    """
    if typ in ("RAM32M", "RAM64M", "RAM32M16", "RAM64M8"):
        wport = "H" if typ in ("RAM32M16", "RAM64M8") else "D"
        ports = sorted({p[len("ADDR")] for p in addr if re.fullmatch(r"ADDR[A-H]", p)})
        res = []
        for q in ports:
            a = [p for p in addr if p == f"ADDR{q}"]
            o = [p for p in outs if p == f"DO{q}"]
            res.append((a, o, a if q == wport else []))
        return res
    if re.fullmatch(r"RAM\d+X1D", typ):
        a = [p for p in addr if re.fullmatch(r"A\d+", p)]
        d = [p for p in addr if p.startswith("DPRA")]
        return [(a, [p for p in outs if p == "SPO"], a), (d, [p for p in outs if p == "DPO"], [])]
    return [(addr, outs, [])]


def model_of(cell):
    typ = cell["type"]
    dirs = cell.get("port_directions", {})
    ins = [p for p, d in dirs.items() if d == "input"]
    outs = [p for p, d in dirs.items() if d == "output"]
    m = CellModel()
    if typ in LUT_TYPES:
        m.arcs.append((ins, outs, DELAY_NS["lut"], 1, "LUT"))
    elif typ in MUXF_TYPES:
        m.arcs.append((ins, outs, DELAY_NS["muxf"], 0, "MUXF"))
    elif typ in CARRY_TYPES:
        m.arcs.append((ins, outs, DELAY_NS[CARRY_TYPES[typ]], 0, "CARRY"))
    elif typ in PASS_TYPES:
        m.arcs.append((ins, outs, 0.0, 0, typ))
    elif typ in FF_TYPES or typ in LATCH_TYPES:
        m.launch = {p: 0.0 for p in outs}
        m.capture = {p: 0.0 for p in ins}
    elif typ in SRL_TYPES or typ in LUTRAM_LUTS:
        # Write side (data, write enable, clock) is sequential; the read address goes
        # through the LUT like logic, and a write shows at the output a LUT delay later.
        data = [p for p in ins if p in ("D", "CE", "WE", "CLK", "WCLK") or p.startswith("DI")]
        addr = [p for p in ins if p not in data]
        kind = "LUTRAM" if typ in LUTRAM_LUTS else "SRL"
        for a, o, waddr in lutram_read_ports(typ, addr, outs):
            m.arcs.append((a, o, DELAY_NS["lut"], 1, kind))
            # the write address is also sampled by the write (UG574: the write port
            # shares the address of one read port)
            for p in waddr:
                m.capture[p] = 0.0
        m.launch = {p: DELAY_NS["lut"] for p in outs}
        m.capture.update({p: 0.0 for p in data})
    elif typ in BRAM_TYPES:
        p = cell.get("parameters", {})
        doreg = param_int(p.get("DOA_REG", 0)) or param_int(p.get("DOB_REG", 0))
        m.launch = {o: 0.0 if doreg else DELAY_NS["bram_clk_to_out"] for o in outs}
        m.capture = {i: DELAY_NS["bram_setup"] for i in ins}
    elif typ in DSP_TYPES:
        m = dsp_model(cell, ins, outs)
    else:
        # Unknown cell: treated as a register (reported in 'unknown_cell_types').
        m.launch = {p: 0.0 for p in outs}
        m.capture = {p: 0.0 for p in ins}
    return m


def dsp_model(cell, ins, outs):
    """DSP48E2 as two stages, multiplier (A/B/D -> M) and ALU (M/C/PCIN -> P), with the
    A/B, M and P pipeline registers placed as the cell's parameters say."""
    p = cell.get("parameters", {})
    in_reg = param_int(p.get("AREG", 0)) > 0 or param_int(p.get("BREG", 0)) > 0
    m_reg = param_int(p.get("MREG", 0)) > 0
    p_reg = param_int(p.get("PREG", 0)) > 0
    mult, alu = DELAY_NS["dsp_mult"], DELAY_NS["dsp_alu"]
    mult_in = [i for i in ins if re.match(r"^(A|B|D|ACIN|BCIN)$", i)]
    alu_in = [i for i in ins if re.match(r"^(C|PCIN|CARRYIN|CARRYCASCIN|MULTSIGNIN)$", i)]
    ctrl_in = [i for i in ins if i not in mult_in and i not in alu_in]
    m = CellModel()
    setup = DELAY_NS["dsp_setup"]
    m.capture.update({i: setup for i in ctrl_in})
    # multiplier-stage inputs
    if in_reg:
        m.capture.update({i: setup for i in mult_in})
    elif m_reg:
        m.capture.update({i: mult + setup for i in mult_in})
    elif p_reg:
        m.capture.update({i: mult + alu + setup for i in mult_in})
    else:
        m.arcs.append((mult_in, outs, mult + alu, 0, "DSP"))
    # ALU-stage inputs
    if p_reg:
        m.capture.update({i: alu + setup for i in alu_in})
    else:
        m.arcs.append((alu_in, outs, alu, 0, "DSP"))
    # outputs
    if p_reg:
        launch = DELAY_NS["dsp_clk_to_out"]
    elif m_reg:
        launch = alu
    elif in_reg:
        launch = mult + alu
    else:
        launch = None
    if launch is not None:
        m.launch = {o: launch for o in outs}
    return m


def internal_label(net, info):
    """A hint for a Yosys-internal net: the project source line it came from (not a
    Yosys techlib file), else the instance it sits in, else ''."""
    src = info.get("attributes", {}).get("src", "")
    for entry in src.split("|"):
        if "/share/yosys/" in entry or entry.startswith("+/"):
            continue
        m = re.search(r"([^/]+\.s?v):(\d+)", entry)
        if m:
            return f"({m.group(1)}:{m.group(2)})"
    m = re.search(r"\$flatten\\(.+?)\.\$", net)
    if m:
        return "(" + m.group(1).replace("\\", "") + ")"
    m = re.search(r"([^/|$]+\.s?v):(\d+)", net)
    return f"({m.group(1)}:{m.group(2)})" if m else ""


def analyze_depth(netlist, top):
    """Longest register-to-register paths of a flattened Xilinx netlist."""
    mod = netlist["modules"][top]
    cells = mod["cells"]
    models = {name: model_of(c) for name, c in cells.items()}
    conns = {name: c.get("connections", {}) for name, c in cells.items()}

    # bit -> readable net label: a public name if there is one, else the source line
    # an internal net came from, else nothing
    names = {}
    for net, info in mod.get("netnames", {}).items():
        hidden = info.get("hide_name", 0)
        label = net if not hidden else internal_label(net, info)
        if not label:
            continue
        for i, b in enumerate(info["bits"]):
            if isinstance(b, str):
                continue
            bit_label = label if len(info["bits"]) == 1 or hidden else f"{label}[{i}]"
            key = (hidden, len(bit_label))
            if b not in names or key < names[b][0]:
                names[b] = (key, bit_label)
    names = {b: v[1] for b, v in names.items()}

    # bit -> driver: ("port", name) or (cell, port)
    driver = {}
    for pname, port in mod.get("ports", {}).items():
        if port["direction"] in ("input", "inout"):
            for b in port["bits"]:
                if not isinstance(b, str):
                    driver[b] = ("port", pname)
    for name, c in cells.items():
        for port, d in c.get("port_directions", {}).items():
            if d == "output":
                for b in conns[name].get(port, []):
                    if not isinstance(b, str):
                        driver[b] = (name, port)

    def arc_inputs(name, arc):
        for port in arc[0]:
            for b in conns[name].get(port, []):
                if not isinstance(b, str):
                    yield b

    # topological order of the cells that have combinational arcs
    comb = [n for n in cells if models[n].arcs]
    deps = {}
    users = {n: [] for n in comb}
    for n in comb:
        ds = set()
        for arc in models[n].arcs:
            for b in arc_inputs(n, arc):
                d = driver.get(b)
                if d and d[0] != "port" and models[d[0]].arcs and d[0] != n:
                    ds.add(d[0])
        deps[n] = ds
        for d in ds:
            users[d].append(n)
    indeg = {n: len(deps[n]) for n in comb}
    order = [n for n in comb if indeg[n] == 0]
    i = 0
    while i < len(order):
        for u in users[order[i]]:
            indeg[u] -= 1
            if indeg[u] == 0:
                order.append(u)
        i += 1
    looped = [n for n in comb if indeg[n] > 0]

    # Two longest-path passes share one walk: arrival[(cell, port)] = (ns, pred bit, kind)
    # for the estimated delay, levels[(cell, port)] = (LUT levels, pred bit, kind).
    arrival, levels = {}, {}

    def bit_arrival(b):
        """(ns, LUT levels) at net bit b, or None if it has no timed driver."""
        d = driver.get(b)
        if d is None:
            return None
        if d[0] == "port":
            return (0.0, 0)
        m = models[d[0]]
        best = None
        if d[1] in m.launch:
            best = (m.launch[d[1]], 0)
        if d in arrival:
            a = (arrival[d][0], levels[d][0])
            best = a if best is None else (max(best[0], a[0]), max(best[1], a[1]))
        return best

    for n in order:
        for arc in models[n].arcs:
            ins, outs, delay, luts, kind = arc
            best_ns = best_lv = None
            for b in arc_inputs(n, arc):
                a = bit_arrival(b)
                if a is None:
                    continue
                if best_ns is None or a[0] > best_ns[0]:
                    best_ns = (a[0], b)
                if best_lv is None or a[1] > best_lv[0]:
                    best_lv = (a[1], b)
            if best_ns is None:
                continue
            for o in outs:
                key = (n, o)
                if key not in arrival or best_ns[0] + delay > arrival[key][0]:
                    arrival[key] = (best_ns[0] + delay, best_ns[1], kind)
                if key not in levels or best_lv[0] + luts > levels[key][0]:
                    levels[key] = (best_lv[0] + luts, best_lv[1], kind)

    # endpoints: captured cell inputs and module outputs
    worst = None          # (ns, bit, endpoint label)
    deepest = None        # (LUT levels, bit, endpoint label)
    endpoints = []
    for name, c in cells.items():
        q = [b for b in conns[name].get("Q", []) if not isinstance(b, str)]
        # a flip-flop is best known by the register (net) its Q drives
        who = names.get(q[0]) if q else None
        for port, extra in models[name].capture.items():
            for b in conns[name].get(port, []):
                if not isinstance(b, str):
                    endpoints.append((b, extra, f"{c['type']}.{port} {who or name}"))
    for pname, port in mod.get("ports", {}).items():
        if port["direction"] in ("output", "inout"):
            for b in port["bits"]:
                if not isinstance(b, str):
                    endpoints.append((b, 0.0, f"output port {pname}"))
    for b, extra, label in endpoints:
        a = bit_arrival(b)
        if a is None:
            continue
        if worst is None or a[0] + extra > worst[0]:
            worst = (a[0] + extra, b, label)
        if deepest is None or a[1] > deepest[0]:
            deepest = (a[1], b, label)

    def walk(end, table, in_levels=False):
        """The path into endpoint `end` following table's predecessors, start first."""
        value, b, label = end
        path = [{"at": f"captured by {label}", "net": names.get(b, ""), "value": value}]
        seen = set()
        while b not in seen:
            seen.add(b)
            d = driver.get(b)
            if d is None or d[0] == "port":
                path.append({"at": f"input port {d[1]}" if d else "undriven",
                             "net": names.get(b, ""), "value": 0})
                break
            t = table.get(d)
            launch = models[d[0]].launch.get(d[1])
            if in_levels and launch is not None:
                launch = 0          # a register inside the cell starts with 0 LUT levels
            if t is None or (launch is not None and launch >= t[0]):
                path.append({"at": f"launched by {cells[d[0]]['type']}.{d[1]} "
                                   f"{names.get(b) or d[0]}",
                             "net": names.get(b, ""), "value": launch or 0})
                break
            path.append({"at": cells[d[0]]["type"], "kind": t[2], "net": names.get(b, ""),
                         "value": t[0]})
            b = t[1]
        path.reverse()
        return path

    # Every register (endpoint label less its bit index) at its deepest, with where that
    # path starts: the list to work down when the deepest path alone is not enough.
    by_reg = {}
    for b, extra, label in endpoints:
        a = bit_arrival(b)
        if a is None or a[1] == 0:
            continue
        # "FDRE.CE fpos[0][3]" -> "fpos": one entry per register or array, whichever pin
        reg = re.sub(r"(\[\d+\])+$", "", label.split(" ", 1)[-1])
        if reg not in by_reg or a[1] > by_reg[reg][0]:
            by_reg[reg] = (a[1], b, label)
    deep_regs = []
    for reg, end in sorted(by_reg.items(), key=lambda kv: (-kv[1][0], kv[0]))[:DEEP_REGS]:
        start = walk(end, levels, in_levels=True)[0]["at"]
        deep_regs.append({"levels": end[0], "end": f"{reg} ({end[2].split(' ', 1)[0]})",
                          "start": start.replace("launched by ", "")})

    path = walk(worst, arrival) if worst else []
    for p in path:
        p["ns"] = round(p.pop("value"), 2)
    counts = {}
    for p in path:
        if "kind" in p:
            counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    deep_path = walk(deepest, levels, in_levels=True) if deepest else []
    for p in deep_path:
        p["levels"] = p.pop("value")
    path_ns = worst[0] if worst else 0.0
    return {
        "depth": deepest[0] if deepest else 0,
        "deepest_path": deep_path,
        "path_ns": round(path_ns, 2),
        "path_cells": counts,
        "path": path,
        "fmax_est_mhz": round(1000.0 / (CLOCK_OVERHEAD_NS + path_ns), 1),
        "unknown_cell_types": sorted({c["type"] for c in cells.values()
                                      if c["type"] not in KNOWN_TYPES}),
        "loop_cells": looped[:20],
        "loop_count": len(looped),
        "deep_registers": deep_regs,
    }


# ------------------------------------------------------------------ per-flow result

def flow_result(synth_dir, top, flow):
    """Result dict of one finished Yosys run (counts, depth); raises on missing files."""
    d = pathlib.Path(synth_dir)
    stat = json.loads((d / f"{top}.{flow}.stat.json").read_text())
    cells = cells_by_type(stat)
    netlist_path = d / f"{top}.{flow}.netlist.json"
    netlist = json.loads(netlist_path.read_text()) if netlist_path.exists() else None
    if flow == "xilinx":
        res = xilinx_counts(cells)
        if netlist is None:
            raise FileNotFoundError(netlist_path)
        res.update(analyze_depth(netlist, top))
    else:
        res = generic_counts(cells, netlist, top)
        ltp = d / f"{top}.{flow}.ltp.txt"
        res["gate_depth"] = ltp_length(ltp.read_text()) if ltp.exists() else None
    res["cells_by_type"] = cells
    return res


def path_lines(path, key, fmt):
    lines = []
    for p in path:
        v = format(p[key], fmt)
        if "kind" not in p:
            lines.append(f"{v}  {p['at']}" + (f"  [{p['net']}]" if p["net"] else ""))
        else:
            lines.append(f"{v}  {p['at']:<8}  {p['net']}")
    return lines


def write_path_report(synth_dir, top, flow, res):
    lines = [f"Estimated critical path of {top} ({flow} flow) -- an ESTIMATE from the",
             "synthesized netlist with the per-cell delays of synth/synth_report.py;",
             "not a timing analysis (no placement, routing or clock skew).", "",
             f"path {res['path_ns']} ns + {CLOCK_OVERHEAD_NS} ns clock overhead -> "
             f"~{res['fmax_est_mhz']} MHz; deepest path anywhere: {res['depth']} LUT levels", "",
             f"{'ns':>6}  {'cell':<8}  net (internal nets: the source line they come from)"]
    lines += path_lines(res["path"], "ns", "6.2f")
    lines += ["", f"Deepest path: {res['depth']} LUT levels", "",
              f"{'LUTs':>6}  {'cell':<8}  net"]
    lines += path_lines(res["deepest_path"], "levels", "6d")
    if res.get("deep_registers"):
        lines += ["", f"Deepest path into each register (the {DEEP_REGS} deepest registers)", "",
                  f"{'LUTs':>6}  register  <-  where its deepest path starts"]
        lines += [f"{r['levels']:6d}  {r['end']}  <-  {r['start']}"
                  for r in res["deep_registers"]]
    if res["unknown_cell_types"]:
        lines += ["", "NOTE: cell types without a delay model, treated as registers: " +
                  ", ".join(res["unknown_cell_types"])]
    if res["loop_count"]:
        lines += ["", f"WARNING: {res['loop_count']} cells on combinational loops, e.g.:"]
        lines += [f"  {n}" for n in res["loop_cells"]]
    (pathlib.Path(synth_dir) / f"{top}.{flow}.path.txt").write_text("\n".join(lines) + "\n")


# ------------------------------------------------------------------ summary

def read_tops(path, with_params=False):
    """[(top, file list)] -- or [(top, file list, [(NAME, VALUE)])] -- of a tops.txt.

    Line format: <top> <file-list.f> [NAME=VALUE ...]; '#' starts a comment."""
    tops = []
    for n, line in enumerate(pathlib.Path(path).read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        params = [tuple(p.split("=", 1)) for p in parts[2:]]
        if len(parts) < 2 or any(len(p) != 2 or not p[0] for p in params):
            raise ValueError(f"{path}:{n}: expected '<top> <file-list.f> [NAME=VALUE ...]'")
        tops.append((parts[0], parts[1], params) if with_params else (parts[0], parts[1]))
    return tops


def fmt_num(v):
    return f"{v:g}" if isinstance(v, float) else str(v)


def summary(synth_dir, tops, flows=("xilinx", "generic")):
    """(text, data) summarizing every <top>.<flow>.result.json present."""
    d = pathlib.Path(synth_dir)
    data = {}
    for top in tops:
        for flow in flows:
            f = d / f"{top}.{flow}.result.json"
            if f.exists():
                data.setdefault(top, {})[flow] = json.loads(f.read_text())
    out = ["Synthesis summary (Yosys; counts before place-and-route)", ""]
    rows = [("top", "LUT", "LUTRAM", "SRL", "FF", "BRAM36", "DSP", "depth", "est. path",
             "est. Fmax")]
    for top in tops:
        r = data.get(top, {}).get("xilinx")
        if r is None:
            continue
        if r.get("status") != "ok":
            rows.append((top, "FAILED", "", "", "", "", "", "", "", ""))
            continue
        rows.append((top, fmt_num(r["LUT"]), f"{r['LUTRAM_cells']} ({r['LUTRAM_luts']} LUTs)",
                     fmt_num(r["SRL"]), fmt_num(r["FF"]), fmt_num(r["BRAM"]), fmt_num(r["DSP"]),
                     f"{r['depth']} LUT", f"{r['path_ns']} ns", f"~{r['fmax_est_mhz']:.0f} MHz"))
    if len(rows) > 1:
        mappers = sorted({r.get("mapper", "abc") for f in data.values() for k, r in f.items()
                          if k == "xilinx" and r.get("status") == "ok"})
        # "abc9" or "abc9 -W <ps>" (abc9's wire delay, synth.py ABC9_WIRE_PS)
        flag = ""
        if len(mappers) == 1 and mappers[0].startswith("abc9"):
            flag = " -abc9" + ("; abc9 wire delay " + mappers[0].split(" -W ")[1] + " ps"
                               if " -W " in mappers[0] else "")
        out += [f"Xilinx UltraScale+ (synth_xilinx -family xcup{flag}):", ""] + table(rows) + [""]
    rows = [("top", "cells", "gates", "FF", "memories", "memory bits", "gate depth")]
    for top in tops:
        r = data.get(top, {}).get("generic")
        if r is None:
            continue
        if r.get("status") != "ok":
            rows.append((top, "FAILED", "", "", "", "", ""))
            continue
        rows.append((top, str(r["cells"]), str(r["gates"]), str(r["FF"]), str(r["memories"]),
                     str(r["memory_bits"]), str(r["gate_depth"])))
    if len(rows) > 1:
        out += ["Generic gates (synth; memories kept as $mem cells):", ""] + table(rows) + [""]
    out += ["depth: most LUT levels on any register-to-register path. est. path/Fmax: an",
            f"ESTIMATE ({DELAY_NS['lut']} ns per LUT level incl. routing, carry/mux/BRAM/DSP "
            "terms,",
            f"+{CLOCK_OVERHEAD_NS} ns clock overhead; UltraScale+ -2), not a timing analysis."]
    return "\n".join(out) + "\n", data


def table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths))).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def write_summary(synth_dir, tops):
    text, data = summary(synth_dir, tops)
    d = pathlib.Path(synth_dir)
    for name, content in (("summary.txt", text), ("summary.json", json.dumps(data, indent=1))):
        tmp = d / f".{name}.{os.getpid()}"
        tmp.write_text(content)
        os.replace(tmp, d / name)     # atomic: concurrent flows may both write it
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("synth_dir", help="$(BUILD)/synth")
    ap.add_argument("--tops", default=str(pathlib.Path(__file__).with_name("tops.txt")))
    args = ap.parse_args()
    print(write_summary(args.synth_dir, [t for t, _ in read_tops(args.tops)]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""bench: run the benchmark programs on the simulated core and report (docs/bench.md).

Runs every <build>/fw/bench/<name>.itcm.hex on <build>/sim/cpu/vionic_cpu_sim, collects
the console lines

    BENCH name=<x> key=value ...

(firmware/lib/perf.h writes them), and prints one table per kind of line (same keys),
the measurement conditions, and the synthesis summary of <build>/synth/summary.json
(LUT/FF/BRAM/DSP, logic depth, Fmax estimate). The report goes to
<build>/bench/results.md; with --update-docs it also replaces the part of docs/bench.md
between '<!-- bench:begin -->' and '<!-- bench:end -->'.

Exit status 1 if a program fails, prints no BENCH line, or nothing could be run.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import pathlib
import re
import shlex
import signal
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
BENCH_LINE = re.compile(r"^BENCH\s+(.*\S)\s*$", re.MULTILINE)
HALT_LINE = re.compile(r"HALT code=(\S+) cycles=(\d+)")


class BenchError(Exception):
    pass


def run_program(sim, hexfile, max_cycles, timeout):
    """[(program, {key: value})] of one benchmark program; raises BenchError."""
    stem = hexfile.name[:-len(".itcm.hex")]
    cmd = [str(sim), f"+itcm={hexfile}", f"+max-cycles={max_cycles}"]
    dtcm = hexfile.with_name(f"{stem}.dtcm.hex")
    if dtcm.exists():
        cmd.insert(2, f"+dtcm={dtcm}")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True, text=True,
                            errors="replace")
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise BenchError(f"{stem}: wall-clock timeout after {timeout} s")
    tail = "\n".join((out + err).strip().splitlines()[-10:])
    if proc.returncode == 2:
        raise BenchError(f"{stem}: TIMEOUT (no HALT within {max_cycles} cycles)\n{tail}")
    if proc.returncode != 0:
        raise BenchError(f"{stem}: simulator exit {proc.returncode}\n{tail}")
    rows = []
    for m in BENCH_LINE.finditer(out):
        fields = {}
        for tok in m.group(1).split():
            key, sep, value = tok.partition("=")
            if not sep or not key:
                raise BenchError(f"{stem}: malformed BENCH line: {m.group(0)!r}")
            fields[key] = value
        if "name" not in fields:
            raise BenchError(f"{stem}: BENCH line without name=: {m.group(0)!r}")
        rows.append((stem, fields))
    if not rows:
        raise BenchError(f"{stem}: printed no BENCH line\n{tail}")
    return rows


def tables(rows):
    """Markdown tables, one per set of keys, in order of first appearance."""
    groups = {}
    for program, fields in rows:
        keys = tuple(k for k in fields if k != "name")
        groups.setdefault(keys, []).append((program, fields))
    out = []
    for keys, members in groups.items():
        head = ["benchmark", "program"] + list(keys)
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join(["---", "---"] + ["---:"] * len(keys)) + "|")
        for program, fields in members:
            out.append("| " + " | ".join([fields["name"], program] +
                                         [fields[k] for k in keys]) + " |")
        out.append("")
    return out


def synth_section(build):
    path = build / "synth" / "summary.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return [f"No synthesis results ({path} missing): run `make synth`.", ""]
    out = ["| top | LUT | LUTRAM | FF | BRAM36 | DSP | logic depth | est. critical path | "
           "Fmax estimate |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    notes, mappers = [], set()
    for top, flows in data.items():
        r = flows.get("xilinx")
        if not r or r.get("status") != "ok":
            out.append(f"| {top} | synthesis failed | | | | | | | |")
            continue
        mappers.add(r.get("mapper", "abc"))
        out.append(f"| {top} | {r['LUT']} | {r['LUTRAM_cells']} cells ({r['LUTRAM_luts']} LUTs) | "
                   f"{r['FF']} | {r['BRAM']:g} | {r['DSP']} | {r['depth']} LUT levels | "
                   f"{r['path_ns']} ns | ~{r['fmax_est_mhz']:.0f} MHz |")
        g = flows.get("generic")
        if g and g.get("status") == "ok":
            notes.append(f"Generic flow ({top}): {g['cells']} cells, {g['FF']} flip-flops, "
                         f"gate depth {g['gate_depth']}.")
    out += [""] + notes + ([""] if notes else [])
    # "abc9" or "abc9 -W <ps>" (abc9's wire delay, synth/synth.py ABC9_WIRE_PS)
    flag, wire = "", ""
    if len(mappers) == 1 and next(iter(mappers)).startswith("abc9"):
        flag = " -abc9"
        w = next(iter(mappers)).split(" -W ")
        wire = f" with abc9's wire delay at {w[1]} ps" if len(w) == 2 else ""
    out += [f"Yosys `synth_xilinx -family xcup{flag}`{wire} (UltraScale+), counts before "
            "place-and-route; "
            "BRAM36 in RAMB36E2 equivalents (a RAMB18E2 counts 0.5). **The Fmax is an "
            "estimate from logic depth** (0.5 ns per LUT level including routing, small "
            "carry/mux terms, BRAM clock-to-out, +1 ns clock overhead; -2 speed grade), "
            "**not a timing analysis**: only Vivado after place-and-route gives the real "
            "figure. The estimated critical path is in "
            "`build/synth/<top>.xilinx.path.txt`.", ""]
    return out


def tool_version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def conditions(cc, cflags, max_cycles):
    relevant = [f for f in shlex.split(cflags or "") if re.match(r"-(O|march|mabi|mtune)", f)]
    compiler = ""
    if cc:
        version = tool_version([cc, "-dumpversion"])
        compiler = f"{os.path.basename(cc)} {version}".strip()
    verilator = tool_version(["verilator", "--version"]).split(" ")[:2]
    lines = [
        "- Core: `vionic_cpu`, RV32IM, machine mode, 3-stage pipeline; ITCM and DTCM "
        "with 1-cycle latency, no caches (instruction timing: docs/cpu.md).",
        "- Figures are **cycles** (the core's `mcycle`/`minstret` around each kernel), "
        "measured on the cycle-accurate Verilator model of the RTL"
        + (f" ({' '.join(verilator)})" if verilator and verilator[0] else "") +
        "; they do not depend on a clock frequency. Time = cycles / f_clk, and f_clk "
        "comes only from place-and-route (an estimate is in the synthesis table).",
        f"- Firmware: {compiler or 'RISC-V GCC'}" +
        (f" `{' '.join(relevant)}`" if relevant else "") + ", picolibc.",
        f"- Each program runs with `+max-cycles={max_cycles}`.",
    ]
    return lines


def git_revision():
    rev = tool_version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    if rev and tool_version(["git", "-C", str(ROOT), "status", "--porcelain",
                             "--untracked-files=no"]):
        rev += " + local changes"
    return rev


def update_docs(doc, body):
    """Replace the lines between the marker lines (markers alone on their line)."""
    lines = doc.read_text().splitlines(keepends=True)
    begins = [i for i, l in enumerate(lines) if l.strip() == BEGIN]
    ends = [i for i, l in enumerate(lines) if l.strip() == END]
    if len(begins) != 1 or len(ends) != 1 or begins[0] > ends[0]:
        raise BenchError(f"{doc}: needs exactly one line '{BEGIN}' and, after it, one "
                         f"line '{END}'")
    new = lines[:begins[0] + 1] + [body.rstrip() + "\n"] + lines[ends[0]:]
    doc.write_text("".join(new))


def run_device_bench(prog, timeout):
    """Markdown section with the report of a simulated-device benchmark program: it prints
    its conditions and one human-readable line per figure, plus 'BENCH name value unit'
    lines for machines (left out here)."""
    if not prog.exists():
        raise BenchError(f"device benchmark not built: {prog} (make tb)")
    try:
        proc = subprocess.run([str(prog)], capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, errors="replace")
    except subprocess.TimeoutExpired:
        raise BenchError(f"{prog.name}: wall-clock timeout after {timeout} s")
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-10:])
        raise BenchError(f"{prog.name}: exit {proc.returncode}\n{tail}")
    lines = [l for l in proc.stdout.splitlines() if l.strip() and not l.startswith("BENCH ")]
    if not any(l.startswith("BENCH ") for l in proc.stdout.splitlines()):
        raise BenchError(f"{prog.name}: printed no BENCH line")
    return ([f"### {prog.name} (simulated device, tb/bench)", "", "```"] + lines + ["```", ""],
            proc.stdout)


def firmware_sizes(size_tool, elfs):
    """Markdown table of text/data/bss of each firmware ELF."""
    out = ["| Image | Code (text) | Data | BSS |", "|---|---|---|---|"]
    for elf in elfs:
        try:
            proc = subprocess.run([size_tool or "size", "--format=GNU", elf],
                                  capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError) as e:
            raise BenchError(f"size of {elf}: {e}")
        text, data, bss = proc.stdout.splitlines()[1].split()[:3]
        out.append(f"| {pathlib.Path(elf).name} | {text} B | {data} B | {bss} B |")
    return out + [""]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--update-docs", action="store_true",
                    help="also replace the figures in docs/bench.md")
    ap.add_argument("--max-cycles", type=int, default=100_000_000)
    ap.add_argument("--timeout", type=int, default=1200, help="wall-clock seconds per program")
    ap.add_argument("--cc", default="", help="firmware compiler (for the conditions)")
    ap.add_argument("--cflags", default="", help="firmware CFLAGS (for the conditions)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--device-bench", action="append", default=[],
                    help="a benchmark program of the simulated device (tb/bench); its report "
                         "lines are included verbatim (repeatable)")
    ap.add_argument("--size", default="", help="riscv size tool, for firmware image sizes")
    ap.add_argument("--firmware", action="append", default=[],
                    help="a firmware ELF whose code/data size is reported (repeatable)")
    args = ap.parse_args()
    build = pathlib.Path(args.build).resolve()

    sim = build / "sim" / "cpu" / "vionic_cpu_sim"
    programs = sorted((build / "fw" / "bench").glob("*.itcm.hex"))
    try:
        if not sim.exists():
            raise BenchError(f"simulator not built: {sim} (make sim-cpu)")
        if not programs:
            raise BenchError(f"no benchmark programs in {build / 'fw' / 'bench'} (make firmware)")
        rows, errors = [], []
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(run_program, sim, p, args.max_cycles, args.timeout)
                       for p in programs]
            for fut in futures:            # in program order, for a stable report
                try:
                    rows += fut.result()
                except BenchError as e:
                    errors.append(str(e))
        if errors:
            raise BenchError("\n".join(errors))
        device_runs = [run_device_bench(pathlib.Path(p), args.timeout)
                       for p in args.device_bench]
        device_sections = [section for section, _ in device_runs]
    except BenchError as e:
        print(f"bench: error: {e}", file=sys.stderr)
        return 1

    stamp = datetime.date.today().isoformat()
    rev = git_revision()
    body = [f"Generated by `make bench` on {stamp}" + (f" at commit {rev}" if rev else "") +
            ".", "", "Conditions:", ""] + conditions(args.cc, args.cflags, args.max_cycles)
    body += ["", "### Benchmarks (cycles)", ""] + tables(rows)
    for section in device_sections:
        body += section
    if args.firmware:
        body += ["### Firmware size", ""] + firmware_sizes(args.size, args.firmware)
    body += ["### Synthesis", ""] + synth_section(build)
    text = "\n".join(body).rstrip() + "\n"

    out = build / "bench"
    out.mkdir(parents=True, exist_ok=True)
    # the data-path throughput plot (tools/bench_plot.py) from net_bench's BENCH lines
    net = "".join(stdout for _, stdout in device_runs if "BENCH tx " in stdout or "BENCH rx " in stdout)
    if net:
        plot = subprocess.run([sys.executable, str(ROOT / "tools" / "bench_plot.py"),
                               "--out", str(out / "bench-throughput.svg")], input=net, text=True)
        if plot.returncode == 0 and args.update_docs:
            shutil.copyfile(out / "bench-throughput.svg", ROOT / "docs" / "bench-throughput.svg")
    (out / "results.md").write_text(text)
    print(text, end="")
    print(f"\nbench: report written to {out / 'results.md'}")
    if args.update_docs:
        try:
            update_docs(ROOT / "docs" / "bench.md", text)
        except (OSError, BenchError) as e:
            print(f"bench: error: {e}", file=sys.stderr)
            return 1
        print("bench: docs/bench.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())

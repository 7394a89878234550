#!/usr/bin/env python3
"""synth: run Yosys on every top of synth/tops.txt, in two flows, and summarize.

Flows:
  xilinx   synth_xilinx -family xcup -abc9 (UltraScale+; --abc abc for the classic LUT
           mapper): LUT/FF/BRAM/DSP counts, logic depth and an Fmax estimate
           (synth/synth_report.py). abc9 runs with a wire delay of ABC9_WIRE_PS (see
           there; --abc9-wire 0 for Yosys' own 300 ps)
  generic  Yosys' generic 'synth' to gates; memories stay $mem cells (mapping 1 Mbit of
           TCM to flip-flops would say nothing and take hours); gate depth from 'ltp -noff'

Per top and flow it writes into <build>/synth/:
  <top>.<flow>.ys            the Yosys script
  <top>.<flow>.log           the full Yosys log
  <top>.<flow>.stat.json     'stat -json'
  <top>.<flow>.netlist.json  the synthesized netlist
  <top>.<flow>.result.json   counts and depth (status "ok" or "failed")
  <top>.xilinx.path.txt      the estimated critical path, cell by cell
and then summary.txt / summary.json over all tops, and prints the summary.

A file list (.f) holds Verilog files relative to the repository root, '+incdir+DIR',
'+define+NAME[=VALUE]', '-I', '-D', '-f FILE' (nested) and '//' or '#' comments.
Generated headers (build/gen/rtl) come in through the file list's '+incdir+'.

Exit status: 0 if every flow ran, 1 if Yosys failed (or timed out) anywhere.
"""

import argparse
import concurrent.futures
import json
import os
import pathlib
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "synth"))
import synth_report  # noqa: E402

FLOWS = ("xilinx", "generic")


class FileListError(Exception):
    pass


def parse_file_list(path, root=ROOT, _seen=None):
    """(files, incdirs, defines) of a Verilator-style .f file, paths made absolute."""
    path = pathlib.Path(path)
    if not path.is_absolute():
        path = root / path
    _seen = _seen or set()
    if path in _seen:
        raise FileListError(f"{path}: includes itself")
    _seen.add(path)
    files, incdirs, defines = [], [], []
    try:
        text = path.read_text()
    except OSError as e:
        raise FileListError(f"cannot read file list: {e}") from e
    tokens = []
    for line in text.splitlines():
        line = line.split("//", 1)[0]
        if line.strip().startswith("#"):
            continue
        tokens += shlex.split(line)
    it = iter(tokens)
    for tok in it:
        if tok.startswith("+incdir+"):
            incdirs += [str(root / d) for d in tok[len("+incdir+"):].split("+") if d]
        elif tok.startswith("+define+"):
            defines += [d for d in tok[len("+define+"):].split("+") if d]
        elif tok.startswith("-I"):
            incdirs.append(str(root / (tok[2:] or next(it))))
        elif tok.startswith("-D"):
            defines.append(tok[2:] or next(it))
        elif tok in ("-f", "-F"):
            nested = next(it)
            base = path.parent if tok == "-F" else root
            f, i, d = parse_file_list(base / nested, root, _seen)
            files += f
            incdirs += i
            defines += d
        elif tok == "-v":
            files.append(str(root / next(it)))
        elif tok.startswith(("-", "+")):
            raise FileListError(f"{path}: option {tok!r} is not supported for synthesis")
        else:
            files.append(str(root / tok))
    for f in files:
        if not pathlib.Path(f).is_file():
            raise FileListError(f"{path}: no such Verilog file: {f}")
    return files, incdirs, defines


def yosys_datdir():
    exe = shutil.which("yosys")
    return pathlib.Path(exe).resolve().parent.parent / "share" / "yosys" if exe else None


def fixed_xcu_lutram_library(out):
    """Path of a corrected copy of Yosys' UltraScale LUTRAM library, or None if the
    installed one is fine.

    Yosys 0.23 (Debian bookworm) describes the deepest single-port LUTRAM (RAM512X1S) as
    'abits 16' instead of 9 in xilinx/lutrams_xcu.txt, so memory_libmap maps every
    memory of more than a few Kbit (the 64 KiB TCMs) to LUTRAM, whose techmap then stops
    with "invalid OPTION_ABITS/WIDTH combination". The copy, written into the build
    directory, differs only in that number.
    """
    datdir = yosys_datdir()
    if datdir is None:
        return None
    lib = datdir / "xilinx" / "lutrams_xcu.txt"
    try:
        text = lib.read_text()
    except OSError:
        return None
    bad = re.compile(r'option "ABITS" 16 \{(\s*)abits 16;')
    if not bad.search(text):
        return None
    fixed = out / "yosys_lutrams_xcu.txt"
    content = bad.sub(r'option "ABITS" 9 {\1abits 9;', text)
    if not fixed.exists() or fixed.read_text() != content:
        tmp = out / f".yosys_lutrams_xcu.txt.{os.getpid()}"
        tmp.write_text(content)
        os.replace(tmp, fixed)
    return fixed


def random_image(out, region):
    """A $readmemh file of pseudo-random words filling memory-map region REGION
    (deterministic: the same file every run)."""
    with open(ROOT / "regs" / "memory_map.toml", "rb") as f:
        regions = {r["name"]: r for r in tomllib.load(f)["region"]}
    if region not in regions:
        raise FileListError(f"@random:{region}: no such region in regs/memory_map.toml")
    words = regions[region]["size"] // 4
    rng = random.Random(f"vionic-{region}")
    content = "".join(f"{rng.getrandbits(32):08x}\n" for _ in range(words))
    path = out / f"random_{region.lower()}.hex"
    if not path.exists() or path.read_text() != content:
        tmp = out / f".{path.name}.{os.getpid()}"
        tmp.write_text(content)
        os.replace(tmp, path)
    return path


def chparam(top, params, out):
    """'chparam' lines for a top's NAME=VALUE parameters from synth/tops.txt."""
    lines = []
    for name, value in params:
        if value.startswith("@random:"):
            value = f'"{random_image(out, value[len("@random:"):])}"'
        elif not re.fullmatch(r"-?\d+|\d*'[sS]?[bodhBODH][0-9a-fA-FxXzZ_]+", value):
            value = '"' + value.replace('"', '\\"') + '"'
        lines.append(f"chparam -set {name} {value} {top}")
    return lines


# abc9's wire delay (ps) for the xilinx flow. Yosys 0.23 maps with 7-series LUT delays
# (127 ps on a LUT's fastest input, 642 ps on its slowest) and 300 ps per wire. With
# that, a chain of small LUTs through their fast inputs costs ABC less than one LUT
# level fewer, and abc9, whose area recovery lets every path grow up to its own
# critical delay, builds such chains: e.g. vionic_vq_avail at 8 levels, vionic_vq_used
# at 7. The depth and Fmax estimate here (synth_report.py) charge every LUT level the
# same 0.5 ns, as UltraScale+ routing makes it (a net costs several times a LUT), so
# the mapper is told the same: 1000 ps per wire. On 2026-11-23's RTL this took vq_avail
# from 8 to 7 levels, vq_used 7 -> 5, the PCIe endpoint 7 -> 6, net_tx 6 -> 4, dma_read
# 6 -> 5 with LUT counts from -9 % to +6 %; the control processor 13 -> 10 levels for
# +15 % LUTs; net_rx stayed at 7 (docs/bench.md "Synthesis figures").
ABC9_WIRE_PS = 1000


def yosys_script(top, flow, file_list, build, params=(), abc="abc9", abc9_wire=ABC9_WIRE_PS):
    files, incdirs, defines = parse_file_list(file_list)
    out = pathlib.Path(build) / "synth"
    incdirs = list(dict.fromkeys(incdirs))
    opts = [f"-I{d}" for d in incdirs] + [f"-D{d}" for d in defines]
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"{top}.{flow}"
    lines = [f"# Generated by synth/synth.py: {top}, {flow} flow",
             "read_verilog -sv " + " ".join(shlex.quote(o) for o in opts) + " \\",
             "    " + " \\\n    ".join(shlex.quote(f) for f in files)]
    lines += chparam(top, params, out)
    lines.append(f"hierarchy -check -top {top}")
    if flow == "xilinx":
        # -noiopad/-noclkbuf: a subsystem is not the chip's top; I/O buffers would only
        # add cells that the real top places once.
        synth = f"synth_xilinx -family xcup -top {top} -flatten -noiopad -noclkbuf"
        if abc == "abc9":
            synth += " -abc9"
            if abc9_wire:
                lines += [f"# abc9 wire delay {abc9_wire} ps (ABC9_WIRE_PS in synth/synth.py)",
                          f"scratchpad -set synth_xilinx.abc9.W {abc9_wire}"]
        fixed_lutrams = fixed_xcu_lutram_library(out)
        if fixed_lutrams is None:
            lines.append(synth)
        else:
            # Yosys 0.23's map_memory step, with the corrected LUTRAM library
            lines += ["# Yosys 0.23's map_memory step, run here with a corrected LUTRAM",
                      "# library (see fixed_xcu_lutram_library in synth/synth.py)",
                      f"{synth} -run begin:map_memory",
                      "memory_libmap -logic-cost-rom 0.015625"
                      f" -lib {fixed_lutrams} -lib +/xilinx/brams_xc4v.txt"
                      " -D HAS_SIZE_36 -D HAS_MIXWIDTH_SDP -D HAS_ADDRCE"
                      " -lib +/xilinx/urams.txt -no-auto-huge",
                      "techmap -map +/xilinx/lutrams_xc5v_map.v",
                      "techmap -map +/xilinx/brams_xcu_map.v",
                      "techmap -map +/xilinx/urams_map.v",
                      f"{synth} -run map_ffram:"]
        lines.append("stat -tech xilinx")
    else:
        # The 'synth' script without memory_map (see the docstring).
        lines += [f"synth -top {top} -flatten -run begin:fine",
                  "opt -fast -full", "opt -full", "techmap", "opt -fast", "abc -fast",
                  "opt -fast", "hierarchy -check", "stat"]
    lines += [f"tee -q -o {stem}.stat.json stat -json",
              # multiple drivers, undriven used wires, logic loops: fail the flow
              "check -assert" + (" -noinit" if flow == "xilinx" else ""),
              f"write_json {stem}.netlist.json"]
    if flow == "generic":
        lines.append(f"tee -o {stem}.ltp.txt ltp -noff")
    return "\n".join(lines) + "\n"


def run_flow(top, file_list, flow, build, timeout, params=(), abc="abc9",
             abc9_wire=ABC9_WIRE_PS):
    """Run one Yosys flow; returns (ok, message). Writes <top>.<flow>.result.json."""
    out = pathlib.Path(build) / "synth"
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"{top}.{flow}"
    for suffix in (".stat.json", ".netlist.json", ".ltp.txt", ".result.json", ".path.txt"):
        pathlib.Path(f"{stem}{suffix}").unlink(missing_ok=True)
    result = {"top": top, "flow": flow, "status": "failed"}
    t0 = time.monotonic()
    try:
        script = yosys_script(top, flow, file_list, build, params, abc, abc9_wire)
    except FileListError as e:
        result["error"] = str(e)
        write_json(f"{stem}.result.json", result)
        return False, str(e)
    pathlib.Path(f"{stem}.ys").write_text(script)
    log = pathlib.Path(f"{stem}.log")
    cmd = ["yosys", "-q", "-l", str(log), "-s", f"{stem}.ys"]
    try:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, start_new_session=True)
    except FileNotFoundError:
        result["error"] = "yosys not found (run tools/install-deps.sh)"
        write_json(f"{stem}.result.json", result)
        return False, result["error"]
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        result["error"] = f"timed out after {timeout} s"
        write_json(f"{stem}.result.json", result)
        return False, f"{result['error']} (log: {log})"
    seconds = round(time.monotonic() - t0, 1)
    if proc.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        result["error"] = f"yosys exit {proc.returncode}"
        write_json(f"{stem}.result.json", result)
        return False, f"yosys exit {proc.returncode} (log: {log})\n{tail}"
    try:
        res = synth_report.flow_result(out, top, flow)
    except (OSError, ValueError, KeyError) as e:
        result["error"] = f"cannot read Yosys results: {e}"
        write_json(f"{stem}.result.json", result)
        return False, result["error"]
    res.update(top=top, flow=flow, status="ok", seconds=seconds,
               mapper=(abc + (f" -W {abc9_wire}" if abc == "abc9" and abc9_wire else "")
                       if flow == "xilinx" else "abc"),
               yosys_warnings=sum(1 for l in log.read_text(errors="replace").splitlines()
                                  if l.startswith("Warning:")))
    if flow == "xilinx":
        synth_report.write_path_report(out, top, flow, res)
        if res["loop_count"]:
            write_json(f"{stem}.result.json", dict(res, status="failed"))
            return False, (f"{res['loop_count']} cells on combinational loops "
                           f"(see {stem}.path.txt)")
    write_json(f"{stem}.result.json", res)
    return True, f"{seconds} s, {res['yosys_warnings']} Yosys warnings, log {log}"


def write_json(path, data):
    pathlib.Path(path).write_text(json.dumps(data, indent=1) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True, help="build directory ($(BUILD))")
    ap.add_argument("--tops", default=str(ROOT / "synth" / "tops.txt"))
    ap.add_argument("--top", action="append", help="only this top (repeatable)")
    ap.add_argument("--flow", action="append", choices=FLOWS, help="only this flow (repeatable)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=int, default=900, help="seconds per flow")
    ap.add_argument("--abc", choices=("abc9", "abc"), default="abc9",
                    help="LUT mapper of the xilinx flow (default abc9, delay-driven)")
    ap.add_argument("--abc9-wire", type=int, default=ABC9_WIRE_PS, metavar="PS",
                    help=f"abc9's wire delay in ps (default {ABC9_WIRE_PS}; 0: Yosys' own)")
    ap.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = ap.parse_args()
    build = pathlib.Path(args.build).resolve()
    tops = synth_report.read_tops(args.tops, with_params=True)
    jobs = [(t, f, flow, p) for t, f, p in tops if not args.top or t in args.top
            for flow in FLOWS if not args.flow or flow in args.flow]
    if not jobs:
        print("synth: nothing to do (check --top/--flow and synth/tops.txt)", file=sys.stderr)
        return 1
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_flow, t, f, flow, build, args.timeout, p, args.abc,
                               args.abc9_wire): (t, flow)
                   for t, f, flow, p in jobs}
        for fut in concurrent.futures.as_completed(futures):
            top, flow = futures[fut]
            ok, msg = fut.result()
            failed += not ok
            print(f"synth: {top} {flow}: {'ok' if ok else 'FAILED'}: {msg}",
                  file=sys.stdout if ok else sys.stderr, flush=True)
    text = synth_report.write_summary(build / "synth", [t for t, _, _ in tops])
    if not args.quiet:
        print()
        print(text, end="")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

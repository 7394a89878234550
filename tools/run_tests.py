#!/usr/bin/env python3
"""run_tests: the runner behind 'make test' (docs/testing.md).

Discovers the tests of each suite, runs them in parallel with a wall-clock timeout each,
prints one line per test (PASS/FAIL/SKIP) and ends with 'N passed, N failed' (and
', N skipped' when some were skipped). Exit status 1 if anything failed or no test ran.

Suites, in order:
  gen      register docs generated from regs/*.toml match the committed docs/registers/;
           reggen rejects malformed sources
  lint     verilator --lint-only -Wall on every top of rtl/tops.txt: zero warnings;
           tools/check_vq_avail_decision.py (vq_avail's decision against its plain form)
  synth    Yosys on every top of synth/tops.txt, xilinx and generic flows (synth/synth.py)
  fw-unit  host-built firmware unit tests <build>/fw-host/tests/*, TAP output
  rtl-unit block-level RTL and host-model tests <build>/rtl-unit/*, TAP output
  tb       C virtio driver testbench against the simulated device <build>/tb/tests/*, TAP
  linux    tests/linux/test_*.sh: User-Mode Linux with the stock virtio_net against the
           simulated device, through sim/bridge (TAP)
  sim      every <name>.itcm.hex in <build>/isa, <build>/fw/tests, <build>/fw/app and
           <build>/random on the simulator, checked against an optional <name>.expect

Only the Python standard library is used.
"""

import argparse
import concurrent.futures
import difflib
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SUITES = ("gen", "lint", "synth", "fw-unit", "rtl-unit", "tb", "sim", "linux")
DEFAULT_SUITES = SUITES
# Default wall-clock timeout per test, in seconds (--timeout overrides them all).
TIMEOUTS = {"gen": 120, "lint": 300, "synth": 1800, "fw-unit": 120, "rtl-unit": 600, "tb": 600,
            "sim": 600, "linux": 1800}
TAIL_LINES = 20
SIM_DIRS = {  # program directory under <build> -> source directory searched for sidecars
    "isa": "tests/isa",
    "fw/tests": "firmware/tests",
    "fw/app": "firmware/app",
    "random": "tests/random",   # self-checking random programs (tests/random/random.mk)
}
SIM_DEFAULT_MAX_CYCLES = 2_000_000
SIM_EXPECT_KEYS = {"exit", "console", "max_cycles", "timeout"}


class Result:
    def __init__(self, name, status, reason="", output="", info="", head=False):
        self.name = name
        self.head = head            # show the first lines of output, not the last
        self.status = status        # "PASS", "FAIL" or "SKIP"
        self.reason = reason
        self.output = output        # shown (tail) for a failure
        self.info = info            # short note after a PASS

    def lines(self):
        if self.status == "PASS":
            return [f"PASS {self.name}" + (f"  ({self.info})" if self.info else "")]
        if self.status == "SKIP":
            return [f"SKIP {self.name} ({self.reason})"]
        out = [f"FAIL {self.name}: {self.reason}"]
        lines = self.output.rstrip("\n").splitlines()
        shown = lines[:TAIL_LINES * 2] if self.head else lines[-TAIL_LINES:]
        out += [f"    | {line}" for line in shown]
        if self.head and len(lines) > len(shown):
            out.append(f"    | ... ({len(lines) - len(shown)} more lines)")
        return out


class Job:
    """One unit of work; run() returns a list of Results (a TAP program gives many)."""

    def __init__(self, name, suite, fn, weight=1, exclusive=False):
        self.name = name
        self.suite = suite
        self.fn = fn
        self.weight = weight        # bigger runs first, to shorten the parallel run
        self.exclusive = exclusive  # runs alone, after the parallel ones (timing-sensitive)

    def run(self, timeout):
        try:
            return self.fn(self.name, timeout)
        except Exception as e:      # a runner bug must show up as a failure, not a crash
            return [Result(self.name, "FAIL", f"runner error: {type(e).__name__}: {e}")]


def run_cmd(cmd, timeout, cwd=ROOT):
    """(returncode, stdout, stderr, timed_out); the whole process group dies on timeout."""
    try:
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    except OSError as e:
        return None, "", f"cannot run {cmd[0]}: {e}", False
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        timed_out = True
    return (proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"),
            timed_out)


def describe_rc(rc):
    if rc is None:
        return "could not start"
    if rc < 0:
        try:
            return f"killed by {signal.Signals(-rc).name}"
        except ValueError:
            return f"killed by signal {-rc}"
    return f"exit {rc}"


def read_tops(path, params_ok=False):
    """[(top, file list)] from a tops.txt ('#' comments). synth/tops.txt may add
    NAME=VALUE parameters after the file list (synth/synth.py reads those)."""
    tops = []
    for n, line in enumerate(path.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) < 2 or (len(parts) > 2 and not params_ok):
            raise ValueError(f"{path.relative_to(ROOT)}:{n}: expected '<top> <file-list.f>'")
        tops.append((parts[0], parts[1]))
    return tops


# ------------------------------------------------------------------ gen

def committed_text(rel):
    """Text of a file as committed (the git index, so staged changes count), or None if
    it is not in git; the working-tree file when the tree is not a git checkout."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        proc = subprocess.run(["git", "show", f":{rel}"], cwd=ROOT, capture_output=True)
        if proc.returncode != 0:
            return None
        return proc.stdout.decode(errors="replace")
    path = ROOT / rel
    return path.read_text() if path.exists() else None


def gen_docs_job(name, timeout):
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "regs").glob("*.toml"))
    if not sources:
        return [Result(name, "FAIL", "no regs/*.toml")]
    with tempfile.TemporaryDirectory() as tmp:
        rc, out, err, to = run_cmd([sys.executable, "tools/reggen.py", *sources, "--docs", tmp],
                                   timeout)
        if to or rc != 0:
            return [Result(name, "FAIL", "reggen " + ("timed out" if to else describe_rc(rc)),
                           out + err)]
        generated = {p.name: p.read_text() for p in pathlib.Path(tmp).glob("*.md")}
    problems, diffs = [], []
    for fname, text in sorted(generated.items()):
        rel = f"docs/registers/{fname}"
        committed = committed_text(rel)
        if committed is None:
            problems.append(f"{rel} is not committed")
        elif committed != text:
            problems.append(f"{rel} is stale")
            diffs += difflib.unified_diff(committed.splitlines(), text.splitlines(),
                                          f"{rel} (committed)", f"{rel} (from regs/)",
                                          lineterm="")
    for path in sorted((ROOT / "docs" / "registers").glob("*.md")):
        if path.name not in generated and committed_text(f"docs/registers/{path.name}"):
            problems.append(f"docs/registers/{path.name} has no source in regs/")
    if problems:
        return [Result(name, "FAIL", "; ".join(problems) +
                       " (run 'make gen' and commit docs/registers)", "\n".join(diffs),
                       head=True)]
    return [Result(name, "PASS", info=f"{len(generated)} pages")]


BAD_SOURCES = {
    # test name -> (TOML text, substring expected in reggen's error)
    "reggen-rejects-overlapping-fields": ("""
[block]
name = "bad"
description = "two fields share bit 3"
[[register]]
name = "CTRL"
offset = 0x0
access = "rw"
description = "control"
fields = [
  { name = "LOW",  bits = [3, 0], access = "rw", description = "low nibble" },
  { name = "HIGH", bits = [7, 3], access = "rw", description = "overlaps LOW" },
]
""", "overlaps"),
    "reggen-rejects-shared-offset": ("""
[block]
name = "bad"
description = "two registers at one offset"
[[register]]
name = "A"
offset = 0x4
access = "rw"
description = "a"
[[register]]
name = "B"
offset = 0x4
access = "ro"
description = "b"
""", "share offset"),
    "reggen-rejects-overlapping-regions": ("""
[map]
name = "bad"
description = "two windows overlap"
reset_vector = 0
[[region]]
name = "A"
base = 0x0
size = 0x1000
window = 0x2000
access = "rw"
description = "a"
[[region]]
name = "B"
base = 0x1000
size = 0x1000
window = 0x1000
access = "rw"
description = "b"
""", "overlap"),
}


def gen_reject_job(name, timeout):
    text, expected = BAD_SOURCES[name.split("/", 1)[1]]
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "bad.toml"
        src.write_text(text)
        rc, out, err, to = run_cmd([sys.executable, "tools/reggen.py", src,
                                    "--out", pathlib.Path(tmp) / "out",
                                    "--docs", pathlib.Path(tmp) / "docs"], timeout)
    if to:
        return [Result(name, "FAIL", "reggen timed out", out + err)]
    if rc != 1:
        return [Result(name, "FAIL", f"reggen {describe_rc(rc)} on a malformed source "
                       "(expected exit 1)", out + err)]
    if expected not in err:
        return [Result(name, "FAIL", f"reggen's error does not mention '{expected}'", out + err)]
    return [Result(name, "PASS")]


def gen_jobs(args):
    jobs = [Job("gen/docs-up-to-date", "gen", gen_docs_job)]
    jobs += [Job(f"gen/{n}", "gen", gen_reject_job) for n in BAD_SOURCES]
    return jobs, []


# ------------------------------------------------------------------ lint

def lint_jobs(args):
    tops_file = ROOT / "rtl" / "tops.txt"
    if not tops_file.exists():
        return [], [Result("lint", "SKIP", "no rtl/tops.txt")]
    jobs = []
    for top, flist in read_tops(tops_file):
        def fn(name, timeout, top=top, flist=flist):
            if not (ROOT / flist).exists():
                return [Result(name, "FAIL", f"no file list {flist}")]
            cmd = ["verilator", "--lint-only", "-Wall", "--top-module", top, "-f", flist,
                   "rtl/lint_waivers.vlt"]
            rc, out, err, to = run_cmd(cmd, timeout)
            text = out + err
            if to:
                return [Result(name, "FAIL", f"verilator timed out after {timeout} s", text)]
            warnings = [l for l in text.splitlines() if l.startswith("%Warning")]
            errors = [l for l in text.splitlines()
                      if l.startswith("%Error") and "Exiting due to" not in l]
            if rc != 0 or warnings or errors:
                reason = (f"{len(warnings)} warnings, {len(errors)} errors"
                          if warnings or errors else f"verilator {describe_rc(rc)}")
                shown = [l for l in text.splitlines() if l.startswith("%")] or text.splitlines()
                return [Result(name, "FAIL", reason, "\n".join(shown), head=True)]
            return [Result(name, "PASS")]
        jobs.append(Job(f"lint/{top}", "lint", fn, weight=5))
    # static checks of RTL logic written for depth against its plain definition
    checks, _ = tap_prog_jobs("lint", [ROOT / "tools" / "check_vq_avail_decision.py"])
    return jobs + checks, []


# ------------------------------------------------------------------ synth

def synth_jobs(args):
    tops_file = ROOT / "synth" / "tops.txt"
    if not tops_file.exists():
        return [], [Result("synth", "SKIP", "no synth/tops.txt")]
    jobs = []
    # synth/test_flows.txt: '<top> <flow> ...' limits the flows the test suite runs
    flows_of = {}
    flows_file = ROOT / "synth" / "test_flows.txt"
    if flows_file.exists():
        for line in flows_file.read_text().splitlines():
            parts = line.split("#", 1)[0].split()
            if parts:
                flows_of[parts[0]] = tuple(parts[1:])
    for top, _flist in read_tops(tops_file, params_ok=True):
        for flow in flows_of.get(top, ("xilinx", "generic")):
            def fn(name, timeout, top=top, flow=flow):
                cmd = [sys.executable, "synth/synth.py", "--build", args.build, "--top", top,
                       "--flow", flow, "-j", "1", "--quiet", "--timeout", str(timeout)]
                # synth.py enforces the timeout on Yosys; this one is only a backstop.
                rc, out, err, to = run_cmd(cmd, timeout + 60)
                if to or rc != 0:
                    return [Result(name, "FAIL", "timed out" if to else "Yosys failed",
                                   out + err)]
                return [Result(name, "PASS", info=synth_info(args.build, top, flow))]
            jobs.append(Job(f"synth/{top}/{flow}", "synth", fn, weight=100))
    return jobs, []


def synth_info(build, top, flow):
    try:
        r = json.loads((build / "synth" / f"{top}.{flow}.result.json").read_text())
    except (OSError, ValueError):
        return ""
    if flow == "xilinx":
        return (f"LUT {r['LUT']}, LUTRAM {r['LUTRAM_cells']}, FF {r['FF']}, BRAM36 {r['BRAM']:g}, "
                f"DSP {r['DSP']}, depth {r['depth']} LUT, est. Fmax ~{r['fmax_est_mhz']:.0f} MHz")
    return f"{r['cells']} cells, {r['FF']} FF, gate depth {r['gate_depth']}"


# ------------------------------------------------------------------ fw-unit

TAP_LINE = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*?)\s*(?:#\s*(SKIP|TODO)\S*\s*(.*))?$",
                      re.IGNORECASE)
TAP_PLAN = re.compile(r"^1\.\.(\d+)")


def parse_tap(prog, text, suite="fw-unit"):
    """(results, planned count or None, bailed out)"""
    results, plan, bail = [], None, False
    last_fail = None
    for line in text.splitlines():
        m = TAP_PLAN.match(line)
        if m:
            plan = int(m.group(1))
            continue
        if line.startswith("Bail out!"):
            bail = True
            continue
        if line.startswith("#") and last_fail is not None:
            last_fail.output += line + "\n"        # diagnostics of a failed test
            continue
        m = TAP_LINE.match(line)
        if not m:
            continue
        ok = m.group(1).lower() == "ok"
        num, desc, directive, why = m.group(2), m.group(3), m.group(4), m.group(5)
        name = f"{suite}/{prog}/{desc or num or len(results) + 1}"
        last_fail = None
        if directive and directive.upper() == "SKIP":
            results.append(Result(name, "SKIP", why or "skipped"))
        elif directive and directive.upper() == "TODO":
            results.append(Result(name, "SKIP", "TODO" + (f": {why}" if why else "")))
        elif ok:
            results.append(Result(name, "PASS"))
        else:
            last_fail = Result(name, "FAIL", "not ok")
            results.append(last_fail)
    return results, plan, bail


def tap_dir_jobs(suite, tests):
    """Every executable in the directory 'tests' is a TAP program; each of its test
    lines is one result. A missing or empty directory fails: test-build makes it."""
    if not tests.is_dir():
        return [], [Result(suite, "FAIL", f"no {tests} (did test-build run?)")]
    progs = sorted(p for p in tests.iterdir()
                   if p.is_file() and os.access(p, os.X_OK) and not p.name.startswith("."))
    if not progs:
        return [], [Result(suite, "FAIL", f"no executables in {tests}")]
    return tap_prog_jobs(suite, progs)


def tap_prog_jobs(suite, progs, exclusive=False):
    """Each program is a TAP program run in its own directory."""
    jobs = []
    for prog in progs:
        def fn(name, timeout, prog=prog):
            rc, out, err, to = run_cmd([prog], timeout, cwd=prog.parent)
            results, plan, bail = parse_tap(prog.name, out, suite)
            text = out + err
            if not results:
                if to:
                    return [Result(name, "FAIL", f"timed out after {timeout} s", text)]
                if rc != 0:
                    return [Result(name, "FAIL", describe_rc(rc), text)]
                return [Result(name, "FAIL", "no TAP test lines", text)]
            for r in results:
                if r.status == "FAIL" and not r.output:
                    r.output = text
            problems = []
            if to:
                problems.append(f"timed out after {timeout} s")
            elif rc != 0 and all(r.status != "FAIL" for r in results):
                problems.append(f"{describe_rc(rc)} although every test passed")
            if bail:
                problems.append("Bail out!")
            if plan is None:
                problems.append("no TAP plan line (1..N): the program ended early")
            elif plan != len(results):
                problems.append(f"planned {plan} tests, ran {len(results)}")
            if problems:
                results.append(Result(name, "FAIL", "; ".join(problems), text))
            return results
        jobs.append(Job(f"{suite}/{prog.name}", suite, fn, weight=2, exclusive=exclusive))
    return jobs, []


def linux_jobs(args):
    """tests/linux/test_*.sh: the stock Linux virtio_net in User-Mode Linux against the
    simulated device (docs/linux.md); each boots the guest once and prints TAP."""
    progs = sorted((ROOT / "tests" / "linux").glob("test_*.sh"))
    if not progs:
        return [], [Result("linux", "FAIL", "no tests/linux/test_*.sh")]
    # Alone: the kernel gives each device read a wall-clock wait (~200 ms with the
    # lpj test_net.sh presets; docs/linux.md), and the simulator is slower when it
    # shares the cores.
    return tap_prog_jobs("linux", progs, exclusive=True)


def fw_unit_jobs(args):
    return tap_dir_jobs("fw-unit", args.build / "fw-host" / "tests")


def rtl_unit_jobs(args):
    return tap_dir_jobs("rtl-unit", args.build / "rtl-unit")


def tb_jobs(args):
    return tap_dir_jobs("tb", args.build / "tb" / "tests")


# ------------------------------------------------------------------ sim

def find_sidecar(hexfile, subdir, stem):
    """<stem>.expect next to the image, else under the program's source directory."""
    local = hexfile.with_name(f"{stem}.expect")
    if local.exists():
        return local, None
    src = ROOT / SIM_DIRS[subdir]
    found = sorted(src.rglob(f"{stem}.expect")) if src.is_dir() else []
    if len(found) > 1:
        return None, "several sidecars: " + ", ".join(str(f.relative_to(ROOT)) for f in found)
    return (found[0] if found else None), None


def load_expect(path):
    if path is None:
        return {}
    with open(path, "rb") as f:
        exp = tomllib.load(f)
    unknown = set(exp) - SIM_EXPECT_KEYS
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)} (known: {sorted(SIM_EXPECT_KEYS)})")
    for key in ("exit", "max_cycles", "timeout"):
        if key in exp and not isinstance(exp[key], int):
            raise ValueError(f"'{key}' must be an integer")
    if "console" in exp:
        if not isinstance(exp["console"], str):
            raise ValueError("'console' must be a string (a regular expression)")
        re.compile(exp["console"])
    return exp


HALT_LINE = re.compile(r"HALT code=(-?\d+|0x[0-9a-fA-F]+) cycles=(\d+)")


def sim_jobs(args):
    simulator = args.build / "sim" / "cpu" / "vionic_cpu_sim"
    programs = []
    for subdir in SIM_DIRS:
        d = args.build / subdir
        if d.is_dir():
            programs += [(subdir, p) for p in sorted(d.glob("*.itcm.hex"))]
    if not programs:
        dirs = ", ".join(str(args.build / s) for s in SIM_DIRS)
        return [], [Result("sim", "SKIP", f"no *.itcm.hex in {dirs}")]
    jobs = []
    for subdir, hexfile in programs:
        stem = hexfile.name[:-len(".itcm.hex")]

        def fn(name, timeout, subdir=subdir, hexfile=hexfile, stem=stem):
            if not (simulator.is_file() and os.access(simulator, os.X_OK)):
                return [Result(name, "FAIL", f"simulator not built: {simulator}")]
            sidecar, err = find_sidecar(hexfile, subdir, stem)
            if err:
                return [Result(name, "FAIL", err)]
            try:
                exp = load_expect(sidecar)
            except (OSError, ValueError, tomllib.TOMLDecodeError, re.error) as e:
                return [Result(name, "FAIL", f"bad sidecar {sidecar}: {e}")]
            want = exp.get("exit", 0)
            max_cycles = exp.get("max_cycles", SIM_DEFAULT_MAX_CYCLES)
            cmd = [simulator, f"+itcm={hexfile}", f"+max-cycles={max_cycles}"]
            dtcm = hexfile.with_name(f"{stem}.dtcm.hex")
            if dtcm.exists():
                cmd.insert(2, f"+dtcm={dtcm}")
            wall = exp.get("timeout", timeout)
            rc, out, errout, to = run_cmd(cmd, wall, cwd=args.build)
            text = out + errout
            if to:
                return [Result(name, "FAIL", f"wall-clock timeout after {wall} s", text)]
            halts = HALT_LINE.findall(out)
            halt = f"HALT code={halts[-1][0]}" if halts else "no HALT line"
            if rc != want:
                if rc == 2:
                    reason = f"TIMEOUT: no HALT within +max-cycles={max_cycles}"
                elif rc == 3:
                    reason = "simulator usage error (exit 3)"
                else:
                    reason = f"simulator {describe_rc(rc)} ({halt}), expected exit {want}"
                return [Result(name, "FAIL", reason, text)]
            if rc in (0, 1) and not halts:
                return [Result(name, "FAIL", f"simulator {describe_rc(rc)} without a HALT line",
                               text)]
            if "console" in exp and not re.search(exp["console"], out, re.MULTILINE):
                return [Result(name, "FAIL", f"console does not match /{exp['console']}/", text)]
            return [Result(name, "PASS", info=f"{halts[-1][1]} cycles" if halts else "")]
        jobs.append(Job(f"sim/{subdir}/{stem}", "sim", fn, weight=3))
    return jobs, []


# ------------------------------------------------------------------ main

DISCOVER = {"gen": gen_jobs, "lint": lint_jobs, "synth": synth_jobs,
            "fw-unit": fw_unit_jobs, "rtl-unit": rtl_unit_jobs, "tb": tb_jobs, "sim": sim_jobs,
            "linux": linux_jobs}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=str(ROOT / "build"), help="build directory ($(BUILD))")
    ap.add_argument("--suite", action="append", choices=SUITES,
                    help="run only this suite (repeatable)")
    ap.add_argument("-k", dest="filter", action="append", default=[],
                    help="run only tests whose name contains this (repeatable: any)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="tests run in parallel (default: number of CPUs)")
    ap.add_argument("--timeout", type=int, help="wall-clock seconds per test, every suite")
    ap.add_argument("--list", action="store_true", help="list the tests, run nothing")
    args = ap.parse_args()
    args.build = pathlib.Path(args.build).resolve()
    os.chdir(ROOT)

    jobs, results = [], []
    for suite in args.suite or DEFAULT_SUITES:
        try:
            j, r = DISCOVER[suite](args)
        except (OSError, ValueError) as e:
            j, r = [], [Result(suite, "FAIL", f"cannot discover tests: {e}")]
        jobs += j
        results += r
    if args.filter:
        jobs = [j for j in jobs if any(k in j.name for k in args.filter)]
        results = [r for r in results if any(k in r.name for k in args.filter)]
    if args.list:
        for j in jobs:
            print(j.name)
        return 0

    lock = threading.Lock()
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}

    def report(rs):
        with lock:
            for r in rs:
                counts[r.status] += 1
                print("\n".join(r.lines()), flush=True)

    report(results)
    jobs.sort(key=lambda j: -j.weight)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(j.run, args.timeout or TIMEOUTS[j.suite])
                   for j in jobs if not j.exclusive]
        for fut in concurrent.futures.as_completed(futures):
            report(fut.result())
    for j in jobs:
        if j.exclusive:
            report(j.run(args.timeout or TIMEOUTS[j.suite]))

    line = f"{counts['PASS']} passed, {counts['FAIL']} failed"
    if counts["SKIP"]:
        line += f", {counts['SKIP']} skipped"
    print(line)
    return 1 if counts["FAIL"] or counts["PASS"] + counts["FAIL"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""reggen: vionic's single register source -> Verilog, C, linker script and docs.

Every register layout, address and shared constant of vionic is written once, in a
TOML file under regs/, and this generator derives everything else from it:

  <out>/rtl/vionic_<name>_regs.vh     Verilog `define macros (include-guarded)
  <out>/include/vionic/<name>_regs.h  C header for firmware, testbench, driver
  <out>/ld/vionic_memory.ld           linker-script MEMORY block (memory map only)
  <docs>/<name>.md                    register pages in docs/registers/

Three kinds of source file are understood:
  [map] + [[region]]         an address map
  [block] + [[register]]     a register block (fields with bit ranges, access, reset);
                             a register may set size = 1, 2, 4 or 8 bytes (default: the
                             block width), e.g. for spec-defined layouts such as the virtio
                             common configuration with 8-, 16- and 64-bit fields
  [constants] + [[constant]] named constants (e.g. RISC-V CSR numbers, cause codes)

Only the Python standard library is used (tomllib, Python >= 3.11).
"""

import argparse
import pathlib
import sys
import tomllib

ACCESS_KINDS = {"ro", "wo", "rw", "w1c", "rx"}


class RegError(Exception):
    """A malformed register description."""


def ident(*parts):
    return "_".join(p.upper() for p in parts if p)


def field_mask(msb, lsb):
    return ((1 << (msb - lsb + 1)) - 1) << lsb


def reg_size(src, reg):
    """A register's size in bytes: its own 'size', else the block width."""
    return reg.get("size", src["block"].get("width", 32) // 8)


def check_block(src, path):
    block = src["block"]
    width = block.get("width", 32)
    seen_offsets = {}
    for reg in src.get("register", []):
        name = reg["name"]
        off = reg["offset"]
        size = reg_size(src, reg)
        if size not in (1, 2, 4, 8):
            raise RegError(f"{path}: {name}: size {size} is not 1, 2, 4 or 8 bytes")
        if off % size:
            raise RegError(f"{path}: {name}: offset 0x{off:x} not aligned to its size {size}")
        for byte in range(off, off + size):
            if byte in seen_offsets:
                raise RegError(f"{path}: {name} and {seen_offsets[byte]} share offset 0x{byte:x}")
            seen_offsets[byte] = name
        if reg.get("access") not in ACCESS_KINDS:
            raise RegError(f"{path}: {name}: unknown access '{reg.get('access')}'")
        used = 0
        for fld in reg.get("fields", []):
            msb, lsb = fld["bits"]
            if not (0 <= lsb <= msb < size * 8):
                raise RegError(f"{path}: {name}.{fld['name']}: bad bit range {msb}:{lsb}")
            mask = field_mask(msb, lsb)
            if used & mask:
                raise RegError(f"{path}: {name}.{fld['name']}: overlaps another field")
            used |= mask
            reset = fld.get("reset", 0)
            if reset >> (msb - lsb + 1):
                raise RegError(f"{path}: {name}.{fld['name']}: reset 0x{reset:x} too wide")


def check_map(src, path):
    regions = {r["name"]: r for r in src["region"]}
    for r in src["region"]:
        if r["size"] > r["window"]:
            raise RegError(f"{path}: {r['name']}: size larger than its window")
        if r["base"] % r["window"]:
            raise RegError(f"{path}: {r['name']}: base not aligned to its window")
    top = [r for r in src["region"] if "parent" not in r]
    top.sort(key=lambda r: r["base"])
    for a, b in zip(top, top[1:]):
        if a["base"] + a["window"] > b["base"]:
            raise RegError(f"{path}: windows of {a['name']} and {b['name']} overlap")
    for r in src["region"]:
        if "parent" in r:
            p = regions.get(r["parent"])
            if p is None:
                raise RegError(f"{path}: {r['name']}: unknown parent {r['parent']}")
            if not (p["base"] <= r["base"] and r["base"] + r["window"] <= p["base"] + p["window"]):
                raise RegError(f"{path}: {r['name']}: not inside its parent {p['name']}")


def constants_of(src):
    """Constants may be written as [[constant]] tables or as a list inside [constants]."""
    return src.get("constant", []) + src.get("constants", {}).get("constant", [])


def kind_of(src):
    if "map" in src:
        return "map"
    if "block" in src:
        return "block"
    if "constants" in src:
        return "constants"
    raise RegError("a source needs a [map], [block] or [constants] table")


def name_of(src):
    return src[kind_of(src)]["name"]


def map_prefix(src):
    """Macro prefix of a map: VIONIC_MAP for the CPU memory map, VIONIC_<NAME> otherwise
    (so two maps never define the same macro)."""
    name = name_of(src)
    return "VIONIC_MAP" if name == "memory_map" else ident("VIONIC", name)


# ---------------------------------------------------------------- Verilog


def verilog(src):
    name = name_of(src)
    guard = ident("VIONIC", name, "REGS_VH")
    out = [f"// Generated by tools/reggen.py from regs/{name}.toml -- do not edit.",
           f"`ifndef {guard}", f"`define {guard}", ""]
    kind = kind_of(src)
    if kind == "map":
        for r in src["region"]:
            p = ident(map_prefix(src), r["name"])
            out += [f"`define {p}_BASE 32'h{r['base']:08x}",
                    f"`define {p}_SIZE 32'h{r['size']:08x}",
                    f"`define {p}_WINDOW 32'h{r['window']:08x}"]
        if name == "memory_map":
            out.append(f"`define VIONIC_MAP_RESET_VECTOR 32'h{src['map']['reset_vector']:08x}")
    elif kind == "block":
        for reg in src.get("register", []):
            p = ident("VIONIC", name, reg["name"])
            out += [f"`define {p}_OFFSET 12'h{reg['offset']:03x}",
                    f"`define {p}_SIZE {reg_size(src, reg)}"]
            for fld in reg.get("fields", []):
                msb, lsb = fld["bits"]
                fp = ident(p, fld["name"])
                out += [f"`define {fp}_MSB {msb}", f"`define {fp}_LSB {lsb}",
                        f"`define {fp}_RESET {msb - lsb + 1}'h{fld.get('reset', 0):x}"]
    else:
        for c in constants_of(src):
            w = c.get("width", 32)
            out.append(f"`define {ident('VIONIC', name, c['name'])} {w}'h{c['value']:x}")
    out += ["", "`endif", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- C


def c_header(src):
    name = name_of(src)
    guard = ident("VIONIC", name, "REGS_H")
    out = [f"/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */",
           f"/* Generated by tools/reggen.py from regs/{name}.toml -- do not edit. */",
           f"#ifndef {guard}", f"#define {guard}", "",
           "/* Unsigned in C, plain in assembly (these headers are shared with .S files). */",
           "#ifndef VIONIC_U", "#ifdef __ASSEMBLER__", "#define VIONIC_U(x) x", "#else",
           "#define VIONIC_U(x) x##u", "#endif", "#endif", ""]
    kind = kind_of(src)
    if kind == "map":
        for r in src["region"]:
            p = ident(map_prefix(src), r["name"])
            out += [f"/* {r['description']} */",
                    f"#define {p}_BASE VIONIC_U(0x{r['base']:08x})",
                    f"#define {p}_SIZE VIONIC_U(0x{r['size']:08x})",
                    f"#define {p}_WINDOW VIONIC_U(0x{r['window']:08x})", ""]
        if name == "memory_map":
            out.append(f"#define VIONIC_MAP_RESET_VECTOR VIONIC_U(0x{src['map']['reset_vector']:08x})")
    elif kind == "block":
        for reg in src.get("register", []):
            p = ident("VIONIC", name, reg["name"])
            out += [f"/* {reg['name']} ({reg['access']}): {reg['description']} */",
                    f"#define {p}_OFFSET VIONIC_U(0x{reg['offset']:03x})",
                    f"#define {p}_SIZE {reg_size(src, reg)}"]
            for fld in reg.get("fields", []):
                msb, lsb = fld["bits"]
                fp = ident(p, fld["name"])
                out += [f"#define {fp}_SHIFT {lsb}",
                        f"#define {fp}_MASK VIONIC_U(0x{field_mask(msb, lsb):08x})",
                        f"#define {fp}_RESET VIONIC_U(0x{fld.get('reset', 0):x})"]
            out.append("")
    else:
        for c in constants_of(src):
            if "description" in c:
                out.append(f"/* {c['description']} */")
            out.append(f"#define {ident('VIONIC', name, c['name'])} VIONIC_U(0x{c['value']:x})")
    out += ["", f"#endif /* {guard} */", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- linker script


def linker_memory(src):
    out = ["/* Generated by tools/reggen.py from regs/memory_map.toml -- do not edit. */",
           "MEMORY", "{"]
    for r in src["region"]:
        if r["name"] in ("ITCM", "DTCM"):
            attrs = "rx" if r["access"] == "rx" else "rw"
            out.append(f"  {r['name']} ({attrs}) : ORIGIN = 0x{r['base']:08x}, LENGTH = 0x{r['size']:x}")
    out += ["}", ""]
    for r in src["region"]:
        out.append(f"PROVIDE(__vionic_{r['name'].lower()}_base = 0x{r['base']:08x});")
    out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- docs


def hexw(v, digits=8):
    return f"0x{v:0{digits}x}"


def markdown(src):
    name = name_of(src)
    kind = kind_of(src)
    head = src[kind]
    out = [f"<!-- Generated by tools/reggen.py from regs/{name}.toml -- do not edit. -->",
           f"# {name}", "", head.get("description", ""), ""]
    if kind == "map":
        out += ["| Region | Base | Size | Window | Access | Description |",
                "|---|---|---|---|---|---|"]
        for r in src["region"]:
            out.append(f"| {r['name']} | {hexw(r['base'])} | {hexw(r['size'])} | "
                       f"{hexw(r['window'])} | {r['access']} | {r['description']} |")
        out.append("")
        if "reset_vector" in head:
            out += [f"Reset vector: `{hexw(head['reset_vector'])}`.", ""]
    elif kind == "block":
        out += ["| Offset | Size | Register | Access | Description |", "|---|---|---|---|---|"]
        for reg in src.get("register", []):
            out.append(f"| {hexw(reg['offset'], 3)} | {reg_size(src, reg)} | {reg['name']} | "
                       f"{reg['access']} | {reg['description']} |")
        out.append("")
        for reg in src.get("register", []):
            out += [f"## {reg['name']} (offset {hexw(reg['offset'], 3)})", "",
                    reg["description"], "",
                    "| Bits | Field | Access | Reset | Description |", "|---|---|---|---|---|"]
            for fld in reg.get("fields", []):
                msb, lsb = fld["bits"]
                bits = f"{msb}" if msb == lsb else f"{msb}:{lsb}"
                out.append(f"| {bits} | {fld['name']} | {fld['access']} | "
                           f"0x{fld.get('reset', 0):x} | {fld['description']} |")
            out.append("")
    else:
        out += ["| Name | Value | Description |", "|---|---|---|"]
        for c in constants_of(src):
            out.append(f"| {c['name']} | 0x{c['value']:x} | {c.get('description', '')} |")
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- main


def load(path):
    with open(path, "rb") as f:
        src = tomllib.load(f)
    kind = kind_of(src)
    if pathlib.Path(path).stem != name_of(src):
        raise RegError(f"{path}: file name must match the {kind} name '{name_of(src)}'")
    if kind == "block":
        check_block(src, path)
    elif kind == "map":
        check_map(src, path)
    return src


def write_if_changed(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text() == text:
        return
    path.write_text(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", help="regs/*.toml")
    ap.add_argument("--out", help="directory for generated rtl/, include/, ld/")
    ap.add_argument("--docs", help="directory for the markdown register pages")
    args = ap.parse_args()
    try:
        sources = [load(p) for p in args.sources]
    except (RegError, KeyError, tomllib.TOMLDecodeError) as e:
        print(f"reggen: error: {e}", file=sys.stderr)
        return 1
    for src in sources:
        name = name_of(src)
        if args.out:
            out = pathlib.Path(args.out)
            write_if_changed(out / "rtl" / f"vionic_{name}_regs.vh", verilog(src))
            write_if_changed(out / "include" / "vionic" / f"{name}_regs.h", c_header(src))
            if name == "memory_map":
                write_if_changed(out / "ld" / "vionic_memory.ld", linker_memory(src))
        if args.docs:
            write_if_changed(pathlib.Path(args.docs) / f"{name}.md", markdown(src))
    return 0


if __name__ == "__main__":
    sys.exit(main())

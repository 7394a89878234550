#!/usr/bin/env python3
"""elf2hex: split an RV32 ELF into ITCM and DTCM images for $readmemh.

The output files hold one 32-bit little-endian word per line (hex), preceded by
'@<word index>' lines relative to the region base, which is what the TCM model's
$readmemh expects. Region bases and sizes come from regs/memory_map.toml (the
single source). A loadable segment outside both memories is an error.
"""

import argparse
import pathlib
import struct
import sys
import tomllib

PT_LOAD = 1


def regions(map_path):
    with open(map_path, "rb") as f:
        m = tomllib.load(f)
    return {r["name"]: (r["base"], r["size"]) for r in m["region"]}


def segments(elf):
    if elf[:4] != b"\x7fELF" or elf[4] != 1 or elf[5] != 1:
        raise ValueError("not a little-endian ELF32 file")
    (e_phoff,) = struct.unpack_from("<I", elf, 28)
    e_phentsize, e_phnum = struct.unpack_from("<HH", elf, 42)
    for i in range(e_phnum):
        p_type, p_offset, _vaddr, p_paddr, p_filesz, p_memsz, _flags, _align = \
            struct.unpack_from("<8I", elf, e_phoff + i * e_phentsize)
        if p_type == PT_LOAD and p_filesz:
            yield p_paddr, elf[p_offset:p_offset + p_filesz]


def build_images(elf, regs):
    images = {name: bytearray() for name in ("ITCM", "DTCM")}
    for addr, data in segments(elf):
        for name in images:
            base, size = regs[name]
            if base <= addr and addr + len(data) <= base + size:
                img = images[name]
                off = addr - base
                if len(img) < off + len(data):
                    img.extend(bytes(off + len(data) - len(img)))
                img[off:off + len(data)] = data
                break
        else:
            raise ValueError(f"segment at 0x{addr:08x} (+{len(data)} bytes) is outside ITCM and DTCM")
    return images


def hex_words(img):
    if len(img) % 4:
        img = img + bytes(4 - len(img) % 4)
    lines = ["@0"]
    lines += [f"{struct.unpack_from('<I', img, i)[0]:08x}" for i in range(0, len(img), 4)]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("elf")
    ap.add_argument("--map", default=str(pathlib.Path(__file__).parent.parent / "regs" / "memory_map.toml"))
    ap.add_argument("--itcm", required=True, help="output hex for ITCM")
    ap.add_argument("--dtcm", required=True, help="output hex for DTCM")
    args = ap.parse_args()
    try:
        images = build_images(pathlib.Path(args.elf).read_bytes(), regions(args.map))
    except (ValueError, OSError, struct.error) as e:
        print(f"elf2hex: {args.elf}: {e}", file=sys.stderr)
        return 1
    pathlib.Path(args.itcm).write_text(hex_words(images["ITCM"]))
    pathlib.Path(args.dtcm).write_text(hex_words(images["DTCM"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

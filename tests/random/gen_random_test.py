#!/usr/bin/env python3
"""Random self-checking RV32IM programs for the vionic core.

Each program is a random stream of ALU, immediate, shift, multiply/divide,
load/store and forward branch/jump instructions over a small register set
(so results feed straight into the next instructions: forwarding, load-use
stalls, mul/div hazards). A reference model in this file executes the same
stream; the program then compares every register and every word of its data
buffer with the model's values and halts with 0, or with the number of the
first mismatching check. The model is independent of the RTL: it is written
from the RISC-V ISA definitions, not from the core's code.

Usage: gen_random_test.py --seed N --count K --out FILE.S
"""

import argparse
import random

MASK = 0xFFFFFFFF
WORK_REGS = list(range(1, 30))       # x1..x29 are written by random code
BASE_REG = 31                        # x31: data buffer base, never written
CHECK_REG = 30                       # x30: expected values in the final checks
BUFFER_WORDS = 64


def s32(v):
    v &= MASK
    return v - (1 << 32) if v & 0x80000000 else v


def sext(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def div_s(a, b):
    a, b = s32(a), s32(b)
    if b == 0:
        return MASK
    if a == -(1 << 31) and b == -1:
        return a & MASK
    q = abs(a) // abs(b)
    return (-q if (a < 0) != (b < 0) else q) & MASK


def rem_s(a, b):
    a, b = s32(a), s32(b)
    if b == 0:
        return a & MASK
    if a == -(1 << 31) and b == -1:
        return 0
    r = abs(a) % abs(b)
    return (-r if a < 0 else r) & MASK


R_OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "sll": lambda a, b: a << (b & 31),
    "slt": lambda a, b: int(s32(a) < s32(b)),
    "sltu": lambda a, b: int(a < b),
    "xor": lambda a, b: a ^ b,
    "srl": lambda a, b: a >> (b & 31),
    "sra": lambda a, b: s32(a) >> (b & 31),
    "or": lambda a, b: a | b,
    "and": lambda a, b: a & b,
    "mul": lambda a, b: s32(a) * s32(b),
    "mulh": lambda a, b: (s32(a) * s32(b)) >> 32,
    "mulhsu": lambda a, b: (s32(a) * b) >> 32,
    "mulhu": lambda a, b: (a * b) >> 32,
    "div": div_s,
    "divu": lambda a, b: MASK if b == 0 else a // b,
    "rem": rem_s,
    "remu": lambda a, b: a if b == 0 else a % b,
}
I_OPS = {
    "addi": lambda a, i: a + i,
    "slti": lambda a, i: int(s32(a) < i),
    "sltiu": lambda a, i: int(a < (i & MASK)),
    "xori": lambda a, i: a ^ i,
    "ori": lambda a, i: a | i,
    "andi": lambda a, i: a & i,
}
SHIFT_OPS = {
    "slli": lambda a, s: a << s,
    "srli": lambda a, s: a >> s,
    "srai": lambda a, s: s32(a) >> s,
}
BRANCHES = {
    "beq": lambda a, b: a == b,
    "bne": lambda a, b: a != b,
    "blt": lambda a, b: s32(a) < s32(b),
    "bge": lambda a, b: s32(a) >= s32(b),
    "bltu": lambda a, b: a < b,
    "bgeu": lambda a, b: a >= b,
}
LOADS = {"lb": (1, True), "lh": (2, True), "lw": (4, False), "lbu": (1, False), "lhu": (2, False)}
STORES = {"sb": 1, "sh": 2, "sw": 4}

INTERESTING = [0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, 31, 32, 0x8000, 0xFFFF8000]


class Model:
    def __init__(self, buffer):
        self.x = [0] * 32
        self.mem = bytearray(buffer)

    def set(self, rd, v):
        if rd:
            self.x[rd] = v & MASK


def instructions(lines):
    """Number of instructions in emitted lines (labels and comments take no space)."""
    return sum(1 for ln in lines if not ln.startswith("L") and not ln.startswith("#"))


def li(rd, value):
    """Load a 32-bit constant with lui+addi (fixed size: no assembler relaxation)."""
    value &= MASK
    lo = sext(value, 12)
    hi = ((value - lo) >> 12) & 0xFFFFF
    return [f"lui x{rd}, 0x{hi:x}", f"addi x{rd}, x{rd}, {lo}"]


def generate(seed, count):
    rng = random.Random(seed)
    buffer = bytes(rng.randrange(256) for _ in range(BUFFER_WORDS * 4))
    model = Model(buffer)
    out = []

    # random initial register values, some of them interesting edge values
    for r in WORK_REGS:
        v = rng.choice(INTERESTING) if rng.random() < 0.4 else rng.getrandbits(32)
        out += li(r, v)
        model.set(r, v)

    def reg():
        # a narrow register window makes back-to-back dependencies likely
        return rng.choice(WORK_REGS[:8]) if rng.random() < 0.7 else rng.choice(WORK_REGS)

    pending_skip = []   # labels of forward branches not yet placed
    label = 0
    i = 0
    skip_until = None
    while i < count:
        kind = rng.choices(["r", "m", "i", "shift", "lui", "li", "load", "store", "branch", "jal"],
                           weights=[25, 12, 15, 8, 3, 4, 12, 10, 10, 3])[0]
        text = None
        executed = skip_until is None
        if kind in ("r", "m"):
            names = [n for n in R_OPS if (n.startswith(("mul", "div", "rem")) == (kind == "m"))]
            op, rd, a, b = rng.choice(names), reg(), reg(), reg()
            nonzero = [r for r in WORK_REGS if model.x[r]]
            if op.startswith(("div", "rem")) and nonzero and rng.random() < 0.8:
                b = rng.choice(nonzero)     # mostly real divisions; x/0 keeps a share
            text = f"{op} x{rd}, x{a}, x{b}"
            if executed:
                model.set(rd, R_OPS[op](model.x[a], model.x[b]))
        elif kind == "i":
            op, rd, a = rng.choice(list(I_OPS)), reg(), reg()
            imm = rng.choice([0, -1, 1, 2047, -2048, rng.randint(-2048, 2047)])
            text = f"{op} x{rd}, x{a}, {imm}"
            if executed:
                model.set(rd, I_OPS[op](model.x[a], imm))
        elif kind == "shift":
            op, rd, a = rng.choice(list(SHIFT_OPS)), reg(), reg()
            sh = rng.choice([0, 1, 31, rng.randint(0, 31)])
            text = f"{op} x{rd}, x{a}, {sh}"
            if executed:
                model.set(rd, SHIFT_OPS[op](model.x[a], sh))
        elif kind == "lui":
            rd, imm = reg(), rng.getrandbits(20)
            text = f"lui x{rd}, 0x{imm:x}"
            if executed:
                model.set(rd, imm << 12)
        elif kind == "li":
            # fresh values keep the registers from collapsing to 0 (and, mulh, ...)
            rd = reg()
            v = rng.choice(INTERESTING) if rng.random() < 0.3 else rng.getrandbits(32)
            out.extend(li(rd, v)[:-1])
            text = li(rd, v)[-1]
            if executed:
                model.set(rd, v)
        elif kind == "load":
            op, rd = rng.choice(list(LOADS)), reg()
            size, signed = LOADS[op]
            off = rng.randrange(0, BUFFER_WORDS * 4, size)
            text = f"{op} x{rd}, {off}(x{BASE_REG})"
            if executed:
                v = int.from_bytes(model.mem[off:off + size], "little")
                model.set(rd, sext(v, size * 8) if signed else v)
        elif kind == "store":
            op, src = rng.choice(list(STORES)), reg()
            size = STORES[op]
            off = rng.randrange(0, BUFFER_WORDS * 4, size)
            text = f"{op} x{src}, {off}(x{BASE_REG})"
            if executed:
                model.mem[off:off + size] = (model.x[src] & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        elif kind in ("branch", "jal") and skip_until is None:
            label += 1
            if kind == "branch":
                op, a, b = rng.choice(list(BRANCHES)), reg(), reg()
                text = f"{op} x{a}, x{b}, L{label}"
                taken = BRANCHES[op](model.x[a], model.x[b])
            else:
                rd = reg()
                text = f"jal x{rd}, L{label}"
                taken = True
                # the link is the address of the next instruction; every emitted
                # instruction is 4 bytes and the program starts at the prologue
                model.set(rd, START_OFFSET + 4 * (instructions(out) + 1))
            out.append(text)
            pending_skip.append((label, i + rng.randint(1, 3)))
            if taken:
                skip_until = label
            i += 1
            continue
        else:
            continue
        out.append(text)
        i += 1
        while pending_skip and pending_skip[0][1] <= i:
            lab, _ = pending_skip.pop(0)
            out.append(f"L{lab}:")
            if skip_until == lab:
                skip_until = None
    for lab, _ in pending_skip:
        out.append(f"L{lab}:")
    return buffer, model, out


START_OFFSET = 3 * 4   # the prologue: lui+addi of the base register, one nop


def program(seed, count):
    buffer, model, body = generate(seed, count)
    lines = ["# Generated by tests/random/gen_random_test.py -- do not edit.",
             f"# seed={seed} count={count}",
             '#include "vionic/memory_map_regs.h"',
             '#include "vionic/simctrl_regs.h"',
             ".option norvc", ".option norelax",
             ".section .text.start", ".globl _start", "_start:",
             f"lui x{BASE_REG}, %hi(buffer)", f"addi x{BASE_REG}, x{BASE_REG}, %lo(buffer)", "nop"]
    lines += body
    check = 0
    for r in WORK_REGS:
        check += 1
        lines += li(CHECK_REG, model.x[r]) + [f"bne x{r}, x{CHECK_REG}, fail_{check}"]
    for w in range(BUFFER_WORDS):
        check += 1
        expected = int.from_bytes(model.mem[w * 4:w * 4 + 4], "little")
        lines += [f"lw x1, {w * 4}(x{BASE_REG})"] + li(CHECK_REG, expected) + [f"bne x1, x{CHECK_REG}, fail_{check}"]
    lines += ["lui x1, %hi(VIONIC_MAP_SIMCTRL_BASE)",
              "sw x0, VIONIC_SIMCTRL_HALT_OFFSET(x1)",
              "1: j 1b"]
    for c in range(1, check + 1):
        lines += [f"fail_{c}:", f"li x{CHECK_REG}, {c}", "j fail"]
    lines += ["fail:", "lui x1, %hi(VIONIC_MAP_SIMCTRL_BASE)",
              f"sw x{CHECK_REG}, VIONIC_SIMCTRL_HALT_OFFSET(x1)", "1: j 1b",
              ".data", ".balign 4", "buffer:"]
    lines += [".byte " + ", ".join(str(b) for b in buffer[k:k + 16]) for k in range(0, len(buffer), 16)]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(args.out, "w") as f:
        f.write(program(args.seed, args.count))


if __name__ == "__main__":
    main()

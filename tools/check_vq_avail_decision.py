#!/usr/bin/env python3
"""check_vq_avail_decision.py: vionic_vq_avail's processor decision is written as
"batch_ok AND a term of A's registers" for depth (rtl/vq/vionic_vq_avail.v, "actions").
This checks, for every combination of the decision's inputs that A's registers can
hold (see consistent()), that each action so written equals its plain definition (the chain it replaced: stall -> consume -> batch
end -> cut -> stop), and that the actions the RTL uses without "p_consume &&" imply
p_consume (IMPLY_CONSUME) for every input that A's registers can hold: a_sok is loaded
with a_cok AND no DMA error AND available (checked on the RTL's text, A_SOK below). It
reads the RTL's assignments, so it checks the file as it is. Prints TAP; exits 1 on a
mismatch."""
import itertools
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RTL = ROOT / "rtl" / "vq" / "vionic_vq_avail.v"
# actions the RTL uses on their own where the plain form would say "p_consume && action"
IMPLY_CONSUME = ["p_stop", "p_err", "p_write", "p_commit", "p_disc"]
INPUTS = ["p_have", "batch_ok", "a_sok", "a_cok", "d_err", "d_avail", "d_next",
          "c_long", "id_inuse", "p_is_rx", "tf_space", "a_batch_end", "a_hint"]


def plain(v):
    """The actions as plain definitions, one after the other."""
    o = {}
    o["p_dyn_ok"] = not (v["d_next"] and v["c_long"]) and not (not v["d_next"] and v["id_inuse"])
    o["p_disc"] = v["p_have"] and not v["batch_ok"]
    o["p_derr"] = v["p_have"] and v["batch_ok"] and v["d_err"]
    o["p_navail"] = v["p_have"] and v["batch_ok"] and not v["d_err"] and not v["d_avail"]
    o["p_cerr"] = (v["p_have"] and v["batch_ok"] and not v["d_err"] and v["d_avail"]
                   and not (v["a_cok"] and o["p_dyn_ok"]))
    o["p_good"] = v["p_have"] and v["batch_ok"] and v["a_sok"] and o["p_dyn_ok"]
    o["p_stall"] = o["p_good"] and not v["p_is_rx"] and not v["tf_space"]
    o["p_write"] = o["p_good"] and not o["p_stall"]
    o["p_commit"] = o["p_write"] and not v["d_next"]
    o["p_consume"] = v["p_have"] and not o["p_stall"]
    o["p_batch_end"] = o["p_consume"] and v["a_batch_end"]
    o["p_cut"] = o["p_batch_end"] and o["p_write"] and v["d_next"]
    o["p_stop"] = o["p_navail"] or o["p_cerr"] or o["p_derr"] or o["p_cut"]
    o["p_hint_end"] = o["p_batch_end"] and o["p_write"] and not v["d_next"] and v["a_hint"]
    o["p_err"] = o["p_cerr"] or o["p_derr"]
    o["p_stop_ok"] = o["p_consume"] and o["p_stop"] and not o["p_err"]
    return o


def rtl_wires():
    """name -> Python expression of each 'wire NAME = EXPR;' of the actions block."""
    text = RTL.read_text()
    block = text[text.index("// actions."):text.index("// ------", text.index("// actions."))]
    wires = {}
    for m in re.finditer(r"^wire\s+(\w+)\s*=\s*([^;]+);", block, re.M):
        expr = m.group(2)
        expr = expr.replace("&&", " and ").replace("||", " or ")
        expr = re.sub(r"!(?!=)", " not ", expr)
        wires[m.group(1)] = expr
    return wires


def a_sok_invariant():
    """True if the RTL loads a_sok as !(a_err's value) && a_avail's && a_cok's."""
    text = RTL.read_text()
    rhs = {}
    for reg in ("a_err", "a_avail", "a_cok", "a_sok"):
        m = re.findall(r"^\s*%s <= ([^;]+);" % reg, text, re.M)
        if len(m) != 1:
            return False
        rhs[reg] = m[0].strip()
    return rhs["a_sok"] == f"!{rhs['a_err']} && {rhs['a_avail']} && {rhs['a_cok']}"


def consistent(v):
    """The inputs A's registers can hold together (a_sok as the RTL loads it)."""
    return v["a_sok"] == (v["a_cok"] and not v["d_err"] and v["d_avail"])


def evaluations(wires):
    """(inputs, inputs and every wire's value) for each consistent input combination."""
    out = []
    for bits in itertools.product([False, True], repeat=len(INPUTS)):
        v = dict(zip(INPUTS, bits))
        if not consistent(v):
            continue
        env = dict(v)
        for w, e in wires.items():       # in file order: each uses earlier ones
            env[w] = bool(eval(e, {}, env))
        out.append((v, env))
    return out


def main():
    wires = rtl_wires()
    evals = evaluations(wires)
    # p_cerr and p_good are steps of the plain form only; the RTL has no wire of them
    names = [n for n in plain({k: False for k in INPUTS})
             if n not in ("p_dyn_ok", "p_cerr", "p_good")]
    n = 0
    failed = 0
    for name in names:
        n += 1
        if name not in wires:
            print(f"not ok {n} - {name}: no such wire in the actions block")
            failed += 1
            continue
        bad = next((v for v, env in evals if env[name] != plain(v)[name]), None)
        if bad is None:
            print(f"ok {n} - {name} equals its plain definition for every consistent input")
        else:
            failed += 1
            print(f"not ok {n} - {name} differs at {bad}")
    n += 1
    sok_ok = a_sok_invariant()
    if sok_ok:
        print(f"ok {n} - a_sok is loaded as !a_err && a_avail && a_cok")
    else:
        failed += 1
        print(f"not ok {n} - a_sok is not loaded as !a_err && a_avail && a_cok "
              "(the implications below assume it)")
    for name in IMPLY_CONSUME:
        n += 1
        bad = next((v for v, env in evals if env.get(name) and not env.get("p_consume")), None)
        if name in wires and bad is None:
            print(f"ok {n} - {name} implies p_consume for every consistent input")
        else:
            failed += 1
            print(f"not ok {n} - {name} does not imply p_consume" + (f" at {bad}" if bad else ""))
    print(f"1..{n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

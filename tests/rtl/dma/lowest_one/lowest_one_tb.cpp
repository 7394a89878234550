// Block test of vionic_lowest_one (WIDTH = TB_WIDTH): any / index against a reference
// for every input when WIDTH <= 16, else for single bits, pairs and random vectors
// (dense and sparse). Output: TAP; exit status 1 on any failure.
#include <cstdint>
#include <cstdio>
#include <random>

#include "Vvionic_lowest_one.h"
#include "verilated.h"

namespace {

constexpr unsigned W = TB_WIDTH;
static_assert(W >= 1 && W <= 64, "the test drives the input as one 64-bit word");
constexpr uint64_t MASK = W == 64 ? ~0ull : (1ull << W) - 1;

Vvionic_lowest_one *dut;
unsigned bad;

void check(uint64_t in)
{
    in &= MASK;
    dut->in = in;
    dut->eval();
    bool any = in != 0;
    unsigned idx = any ? (unsigned)__builtin_ctzll(in) : 0;
    if ((bool)dut->any != any || (any && dut->index != idx)) {
        if (bad++ < 5)
            printf("# in %016llx: any %u index %u, expected %u %u\n", (unsigned long long)in,
                   (unsigned)dut->any, (unsigned)dut->index, any, idx);
    }
}

}  // namespace

int main(int argc, char **argv)
{
    Verilated::commandArgs(argc, argv);
    dut = new Vvionic_lowest_one;
    unsigned n = 0;
    std::mt19937_64 rng(12345);

    if (W <= 16) {
        for (uint64_t v = 0; v <= MASK; v++)
            check(v);
        printf("%s %u - every %u-bit input\n", bad ? "not ok" : "ok", ++n, W);
    } else {
        check(0);
        for (unsigned i = 0; i < W; i++)
            for (unsigned j = i; j < W; j++)
                check((1ull << i) | (1ull << j));
        printf("%s %u - zero, every single bit and every pair of bits\n", bad ? "not ok" : "ok", ++n);
        unsigned b0 = bad;
        for (int k = 0; k < 200000; k++) {
            uint64_t v = rng();
            check(k & 1 ? v : v & rng() & rng() & rng());   // dense, and sparse
        }
        printf("%s %u - 200000 random inputs, dense and sparse\n", bad != b0 ? "not ok" : "ok", ++n);
    }
    printf("1..%u\n", n);
    delete dut;
    return bad ? 1 : 0;
}

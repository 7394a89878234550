// Block test of vionic_byte_rotate (LANES = TB_LANES 8-bit lanes, UP = TB_UP): every
// shift with random inputs against a reference. Output: TAP; exit status 1 on any failure.
#include <cstdint>
#include <cstdio>
#include <random>

#include "Vvionic_byte_rotate.h"
#include "verilated.h"

namespace {

constexpr unsigned LANES = TB_LANES;
constexpr bool UP = TB_UP;
static_assert(LANES == 32 || LANES == 64, "the test drives 256- or 512-bit vectors");

Vvionic_byte_rotate *dut;
unsigned bad;

uint8_t lane(const uint32_t *w, unsigned i) { return (w[i / 4] >> (8 * (i % 4))) & 0xff; }

void check(unsigned shift, std::mt19937_64 &rng)
{
    for (unsigned i = 0; i < LANES / 4; i++)
        dut->in[i] = (uint32_t)rng();
    dut->shift = shift;
    dut->eval();
    for (unsigned l = 0; l < LANES; l++) {
        unsigned src = UP ? (l + LANES - shift) % LANES : (l + shift) % LANES;
        if (lane(dut->out, l) != lane(dut->in, src)) {
            if (bad++ < 5)
                printf("# shift %u: lane %u is %02x, expected lane %u = %02x\n", shift, l,
                       lane(dut->out, l), src, lane(dut->in, src));
        }
    }
}

}  // namespace

int main(int argc, char **argv)
{
    Verilated::commandArgs(argc, argv);
    dut = new Vvionic_byte_rotate;
    std::mt19937_64 rng(12345);
    for (unsigned shift = 0; shift < LANES; shift++)
        for (unsigned k = 0; k < 8; k++)
            check(shift, rng);
    printf("1..1\n%s 1 - %u lanes rotated %s by every shift\n", bad ? "not ok" : "ok", LANES,
           UP ? "up" : "down");
    delete dut;
    return bad ? 1 : 0;
}

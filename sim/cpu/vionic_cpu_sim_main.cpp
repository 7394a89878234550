// vionic_cpu_sim: runs a program on the Verilator model of vionic_cpu_sim_top.
//
// Plusargs (docs/cpu.md): +itcm=FILE +dtcm=FILE (images for $readmemh, read by
// the RTL at elaboration), +max-cycles=N (default 10000000), +trace=FILE.fst,
// +quiet (no HALT line). Exit: 0 halted with code 0, 1 halted with another code,
// 2 cycle limit reached, 3 usage error.

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "Vvionic_cpu_sim_top.h"
#include "verilated.h"
#include "verilated_fst_c.h"

namespace {

constexpr uint64_t kDefaultMaxCycles = 10000000;
constexpr int kExitPass = 0;
constexpr int kExitFail = 1;
constexpr int kExitTimeout = 2;
constexpr int kExitUsage = 3;

bool plusarg_string(VerilatedContext &ctx, const char *name, std::string *value)
{
	const std::string prefix = std::string("+") + name + "=";
	const char *match = ctx.commandArgsPlusMatch(prefix.c_str() + 1);
	if (!match || std::strncmp(match, prefix.c_str(), prefix.size()) != 0)
		return false;
	*value = match + prefix.size();
	return true;
}

bool file_readable(const std::string &path)
{
	FILE *f = std::fopen(path.c_str(), "r");
	if (!f)
		return false;
	std::fclose(f);
	return true;
}

}  // namespace

int main(int argc, char **argv)
{
	auto ctx = std::make_unique<VerilatedContext>();
	ctx->commandArgs(argc, argv);

	std::string itcm, dtcm, trace_path, max_cycles_arg;
	if (!plusarg_string(*ctx, "itcm", &itcm) || !plusarg_string(*ctx, "dtcm", &dtcm)) {
		std::fprintf(stderr, "usage: %s +itcm=FILE.hex +dtcm=FILE.hex [+max-cycles=N] [+trace=FILE.fst] [+quiet]\n",
			     argv[0]);
		return kExitUsage;
	}
	for (const std::string &path : {itcm, dtcm}) {
		if (!file_readable(path)) {
			std::fprintf(stderr, "vionic_cpu_sim: cannot read %s: %s\n", path.c_str(), std::strerror(errno));
			return kExitUsage;
		}
	}
	uint64_t max_cycles = kDefaultMaxCycles;
	if (plusarg_string(*ctx, "max-cycles", &max_cycles_arg)) {
		char *end = nullptr;
		max_cycles = std::strtoull(max_cycles_arg.c_str(), &end, 0);
		if (!end || *end || max_cycles == 0) {
			std::fprintf(stderr, "vionic_cpu_sim: bad +max-cycles=%s\n", max_cycles_arg.c_str());
			return kExitUsage;
		}
	}
	const bool quiet = ctx->commandArgsPlusMatch("quiet")[0] != '\0';

	auto top = std::make_unique<Vvionic_cpu_sim_top>(ctx.get());
	std::unique_ptr<VerilatedFstC> trace;
	if (plusarg_string(*ctx, "trace", &trace_path)) {
		ctx->traceEverOn(true);
		trace = std::make_unique<VerilatedFstC>();
		top->trace(trace.get(), 99);
		trace->open(trace_path.c_str());
	}

	uint64_t cycle = 0;
	auto tick = [&]() {
		top->clk = 0;
		top->eval();
		if (trace)
			trace->dump(ctx->time());
		ctx->timeInc(1);
		top->clk = 1;
		top->eval();
		if (trace)
			trace->dump(ctx->time());
		ctx->timeInc(1);
	};

	top->rst = 1;
	for (int i = 0; i < 4; i++)
		tick();
	top->rst = 0;

	int exit_code = kExitTimeout;
	uint32_t halt_code = 0;
	for (cycle = 0; cycle < max_cycles; cycle++) {
		tick();
		if (top->console_valid) {
			std::fputc(top->console_char, stdout);
			if (top->console_char == '\n')
				std::fflush(stdout);
		}
		if (top->halt_valid) {
			halt_code = top->halt_code;
			exit_code = halt_code == 0 ? kExitPass : kExitFail;
			cycle++;
			break;
		}
	}
	std::fflush(stdout);

	if (exit_code == kExitTimeout)
		std::printf("TIMEOUT: no halt within %" PRIu64 " cycles\n", max_cycles);
	else if (!quiet)
		std::printf("HALT code=%" PRIu32 " cycles=%" PRIu64 "\n", halt_code, cycle);

	top->final();
	if (trace)
		trace->close();
	return exit_code;
}

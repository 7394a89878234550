/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Layout of the frame start/trap.S builds on the stack, shared by the
 * assembly (offsets) and C (struct trap_frame). lib/trap.c checks that the
 * two agree at compile time.
 */
#ifndef VIONIC_LIB_TRAP_FRAME_H
#define VIONIC_LIB_TRAP_FRAME_H

/* Caller-saved registers (the C handler preserves the callee-saved ones). */
#define TRAP_FRAME_RA		0
#define TRAP_FRAME_T0		4
#define TRAP_FRAME_T1		8
#define TRAP_FRAME_T2		12
#define TRAP_FRAME_A0		16
#define TRAP_FRAME_A1		20
#define TRAP_FRAME_A2		24
#define TRAP_FRAME_A3		28
#define TRAP_FRAME_A4		32
#define TRAP_FRAME_A5		36
#define TRAP_FRAME_A6		40
#define TRAP_FRAME_A7		44
#define TRAP_FRAME_T3		48
#define TRAP_FRAME_T4		52
#define TRAP_FRAME_T5		56
#define TRAP_FRAME_T6		60
/* Trap CSRs; mepc is written back on return, so a handler can move it. */
#define TRAP_FRAME_MCAUSE	64
#define TRAP_FRAME_MEPC		68
#define TRAP_FRAME_MTVAL	72
/* sp when the trap was taken (for the report; not restored from here). */
#define TRAP_FRAME_SP		76
/* A multiple of 16: the RISC-V psABI keeps sp 16-byte aligned. */
#define TRAP_FRAME_SIZE		80

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trap_frame {
	uint32_t ra;
	uint32_t t0, t1, t2;
	uint32_t a0, a1, a2, a3, a4, a5, a6, a7;
	uint32_t t3, t4, t5, t6;
	uint32_t mcause;
	uint32_t mepc;
	uint32_t mtval;
	uint32_t sp;
};
#endif

#endif /* VIONIC_LIB_TRAP_FRAME_H */

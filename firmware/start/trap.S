/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * Trap entry (mtvec, direct mode): every exception and interrupt lands here.
 * Saves the caller-saved registers and mcause/mepc/mtval in a struct
 * trap_frame (lib/trap_frame.h), calls trap_handle(frame) in C, and returns
 * with mret to frame->mepc (a handler may move it, e.g. past an ecall).
 * Callee-saved registers need no saving: the C code preserves them.
 */
#include "lib/trap_frame.h"
#include "vionic/riscv_regs.h"

	.section .text.trap, "ax"
	.globl trap_entry
	.type trap_entry, @function
	.balign 4
trap_entry:
	addi	sp, sp, -TRAP_FRAME_SIZE
	sw	ra, TRAP_FRAME_RA(sp)
	sw	t0, TRAP_FRAME_T0(sp)
	sw	t1, TRAP_FRAME_T1(sp)
	sw	t2, TRAP_FRAME_T2(sp)
	sw	a0, TRAP_FRAME_A0(sp)
	sw	a1, TRAP_FRAME_A1(sp)
	sw	a2, TRAP_FRAME_A2(sp)
	sw	a3, TRAP_FRAME_A3(sp)
	sw	a4, TRAP_FRAME_A4(sp)
	sw	a5, TRAP_FRAME_A5(sp)
	sw	a6, TRAP_FRAME_A6(sp)
	sw	a7, TRAP_FRAME_A7(sp)
	sw	t3, TRAP_FRAME_T3(sp)
	sw	t4, TRAP_FRAME_T4(sp)
	sw	t5, TRAP_FRAME_T5(sp)
	sw	t6, TRAP_FRAME_T6(sp)

	csrr	t0, VIONIC_RISCV_CSR_MCAUSE
	csrr	t1, VIONIC_RISCV_CSR_MEPC
	csrr	t2, VIONIC_RISCV_CSR_MTVAL
	addi	t3, sp, TRAP_FRAME_SIZE
	sw	t0, TRAP_FRAME_MCAUSE(sp)
	sw	t1, TRAP_FRAME_MEPC(sp)
	sw	t2, TRAP_FRAME_MTVAL(sp)
	sw	t3, TRAP_FRAME_SP(sp)

	mv	a0, sp
	call	trap_handle

	lw	t0, TRAP_FRAME_MEPC(sp)
	csrw	VIONIC_RISCV_CSR_MEPC, t0

	lw	ra, TRAP_FRAME_RA(sp)
	lw	t0, TRAP_FRAME_T0(sp)
	lw	t1, TRAP_FRAME_T1(sp)
	lw	t2, TRAP_FRAME_T2(sp)
	lw	a0, TRAP_FRAME_A0(sp)
	lw	a1, TRAP_FRAME_A1(sp)
	lw	a2, TRAP_FRAME_A2(sp)
	lw	a3, TRAP_FRAME_A3(sp)
	lw	a4, TRAP_FRAME_A4(sp)
	lw	a5, TRAP_FRAME_A5(sp)
	lw	a6, TRAP_FRAME_A6(sp)
	lw	a7, TRAP_FRAME_A7(sp)
	lw	t3, TRAP_FRAME_T3(sp)
	lw	t4, TRAP_FRAME_T4(sp)
	lw	t5, TRAP_FRAME_T5(sp)
	lw	t6, TRAP_FRAME_T6(sp)
	addi	sp, sp, TRAP_FRAME_SIZE
	mret
	.size trap_entry, . - trap_entry

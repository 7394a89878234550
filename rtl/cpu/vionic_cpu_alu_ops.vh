// ALU operation codes shared by vionic_cpu_decode (which produces them) and
// vionic_cpu_alu (which executes them). Internal to the core.
`ifndef VIONIC_CPU_ALU_OPS_VH
`define VIONIC_CPU_ALU_OPS_VH

`define VIONIC_ALU_ADD  4'd0
`define VIONIC_ALU_SUB  4'd1
`define VIONIC_ALU_SLL  4'd2
`define VIONIC_ALU_SLT  4'd3
`define VIONIC_ALU_SLTU 4'd4
`define VIONIC_ALU_XOR  4'd5
`define VIONIC_ALU_SRL  4'd6
`define VIONIC_ALU_SRA  4'd7
`define VIONIC_ALU_OR   4'd8
`define VIONIC_ALU_AND  4'd9

`endif

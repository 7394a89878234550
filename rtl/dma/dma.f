+incdir+build/gen/rtl
rtl/dma/vionic_lowest_one.v
rtl/dma/vionic_dma_read.v
rtl/dma/vionic_dma_write.v
rtl/dma/vionic_rq_mux.v
rtl/dma/vionic_dma_rd_arb.v
rtl/dma/vionic_dma_wr_arb.v
rtl/dma/vionic_fw_dma.v

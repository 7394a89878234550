-f rtl/cpu/cpu.f
-f rtl/pcie/pcie.f
+incdir+build/gen/rtl
rtl/sim/vionic_simctrl.v
rtl/virtio/vionic_ram_dp.v
rtl/virtio/vionic_store.v
rtl/virtio/vionic_queue_context_ram.v
rtl/virtio/vionic_periph_decode.v
rtl/virtio/vionic_ctrl.v
rtl/virtio/vionic_msix.v
rtl/virtio/vionic_virtio_regs.v
rtl/virtio/vionic_virtio_transport.v
-f rtl/dma/dma.f
-f rtl/vq/vq.f
-f rtl/net/net.f
rtl/dp/vionic_dp_csr.v
rtl/dp/vionic_datapath.v
rtl/top/vionic_sync_bit.v
rtl/top/vionic_device.v

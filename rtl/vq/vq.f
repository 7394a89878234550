+incdir+build/gen/rtl
rtl/vq/vionic_onehot_index.v
rtl/vq/vionic_vq_rr.v
rtl/vq/vionic_vq_used_pick.v
rtl/vq/vionic_vq_used.v
rtl/vq/vionic_vq_ctl.v
rtl/vq/vionic_vq_avail_notify.v
rtl/vq/vionic_vq_avail.v

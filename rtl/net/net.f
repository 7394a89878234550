+incdir+build/gen/rtl
rtl/net/vionic_mac_filter.v
rtl/net/vionic_net_fifo.v
rtl/net/vionic_net_rx_parse.v
rtl/net/vionic_net_rx.v
rtl/net/vionic_net_tx_fifo.v
rtl/net/vionic_net_tx_pack.v
rtl/net/vionic_net_tx.v

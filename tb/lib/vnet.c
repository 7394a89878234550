/* SPDX-License-Identifier: MIT */
/* vnet.c - virtio-net driver for the testbench; see vnet.h. */
#include "vnet.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pktgen.h"
#include "tb_sim.h"

__attribute__((format(printf, 2, 3)))
static int fail(struct vnet *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(n->err, sizeof(n->err), fmt, ap);
	va_end(ap);
	return -1;
}

static void hdr_pack(uint8_t *b, const struct vnet_hdr *h)
{
	memset(b, 0, VNET_HDR_LEN);
	if (!h)
		return;
	b[VIONIC_VIRTIO_NET_HDR_FLAGS_OFFSET] = h->flags;
	b[VIONIC_VIRTIO_NET_HDR_GSO_TYPE_OFFSET] = h->gso_type;
#define P16(off, v) do { b[(off)] = (uint8_t)(v); b[(off) + 1] = (uint8_t)((v) >> 8); } while (0)
	P16(VIONIC_VIRTIO_NET_HDR_HDR_LEN_OFFSET, h->hdr_len);
	P16(VIONIC_VIRTIO_NET_HDR_GSO_SIZE_OFFSET, h->gso_size);
	P16(VIONIC_VIRTIO_NET_HDR_CSUM_START_OFFSET, h->csum_start);
	P16(VIONIC_VIRTIO_NET_HDR_CSUM_OFFSET_OFFSET, h->csum_offset);
	P16(VIONIC_VIRTIO_NET_HDR_NUM_BUFFERS_OFFSET, h->num_buffers);
#undef P16
}

static void hdr_unpack(const uint8_t *b, struct vnet_hdr *h)
{
#define G16(off) (uint16_t)(b[(off)] | (b[(off) + 1] << 8))
	h->flags = b[VIONIC_VIRTIO_NET_HDR_FLAGS_OFFSET];
	h->gso_type = b[VIONIC_VIRTIO_NET_HDR_GSO_TYPE_OFFSET];
	h->hdr_len = G16(VIONIC_VIRTIO_NET_HDR_HDR_LEN_OFFSET);
	h->gso_size = G16(VIONIC_VIRTIO_NET_HDR_GSO_SIZE_OFFSET);
	h->csum_start = G16(VIONIC_VIRTIO_NET_HDR_CSUM_START_OFFSET);
	h->csum_offset = G16(VIONIC_VIRTIO_NET_HDR_CSUM_OFFSET_OFFSET);
	h->num_buffers = G16(VIONIC_VIRTIO_NET_HDR_NUM_BUFFERS_OFFSET);
#undef G16
}

void vnet_default_opts(struct vnet_opts *o)
{
	memset(o, 0, sizeof(*o));
	vp_feat_set(o->want, VIONIC_VIRTIO_PCI_F_VERSION_1);
	vp_feat_set(o->want, VIONIC_VIRTIO_PCI_F_RING_PACKED);
	vp_feat_set(o->want, VIONIC_VIRTIO_PCI_F_ACCESS_PLATFORM);
	vp_feat_set(o->want, VIONIC_VIRTIO_PCI_F_NET_MAC);
	vp_feat_set(o->want, VIONIC_VIRTIO_PCI_F_NET_MTU);
	vp_feat_set(o->want, VIONIC_VIRTIO_PCI_F_NET_STATUS);
	o->pairs = 1;
	o->rx_qsize = o->tx_qsize = 256;
	o->ctrl_qsize = 64;
	o->rx_buf_size = 2048;
	o->tx_buf_size = 2048;
}

void vnet_mq_opts(struct vnet_opts *o, unsigned int pairs, unsigned int qsize)
{
	vnet_default_opts(o);
	vnet_want(o, VNET_F(NET_MQ));
	vnet_want(o, VNET_F(NET_CTRL_VQ));
	o->pairs = pairs;
	o->rx_qsize = o->tx_qsize = qsize;
}

int vnet_open(struct vnet *n, struct vsim *sim)
{
	memset(n, 0, sizeof(*n));
	n->sim = sim;
	int rc = vp_probe(&n->vp, sim, 0, VP_DEFAULT_BAR0);
	if (rc)
		return fail(n, "virtio-pci probe: %s", vsim_strerror(rc)), rc;
	return 0;
}

int vnet_has(const struct vnet *n, unsigned int bit)
{
	return vp_feat_has(n->feat, bit);
}

uint8_t vnet_status(struct vnet *n)
{
	return vp_get_status(&n->vp);
}

static uint16_t vector_for(struct vnet *n, unsigned int index)
{
	return (uint16_t)(index + 1 < n->vp.msix_count ? index + 1 : VIONIC_VIRTIO_PCI_NO_VECTOR);
}

/* Allocates (once) the per-id buffer pool of a queue. */
static int pool_alloc(struct vnet *n, struct vnet_q *q, uint16_t ids, uint32_t buf_size, int rx)
{
	uint32_t stride = rx ? buf_size + 2 * VNET_GUARD : buf_size + VNET_MAX_SEGS * VNET_SEG_GAP;
	stride = (stride + 63) & ~63u;
	if (q->pool && q->pool_ids >= ids && q->stride == stride)
		return 0;
	q->pool = vsim_mem_alloc(n->sim, (size_t)stride * ids, 64);
	if (!q->pool)
		return fail(n, "host memory exhausted (%u buffers of %u bytes)", ids, stride), VSIM_ENOMEM;
	q->stride = stride;
	q->buf_size = buf_size;
	q->pool_ids = ids;
	if (rx) {
		uint8_t *g = malloc(stride);
		if (!g)
			return VSIM_ENOMEM;
		memset(g, VNET_GUARD_BYTE, stride);
		for (unsigned int i = 0; i < ids; i++)
			vsim_mem_write(n->sim, q->pool + (uint64_t)i * stride, g, stride);
		free(g);
	}
	return 0;
}

static uint64_t rx_buf_addr(const struct vnet_q *q, uint16_t id)
{
	return q->pool + (uint64_t)id * q->stride + VNET_GUARD;
}

static uint64_t tx_buf_addr(const struct vnet_q *q, uint16_t id)
{
	return q->pool + (uint64_t)id * q->stride;
}

static int setup_q(struct vnet *n, struct vnet_q *q, unsigned int index, uint16_t size)
{
	int rc = vp_setup_queue(&n->vp, index, size, vector_for(n, index), &q->vq);
	if (rc)
		return fail(n, "queue %u setup (size %u): %s", index, size, vsim_strerror(rc)), rc;
	if (!q->vq.enabled)
		return fail(n, "queue %u: queue_enable does not read 1", index), VSIM_EPROTO;
	vrp_free(&q->r);
	rc = vrp_init(&q->r, n->sim, q->vq.size, q->vq.desc, q->vq.driver, q->vq.device);
	if (rc)
		return fail(n, "queue %u: vrp_init %s", index, vsim_strerror(rc)), rc;
	vrp_set_in_order(&q->r, vnet_has(n, VIONIC_VIRTIO_PCI_F_IN_ORDER));
	vrp_set_notify(&q->r, index, q->vq.notify_addr, vnet_has(n, VIONIC_VIRTIO_PCI_F_NOTIFICATION_DATA),
		       vnet_has(n, VIONIC_VIRTIO_PCI_F_EVENT_IDX));
	q->present = 1;
	q->pend_need = q->pend_got = 0;
	q->pend_len = 0;
	q->reposted = 0;
	return 0;
}

int vnet_init(struct vnet *n, const struct vnet_opts *o)
{
	struct vp_dev *vp = &n->vp;
	if (o != &n->o)
		n->o = *o;
	for (unsigned int k = 0; k < VNET_MAX_QP; k++)
		n->rx[k].present = n->tx[k].present = 0;
	n->ctrl.present = 0;
	int rc = vp_reset(vp);
	if (rc)
		return fail(n, "reset: device_status did not read 0"), rc;
	vp_read_device_features(vp, n->offered);
	uint32_t drv[4];
	for (unsigned int i = 0; i < 4; i++)
		drv[i] = n->o.want[i] & n->offered[i];
	rc = vp_negotiate(vp, drv);
	if (rc <= 0)
		return fail(n, "FEATURES_OK refused for %08x %08x", drv[0], drv[1]), rc < 0 ? rc : VSIM_EPROTO;
	memcpy(n->feat, drv, sizeof(drv));
	rc = vp_read_net_config(vp, &n->cfg);
	if (rc)
		return fail(n, "device config: %s", vsim_strerror(rc)), rc;
	int mq = vnet_has(n, VIONIC_VIRTIO_PCI_F_NET_MQ);
	n->max_pairs = mq ? n->cfg.max_virtqueue_pairs : 1;
	if (n->max_pairs == 0)
		n->max_pairs = 1;
	n->pairs = n->o.pairs ? n->o.pairs : 1;
	if (n->pairs > n->max_pairs)
		n->pairs = n->max_pairs;
	if (n->pairs > VNET_MAX_QP)
		n->pairs = VNET_MAX_QP;
	/* §5.1.2: controlq is queue 2N, N = max_virtqueue_pairs with MQ, else 1 */
	n->ctrl_index = 2 * n->max_pairs;

	vp_msix_enable(vp, 1, 0);
	unsigned int nvec = n->ctrl_index + 2;
	for (unsigned int v = 0; v < nvec && v < vp->msix_count; v++)
		vp_msix_set_entry(vp, v, VP_MSI_ADDR, VP_MSI_DATA(v), 0);
	VP_CWR(vp, CONFIG_MSIX_VECTOR, 0);
	if (VP_CRD(vp, CONFIG_MSIX_VECTOR) != 0)
		return fail(n, "config vector 0 refused"), VSIM_EINVAL;

	for (unsigned int k = 0; k < n->pairs; k++) {
		rc = setup_q(n, &n->rx[k], vnet_rxq_index(k), n->o.rx_qsize);
		if (!rc)
			rc = pool_alloc(n, &n->rx[k], n->rx[k].vq.size, n->o.rx_buf_size, 1);
		if (!rc)
			rc = setup_q(n, &n->tx[k], vnet_txq_index(k), n->o.tx_qsize);
		if (!rc)
			rc = pool_alloc(n, &n->tx[k], n->tx[k].vq.size, n->o.tx_buf_size, 0);
		if (rc)
			return rc;
		if (!n->rx[k].pend)
			n->rx[k].pend = malloc(VNET_MAX_RX_FRAME);
		if (!n->rx[k].pend)
			return VSIM_ENOMEM;
	}
	if (vnet_has(n, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ)) {
		rc = setup_q(n, &n->ctrl, n->ctrl_index, n->o.ctrl_qsize);
		if (rc)
			return rc;
		if (!n->ctrl_buf)
			n->ctrl_buf = vsim_mem_alloc(n->sim, 4096, 64);
		if (!n->ctrl_buf)
			return fail(n, "host memory exhausted"), VSIM_ENOMEM;
	}
	vp_set_status(vp, VIONIC_VIRTIO_PCI_STATUS_ACKNOWLEDGE | VIONIC_VIRTIO_PCI_STATUS_DRIVER |
			      VIONIC_VIRTIO_PCI_STATUS_FEATURES_OK | VIONIC_VIRTIO_PCI_STATUS_DRIVER_OK);
	uint8_t s = vp_get_status(vp);
	if (vp->last_err)
		return fail(n, "DRIVER_OK: %s", vsim_strerror(vp->last_err)), vp->last_err;
	if (!(s & VIONIC_VIRTIO_PCI_STATUS_DRIVER_OK) || (s & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET))
		return fail(n, "DRIVER_OK: device_status 0x%02x", s), VSIM_EPROTO;
	if (!n->o.no_rx_refill)
		for (unsigned int k = 0; k < n->pairs; k++)
			vnet_rx_refill(n, k);
	if (n->pairs > 1 && n->ctrl.present) {
		rc = vnet_ctrl_pairs(n, n->pairs);
		if (rc != VIONIC_VIRTIO_NET_CTRL_OK)
			return fail(n, "MQ_VQ_PAIRS_SET %u: %s", n->pairs,
				    rc < 0 ? n->err : "device answered ERR"), rc < 0 ? rc : VSIM_EPROTO;
	}
	return 0;
}

int vnet_reinit(struct vnet *n)
{
	return vnet_init(n, &n->o);
}

void vnet_close(struct vnet *n)
{
	for (unsigned int k = 0; k < VNET_MAX_QP; k++) {
		vrp_free(&n->rx[k].r);
		vrp_free(&n->tx[k].r);
		free(n->rx[k].pend);
		n->rx[k].pend = NULL;
	}
	vrp_free(&n->ctrl.r);
}

struct vnet_q *vnet_queue(struct vnet *n, unsigned int index)
{
	struct vnet_q *q = NULL;
	if (n->ctrl.present && index == n->ctrl_index)
		q = &n->ctrl;
	else if (index / 2 < VNET_MAX_QP)
		q = index & 1 ? &n->tx[index / 2] : &n->rx[index / 2];
	return q && q->present ? q : NULL;
}

/* ---- transmit */
int vnet_tx(struct vnet *n, unsigned int qp, const void *frame, size_t len, const struct vnet_hdr *hdr,
	    unsigned int nseg, int kick)
{
	if (qp >= n->pairs || !n->tx[qp].present)
		return fail(n, "tx: no transmit queue %u", qp), VSIM_EINVAL;
	struct vnet_q *q = &n->tx[qp];
	if (nseg == 0)
		nseg = 1;
	if (nseg > VNET_MAX_SEGS || (nseg > 1 && nseg - 1 > len) || len + VNET_HDR_LEN > q->buf_size)
		return fail(n, "tx: bad arguments (len %zu, nseg %u)", len, nseg), VSIM_EINVAL;
	if (q->r.num_free < nseg || q->r.free_head == VRP_NO_ID)
		return VSIM_EAGAIN;
	int id = vrp_get_id(&q->r);
	if (id < 0)
		return VSIM_EAGAIN;
	uint64_t base = tx_buf_addr(q, (uint16_t)id);
	uint8_t h[VNET_HDR_LEN];
	hdr_pack(h, hdr);
	struct vrp_buf b[VNET_MAX_SEGS];
	if (nseg == 1) {
		vsim_mem_write(n->sim, base, h, VNET_HDR_LEN);
		vsim_mem_write(n->sim, base + VNET_HDR_LEN, frame, len);
		b[0] = (struct vrp_buf){ base, (uint32_t)(VNET_HDR_LEN + len), 0 };
	} else {
		vsim_mem_write(n->sim, base, h, VNET_HDR_LEN);
		b[0] = (struct vrp_buf){ base, VNET_HDR_LEN, 0 };
		uint64_t a = base + VNET_HDR_LEN + VNET_SEG_GAP;
		size_t off = 0, pieces = nseg - 1;
		for (unsigned int i = 0; i < pieces; i++) {
			size_t l = len / pieces + (i < len % pieces ? 1 : 0);
			vsim_mem_write(n->sim, a, (const uint8_t *)frame + off, l);
			b[i + 1] = (struct vrp_buf){ a, (uint32_t)l, 0 };
			off += l;
			a += l + VNET_SEG_GAP;
		}
	}
	int rc = vrp_add(&q->r, (uint16_t)id, b, nseg);
	if (rc) {
		vrp_put_id(&q->r, (uint16_t)id);
		return fail(n, "tx: vrp_add %d", rc), rc;
	}
	q->packets++;
	q->bytes += len;
	if (kick)
		vnet_tx_kick(n, qp);
	return id;
}

int vnet_tx_kick(struct vnet *n, unsigned int qp)
{
	int rc = vrp_kick(&n->tx[qp].r);
	if (rc > 0)
		n->tx[qp].kicks++;
	return rc;
}

int vnet_tx_reap(struct vnet *n, unsigned int qp)
{
	struct vnet_q *q = &n->tx[qp];
	int got = 0;
	uint16_t id;
	uint32_t len;
	for (;;) {
		int rc = vrp_get_used(&q->r, &id, &len);
		if (rc < 0)
			return fail(n, "%s", q->r.err), VSIM_EPROTO;
		if (rc == 0)
			return got;
		got++;
	}
}

/* ---- receive */
static int rx_post(struct vnet *n, struct vnet_q *q)
{
	int id = vrp_get_id(&q->r);
	if (id < 0)
		return 0;
	struct vrp_buf b = { rx_buf_addr(q, (uint16_t)id), q->buf_size, 1 };
	if (vrp_add(&q->r, (uint16_t)id, &b, 1)) {
		vrp_put_id(&q->r, (uint16_t)id);
		return 0;
	}
	(void)n;
	return 1;
}

int vnet_rx_kick(struct vnet *n, unsigned int qp)
{
	n->rx[qp].reposted = 0;
	int rc = vrp_kick(&n->rx[qp].r);
	if (rc > 0)
		n->rx[qp].kicks++;
	return rc;
}

int vnet_rx_post(struct vnet *n, unsigned int qp, unsigned int count)
{
	if (qp >= VNET_MAX_QP || !n->rx[qp].present)
		return 0;
	unsigned int posted = 0;
	while (posted < count && rx_post(n, &n->rx[qp]))
		posted++;
	return (int)posted;
}

uint64_t vnet_rx_buf_addr(struct vnet *n, unsigned int qp, uint16_t id)
{
	return rx_buf_addr(&n->rx[qp], id);
}

int vnet_rx_refill(struct vnet *n, unsigned int qp)
{
	if (qp >= VNET_MAX_QP || !n->rx[qp].present)
		return 0;
	int posted = 0;
	while (rx_post(n, &n->rx[qp]))
		posted++;
	if (posted)
		vnet_rx_kick(n, qp);
	return posted;
}

static void rx_give_back(struct vnet *n, struct vnet_q *q)
{
	if (!n->o.no_repost && rx_post(n, q))
		q->reposted++;
}

int vnet_rx_poll(struct vnet *n, unsigned int qp, uint8_t *buf, size_t cap, size_t *lenp, struct vnet_hdr *hdr)
{
	if (qp >= VNET_MAX_QP || !n->rx[qp].present)
		return fail(n, "rx: no receive queue %u", qp), VSIM_EINVAL;
	struct vnet_q *q = &n->rx[qp];
	int mrg = vnet_has(n, VIONIC_VIRTIO_PCI_F_NET_MRG_RXBUF);
	for (;;) {
		uint16_t id;
		uint32_t len;
		int rc = vrp_get_used(&q->r, &id, &len);
		if (rc < 0)
			return fail(n, "%s", q->r.err), VSIM_EPROTO;
		if (rc == 0) {
			if (q->reposted)
				vnet_rx_kick(n, qp);
			return 0;
		}
		uint64_t a = rx_buf_addr(q, id);
		if (len > q->buf_size) {
			rx_give_back(n, q);
			q->errors++;
			q->pend_need = 0;
			return fail(n, "rx queue %u: used len %u > buffer size %u", qp, len, q->buf_size), VSIM_EPROTO;
		}
		if (q->pend_need == 0) {
			/* first buffer of a frame: header */
			if (len < VNET_HDR_LEN) {
				q->errors++;	/* receive error: buffer reused (docs/datapath.md) */
				rx_give_back(n, q);
				continue;
			}
			uint8_t h[VNET_HDR_LEN];
			vsim_mem_read(n->sim, a, h, VNET_HDR_LEN);
			hdr_unpack(h, &q->pend_hdr);
			q->pend_len = len - VNET_HDR_LEN;
			vsim_mem_read(n->sim, a + VNET_HDR_LEN, q->pend, q->pend_len);
			q->pend_need = mrg ? q->pend_hdr.num_buffers : 1;
			q->pend_got = 1;
			rx_give_back(n, q);
			if (q->pend_need == 0) {
				q->errors++;
				return fail(n, "rx queue %u: num_buffers 0", qp), VSIM_EPROTO;
			}
		} else {
			if (len == 0) {
				/* the device gave up on the frame (RX_WAIT_CYCLES): chains back with len 0 */
				q->errors++;
				q->pend_got++;
				rx_give_back(n, q);
				if (q->pend_got >= q->pend_need)
					q->pend_need = 0;
				continue;
			}
			if (q->pend_len + len > VNET_MAX_RX_FRAME) {
				q->pend_need = 0;
				rx_give_back(n, q);
				return fail(n, "rx queue %u: merged frame too long", qp), VSIM_EPROTO;
			}
			vsim_mem_read(n->sim, a, q->pend + q->pend_len, len);
			q->pend_len += len;
			q->pend_got++;
			rx_give_back(n, q);
		}
		if (q->pend_got < q->pend_need)
			continue;
		q->pend_need = 0;
		if (q->pend_len > cap)
			return fail(n, "rx queue %u: frame of %zu bytes > caller's %zu", qp, q->pend_len, cap), VSIM_EINVAL;
		memcpy(buf, q->pend, q->pend_len);
		*lenp = q->pend_len;
		if (hdr)
			*hdr = q->pend_hdr;
		q->packets++;
		q->bytes += q->pend_len;
		return 1;
	}
}

void vnet_rx_fill(struct vnet *n, unsigned int qp, uint8_t b)
{
	struct vnet_q *q = &n->rx[qp];
	uint8_t *t = malloc(q->buf_size);
	if (!t)
		return;
	memset(t, b, q->buf_size);
	for (unsigned int i = 0; i < q->pool_ids; i++)
		vsim_mem_write(n->sim, rx_buf_addr(q, (uint16_t)i), t, q->buf_size);
	free(t);
}

static unsigned long count_ne(struct vnet *n, uint64_t a, size_t len, uint8_t b)
{
	uint8_t t[4096];
	unsigned long bad = 0;
	while (len) {
		size_t l = len < sizeof(t) ? len : sizeof(t);
		vsim_mem_read(n->sim, a, t, l);
		for (size_t i = 0; i < l; i++)
			bad += t[i] != b;
		a += l;
		len -= l;
	}
	return bad;
}

unsigned long vnet_rx_guard_damage(struct vnet *n, unsigned int qp)
{
	struct vnet_q *q = &n->rx[qp];
	unsigned long bad = 0;
	for (unsigned int i = 0; i < q->pool_ids; i++) {
		uint64_t a = rx_buf_addr(q, (uint16_t)i);
		bad += count_ne(n, a - VNET_GUARD, VNET_GUARD, VNET_GUARD_BYTE);
		bad += count_ne(n, a + q->buf_size, q->stride - VNET_GUARD - q->buf_size, VNET_GUARD_BYTE);
	}
	return bad;
}

unsigned long vnet_rx_count_changed(struct vnet *n, unsigned int qp, uint8_t b)
{
	struct vnet_q *q = &n->rx[qp];
	unsigned long bad = vnet_rx_guard_damage(n, qp);
	for (unsigned int i = 0; i < q->pool_ids; i++)
		bad += count_ne(n, rx_buf_addr(q, (uint16_t)i), q->buf_size, b);
	return bad;
}

/* ---- control queue */
int vnet_ctrl(struct vnet *n, uint8_t cls, uint8_t cmd, const void *d1, size_t l1, const void *d2, size_t l2)
{
	if (!n->ctrl.present)
		return fail(n, "no control queue (CTRL_VQ not negotiated)"), VSIM_EINVAL;
	if (l1 > 960 || l2 > 960)
		return VSIM_EINVAL;
	struct vnet_q *q = &n->ctrl;
	uint64_t b = n->ctrl_buf;
	uint8_t h[2] = { cls, cmd }, ack = 0xee;
	vsim_mem_write(n->sim, b, h, 2);
	struct vrp_buf bufs[4];
	unsigned int nb = 0;
	bufs[nb++] = (struct vrp_buf){ b, 2, 0 };
	if (l1) {
		vsim_mem_write(n->sim, b + 64, d1, l1);
		bufs[nb++] = (struct vrp_buf){ b + 64, (uint32_t)l1, 0 };
	}
	if (l2) {
		vsim_mem_write(n->sim, b + 1024, d2, l2);
		bufs[nb++] = (struct vrp_buf){ b + 1024, (uint32_t)l2, 0 };
	}
	vsim_mem_write(n->sim, b + 2048, &ack, 1);
	bufs[nb++] = (struct vrp_buf){ b + 2048, 1, 1 };
	int id = vrp_add_chain(&q->r, bufs, nb);
	if (id < 0)
		return fail(n, "control queue full"), VSIM_EAGAIN;
	vrp_kick(&q->r);
	uint64_t t0 = vsim_cycles(n->sim);
	for (;;) {
		uint16_t uid;
		uint32_t len;
		int rc = vrp_get_used(&q->r, &uid, &len);
		if (rc < 0)
			return fail(n, "%s", q->r.err), VSIM_EPROTO;
		if (rc > 0) {
			if (uid != id)
				return fail(n, "control queue: used id %u, expected %d", uid, id), VSIM_EPROTO;
			vsim_mem_read(n->sim, b + 2048, &ack, 1);
			if (len < 1)
				return fail(n, "control queue: used len %u (ack not written)", len), VSIM_EPROTO;
			return ack;
		}
		if (vsim_cycles(n->sim) - t0 > VNET_CTRL_TIMEOUT)
			return fail(n, "control command class %u cmd %u: no used descriptor within %llu cycles", cls,
				    cmd, (unsigned long long)VNET_CTRL_TIMEOUT), VSIM_ETIMEDOUT;
		vsim_run(n->sim, 200);
	}
}

int vnet_ctrl_promisc(struct vnet *n, int on)
{
	uint8_t v = on ? 1 : 0;
	return vnet_ctrl(n, VIONIC_VIRTIO_NET_CTRL_RX, VIONIC_VIRTIO_NET_CTRL_RX_PROMISC, &v, 1, NULL, 0);
}

int vnet_ctrl_allmulti(struct vnet *n, int on)
{
	uint8_t v = on ? 1 : 0;
	return vnet_ctrl(n, VIONIC_VIRTIO_NET_CTRL_RX, VIONIC_VIRTIO_NET_CTRL_RX_ALLMULTI, &v, 1, NULL, 0);
}

int vnet_ctrl_mac_addr(struct vnet *n, const uint8_t mac[6])
{
	return vnet_ctrl(n, VIONIC_VIRTIO_NET_CTRL_MAC, VIONIC_VIRTIO_NET_CTRL_MAC_ADDR_SET, mac, 6, NULL, 0);
}

int vnet_ctrl_mac_table(struct vnet *n, const uint8_t (*uni)[6], unsigned int nu, const uint8_t (*multi)[6],
			unsigned int nm)
{
	/* §5.1.6.5.2: two struct virtio_net_ctrl_mac { le32 entries; u8 macs[][6]; } */
	uint8_t a[4 + 6 * 64], m[4 + 6 * 64];
	if (nu > 64 || nm > 64)
		return VSIM_EINVAL;
	for (int i = 0; i < 4; i++) {
		a[i] = (uint8_t)(nu >> (8 * i));
		m[i] = (uint8_t)(nm >> (8 * i));
	}
	for (unsigned int i = 0; i < nu; i++)
		memcpy(a + 4 + 6 * i, uni[i], 6);
	for (unsigned int i = 0; i < nm; i++)
		memcpy(m + 4 + 6 * i, multi[i], 6);
	return vnet_ctrl(n, VIONIC_VIRTIO_NET_CTRL_MAC, VIONIC_VIRTIO_NET_CTRL_MAC_TABLE_SET, a, 4 + 6 * nu, m,
			 4 + 6 * nm);
}

int vnet_ctrl_pairs(struct vnet *n, unsigned int pairs)
{
	uint8_t v[2] = { (uint8_t)pairs, (uint8_t)(pairs >> 8) };
	return vnet_ctrl(n, VIONIC_VIRTIO_NET_CTRL_MQ, VIONIC_VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET, v, 2, NULL, 0);
}

/* ---- reset */
int vnet_reset(struct vnet *n)
{
	int rc = vp_reset(&n->vp);
	if (rc)
		return fail(n, "device reset did not complete within %llu cycles",
			    (unsigned long long)VP_RESET_TIMEOUT_CYCLES), rc;
	for (unsigned int k = 0; k < VNET_MAX_QP; k++)
		n->rx[k].present = n->tx[k].present = 0;
	n->ctrl.present = 0;
	return 0;
}

int vnet_queue_reset(struct vnet *n, unsigned int index)
{
	struct vp_dev *vp = &n->vp;
	VP_CWR(vp, QUEUE_SELECT, index);
	VP_CWR(vp, QUEUE_RESET, 1);
	uint64_t t0 = vsim_cycles(n->sim);
	while (VP_CRD(vp, QUEUE_RESET) != 0) {
		if (vp->last_err)
			return fail(n, "queue_reset: %s", vsim_strerror(vp->last_err)), vp->last_err;
		if (vsim_cycles(n->sim) - t0 > VNET_QRESET_TIMEOUT)
			return fail(n, "queue_reset of queue %u did not complete within %llu cycles", index,
				    (unsigned long long)VNET_QRESET_TIMEOUT), VSIM_ETIMEDOUT;
		vsim_run(n->sim, 100);
	}
	if (VP_CRD(vp, QUEUE_ENABLE) != 0)
		return fail(n, "queue %u: queue_enable not 0 after queue_reset", index), VSIM_EPROTO;
	struct vnet_q *q = vnet_queue(n, index);
	if (q)
		q->present = 0;
	return 0;
}

int vnet_queue_reenable(struct vnet *n, unsigned int index)
{
	struct vnet_q *q;
	uint16_t size;
	if (n->ctrl_index == index && vnet_has(n, VIONIC_VIRTIO_PCI_F_NET_CTRL_VQ)) {
		q = &n->ctrl;
		size = n->o.ctrl_qsize;
	} else if (index / 2 < n->pairs) {
		q = index & 1 ? &n->tx[index / 2] : &n->rx[index / 2];
		size = index & 1 ? n->o.tx_qsize : n->o.rx_qsize;
	} else {
		return fail(n, "queue %u is not used by this driver", index), VSIM_EINVAL;
	}
	int rc = setup_q(n, q, index, size);
	if (rc)
		return rc;
	if (!(index & 1) && q != &n->ctrl && !n->o.no_rx_refill)
		vnet_rx_refill(n, index / 2);
	return 0;
}

/* ---- interrupts */
unsigned int vnet_poll_msi(struct vnet *n)
{
	struct vsim_msi m;
	unsigned int got = 0;
	while (vsim_msi_pending(n->sim) && vsim_wait_msi(n->sim, 0, &m) == 0) {
		unsigned int v = m.data & 0x3fff;
		if (v < 64)
			n->msi_by_vector[v]++;
		if (v == 0)
			n->msi_config++;
		n->msi_total++;
		got++;
	}
	return got;
}

/* ---- STATS */
int vnet_read_stats(struct vnet *n, struct vnet_stats *s)
{
	uint64_t base = n->vp.pci.bar[0].base + VIONIC_BAR0_MAP_STATS_BASE;
	n->vp.last_err = 0;
#define RD(F) vp_mmio_rd(&n->vp, base + VIONIC_STATS_##F##_OFFSET, 4)
	s->tx_packets = RD(TX_PACKETS);
	s->tx_bytes = RD(TX_BYTES_LO) | ((uint64_t)RD(TX_BYTES_HI) << 32);
	s->tx_drops = RD(TX_DROPS);
	s->rx_packets = RD(RX_PACKETS);
	s->rx_bytes = RD(RX_BYTES_LO) | ((uint64_t)RD(RX_BYTES_HI) << 32);
	s->rx_drop_no_buffer = RD(RX_DROP_NO_BUFFER);
	s->rx_drop_filtered = RD(RX_DROP_FILTERED);
	s->rx_drop_error = RD(RX_DROP_ERROR);
	s->queue_errors = RD(QUEUE_ERRORS);
#undef RD
	return n->vp.last_err;
}

int vnet_run_until(struct vnet *n, int (*cond)(struct vnet *, void *), void *arg, uint64_t max_cycles,
		   uint64_t step)
{
	uint64_t t0 = vsim_cycles(n->sim);
	if (!step)
		step = 100;
	for (;;) {
		int c = cond(n, arg);
		if (c)
			return c;
		if (vsim_cycles(n->sim) - t0 >= max_cycles)
			return 0;
		vsim_run(n->sim, step);
	}
}

/* ---- traffic engine */

void vnet_traffic_init(struct vnet_traffic *t)
{
	memset(t, 0, sizeof(*t));
	t->nseg = 1;
	t->size_min = 60;
	t->size_max = 1514;
	t->seed = 1;
	t->step_cycles = 500;
	t->idle_limit = 300000;
}

uint32_t vnet_traffic_size(const struct vnet_traffic *t, unsigned int flow, uint32_t seq)
{
	if (t->size_max <= t->size_min)
		return t->size_min;
	uint32_t x = (seq + 1) * 2654435761u ^ (flow + 1) * 0x9e3779b9u ^ t->seed * 0x85ebca6bu;
	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return t->size_min + x % (t->size_max - t->size_min + 1);
}

static int tr_fail(struct vnet_traffic *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int tr_fail(struct vnet_traffic *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->err, sizeof(t->err), fmt, ap);
	va_end(ap);
	t->failed = 1;
	return -1;
}

static void tr_check(struct vnet *n, struct vnet_traffic *t, const uint8_t *f, size_t len)
{
	uint8_t flow;
	uint32_t seq;
	t->frames_received++;
	t->bytes_received += len;
	if (t->no_check)
		return;
	int rc = pkt_check(f, len, &flow, &seq);
	if (rc || flow >= VNET_MAX_QP) {
		if (t->bad++ < 5)
			printf("# frame %llu (%zu bytes): %s\n", (unsigned long long)t->frames_received, len,
			       rc ? pkt_check_str(rc) : "unknown flow");
		return;
	}
	/* captured frames go where they were sent; received ones were addressed to us */
	const uint8_t *dst = t->capture && t->dst_mac ? t->dst_mac : n->cfg.mac;
	if (memcmp(f, dst, 6) != 0) {
		if (t->bad++ < 5)
			printf("# frame flow %u seq %u: destination MAC changed\n", flow, seq);
		return;
	}
	t->rx_flow[flow]++;
	if (len != vnet_traffic_size(t, flow, seq)) {
		if (t->wrong_len++ < 5)
			printf("# frame flow %u seq %u: %zu bytes, sent %u\n", flow, seq, len,
			       vnet_traffic_size(t, flow, seq));
	}
	if (seq != t->next_seq[flow]) {
		if (t->out_of_order++ < 5)
			printf("# frame flow %u: seq %u, expected %u (lost or reordered)\n", flow, seq,
			       t->next_seq[flow]);
	}
	t->next_seq[flow] = seq + 1;
}

int vnet_traffic_step(struct vnet *n, struct vnet_traffic *t)
{
	static uint8_t frame[VNET_MAX_RX_FRAME];
	unsigned int pairs = t->pairs ? t->pairs : n->pairs;
	uint64_t now = vsim_cycles(n->sim);
	if (!t->start_cycle) {
		t->start_cycle = now ? now : 1;
		t->last_progress = now;
	}
	if (pairs > n->pairs)
		return tr_fail(t, "%u pairs asked, %u set up", pairs, n->pairs);
	uint64_t before = t->frames_received + t->frames_sent;
	for (unsigned int k = 0; k < pairs; k++) {
		int r = vnet_tx_reap(n, k);
		if (r < 0)
			return tr_fail(t, "transmitq %u: %s", k, n->err);
		t->done[k] += (unsigned int)r;
		unsigned int burst = t->burst ? t->burst : n->tx[k].r.size;
		/* in loopback keep the frames in flight within half of what the receive ring
		 * holds (sequence frames all go to receiveq 0), so none is dropped for lack
		 * of a buffer */
		uint64_t inflight_max = UINT64_MAX;
		if (!t->capture && n->rx[0].present) {
			uint32_t per = (t->size_max + VNET_HDR_LEN + n->rx[0].buf_size - 1) / n->rx[0].buf_size;
			inflight_max = n->rx[0].r.size / (2u * (per ? per : 1u));
			if (inflight_max == 0)
				inflight_max = 1;
		}
		if (t->max_inflight && t->max_inflight < inflight_max)
			inflight_max = t->max_inflight;
		unsigned int queued = 0;
		while (!t->stop && queued < burst && (!t->packets || t->sent[k] < t->packets) &&
		       t->frames_sent - t->frames_received < inflight_max) {
			uint32_t seq = (uint32_t)t->sent[k];
			uint32_t len = vnet_traffic_size(t, k, seq);
			pkt_build_seq(frame, len, t->dst_mac ? t->dst_mac : n->cfg.mac, (uint8_t)k, seq);
			int rc = vnet_tx(n, k, frame, len, NULL, t->nseg, 0);
			if (rc == VSIM_EAGAIN)
				break;
			if (rc < 0)
				return tr_fail(t, "transmitq %u: %s", k, n->err);
			t->sent[k]++;
			t->frames_sent++;
			t->bytes_sent += len;
			queued++;
		}
		if (queued)
			vnet_tx_kick(n, k);
	}
	vsim_run(n->sim, t->step_cycles);
	if (t->capture) {
		size_t len;
		while (vsim_eth_recv(n->sim, frame, sizeof(frame), &len) == 0)
			tr_check(n, t, frame, len);
	} else {
		for (unsigned int k = 0; k < n->pairs; k++) {
			size_t len;
			int rc;
			while ((rc = vnet_rx_poll(n, k, frame, sizeof(frame), &len, NULL)) == 1) {
				t->rx_q[k]++;
				tr_check(n, t, frame, len);
			}
			if (rc < 0)
				return tr_fail(t, "receiveq %u: %s", k, n->err);
		}
	}
	now = vsim_cycles(n->sim);
	if (t->frames_received + t->frames_sent != before)
		t->last_progress = now;
	uint8_t st = 0;
	if (t->packets && t->frames_received >= t->packets * pairs)
		return 1;
	if (t->stop && t->frames_received >= t->frames_sent)
		return 1;
	if (now - t->last_progress > t->idle_limit) {
		st = vnet_status(n);
		return tr_fail(t, "no progress for %llu cycles: sent %llu, received %llu, TX returned %llu "
			       "(device_status 0x%02x%s) - data path not working?",
			       (unsigned long long)t->idle_limit, (unsigned long long)t->frames_sent,
			       (unsigned long long)t->frames_received, (unsigned long long)t->done[0], st,
			       st & VIONIC_VIRTIO_PCI_STATUS_DEVICE_NEEDS_RESET ? ", DEVICE_NEEDS_RESET" : "");
	}
	if (t->max_cycles && now - t->start_cycle > t->max_cycles)
		return tr_fail(t, "not done within %llu cycles: sent %llu, received %llu",
			       (unsigned long long)t->max_cycles, (unsigned long long)t->frames_sent,
			       (unsigned long long)t->frames_received);
	return 0;
}

int vnet_traffic_run(struct vnet *n, struct vnet_traffic *t)
{
	int rc;
	while ((rc = vnet_traffic_step(n, t)) == 0)
		;
	return rc;
}

/* ---- test bring-up */

struct vsim *vnet_test_bringup(struct vnet *n, const struct vsim_config *cfg, const struct vnet_opts *o,
			       int eth_mode)
{
	struct vsim *sim = tb_sim_create(cfg);
	if (!sim) {
		printf("Bail out! cannot create the simulated device (firmware %s)\n", tb_fw_itcm());
		return NULL;
	}
	if (vnet_open(n, sim)) {
		printf("Bail out! %s\n", n->err);
		vsim_destroy(sim);
		return NULL;
	}
	if (eth_mode >= 0) {
		int rc = vsim_eth_set_mode(sim, (enum vsim_eth_mode)eth_mode);
		if (rc) {
			printf("Bail out! vsim_eth_set_mode: %s\n", vsim_strerror(rc));
			vsim_destroy(sim);
			return NULL;
		}
	}
	if (o && vnet_init(n, o)) {
		printf("Bail out! virtio-net bring-up failed: %s\n", n->err);
		vnet_close(n);
		vsim_destroy(sim);
		return NULL;
	}
	return sim;
}

/*
 * One instruction set's register-blocked nearest-centroid kernel, included once per ISA by nearest.c with these
 * macros defined: KERNEL (function name), TARGET_ATTR (its gcc target attribute), VF (vector of W floats), VI (vector of W
 * ints), W, V (point vectors per register block), Q (centroids per register block), CHAINS (independent FMA chains of
 * the candidate scan), and the operations LOADF, LOADI, SET1F, SET1I, FMADD, MINF, MAXF, LT_SELECT_I(a, b, yes, no) =
 * (a < b ? yes : no) lane-wise, STOREF, STOREI.
 *
 * Points are the SIMD lanes: a group of V*W points is transposed into xt[d][V*W] (L1), and every centroid q of a
 * block of Q is broadcast against it, so the per-point running minimum, second minimum and argmin stay in 3*V
 * registers for the whole sweep over centroids [kbegin, kend) (one cache chunk; the running values come in and go
 * out through min1/min2/idx, and start at +inf when kbegin is 0). The accumulator starts at ||c||^2 and adds
 * -2c_d * x_d by FMA: the squared distance up to ||x||^2, which does not change the argmin.
 */
TARGET_ATTR
static void KERNEL(const float *xt, const float *packed, int dim, int kbegin, int kend, float *min1_out,
                   float *min2_out, int *idx_out) {
    const int stride = dim + 1;
    VF m1[V], m2[V];
    VI ix[V];
    for (int v = 0; v < V; v++) {
        if (kbegin == 0) {
            m1[v] = SET1F(INFINITY);
            m2[v] = SET1F(INFINITY);
            ix[v] = SET1I(0);
        } else {
            m1[v] = LOADF(min1_out + v * W);
            m2[v] = LOADF(min2_out + v * W);
            ix[v] = LOADI(idx_out + v * W);
        }
    }
    for (int k0 = kbegin; k0 < kend; k0 += Q) {
        const float *c = packed + (size_t) k0 * stride;
        VF acc[Q][V];
#pragma GCC unroll 16
        for (int q = 0; q < Q; q++) {
            VF norm = SET1F(c[q * stride + dim]);
            for (int v = 0; v < V; v++) {
                acc[q][v] = norm;
            }
        }
        for (int d = 0; d < dim; d++) {
            VF xv[V];
            for (int v = 0; v < V; v++) {
                xv[v] = LOADF(xt + d * V * W + v * W);
            }
#pragma GCC unroll 16
            for (int q = 0; q < Q; q++) {
                VF cq = SET1F(c[q * stride + d]);
                for (int v = 0; v < V; v++) {
                    acc[q][v] = FMADD(cq, xv[v], acc[q][v]);
                }
            }
        }
#pragma GCC unroll 16
        for (int q = 0; q < Q; q++) {
            VI kq = SET1I(k0 + q);
            for (int v = 0; v < V; v++) {
                ix[v] = LT_SELECT_I(acc[q][v], m1[v], kq, ix[v]);
                m2[v] = MINF(m2[v], MAXF(m1[v], acc[q][v]));
                m1[v] = MINF(m1[v], acc[q][v]);
            }
        }
    }
    for (int v = 0; v < V; v++) {
        STOREF(min1_out + v * W, m1[v]);
        STOREF(min2_out + v * W, m2[v]);
        STOREI(idx_out + v * W, ix[v]);
    }
}

/*
 * The candidates of one point x for the float64 check: every centroid j whose float32 value ||c_j||^2 - 2 x.c_j
 * is at most thr, in increasing j, written to out; returns how many. packed_t is the same as packed, transposed:
 * row d (d < dim) holds -2c_d of every centroid, row dim the norms.
 */
TARGET_ATTR
static int SCAN(const float *x, const float *packed_t, int dim, int kpad, float thr, int *out) {
    int found = 0;
    VF limit = SET1F(thr);
    /* CHAINS blocks of W centroids at a time: independent FMA chains (kpad is a multiple of CHAINS W) */
    for (int k0 = 0; k0 < kpad; k0 += CHAINS * W) {
        const float *t = packed_t + k0;
        VF a[CHAINS];
#pragma GCC unroll 16
        for (int b = 0; b < CHAINS; b++) {
            a[b] = LOADF(t + (size_t) dim * kpad + b * W);
        }
        for (int d = 0; d < dim; d++) {
            VF xd = SET1F(x[d]);
            const float *row = t + (size_t) d * kpad;
#pragma GCC unroll 16
            for (int b = 0; b < CHAINS; b++) {
                a[b] = FMADD(xd, LOADF(row + b * W), a[b]);
            }
        }
#pragma GCC unroll 16
        for (int b = 0; b < CHAINS; b++) {
            for (unsigned mask = LE_MASK(a[b], limit); mask != 0; mask &= mask - 1) {
                out[found++] = k0 + b * W + __builtin_ctz(mask);
            }
        }
    }
    return found;
}

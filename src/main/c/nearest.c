/*
 * latentlab's fused nearest-centroid kernel (JNI, class dev.latentlab.clustering.NativeNearest).
 *
 * Why native: the tiled ND4J sgemm + argmin wrote every 1,024 x K distance tile to memory and read it back, and
 * the argmin cost as much as the GEMM (issue 15); here the distances of a group of points never leave the
 * registers. The JDK's Vector API would need --add-modules on the java command line, which `java -jar` cannot get.
 *
 * Exact: the float32 kernel keeps, per point, the smallest and second smallest value of ||c||^2 - 2 x.c. Each
 * value's rounding error is at most gamma_{D+2} (||c||^2 + 2 |x| |c|) < B / 2 with B = (D+3) 2^-23 (|x| + M)^2
 * (M = largest centroid norm, rounded up). When second - smallest > B no other centroid can be nearer in exact
 * arithmetic and the float argmin is the answer. Otherwise (near or exact ties) the centroids whose float value is
 * within B of the smallest (a superset of those that can be nearest) are rescanned and checked in float64: the
 * sum over d of (x_d - c_d)^2 with separate multiply and add, in increasing index, the first strictly smaller
 * kept: the same labels as a float64 brute force, ties included. Built with -ffp-contract=off so that the compiler
 * fuses nothing in that check.
 *
 * Instruction sets, chosen at run time (__builtin_cpu_supports): AVX-512F (16 lanes, 2 x 16 points, 12 centroids
 * per register block), AVX2+FMA (8 lanes, 2 x 8 points, 6 centroids), and portable C.
 */
#include <jni.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <immintrin.h>

#define TARGET_ATTR_AVX2 __attribute__((target("avx2,fma")))
#define TARGET_ATTR_AVX512 __attribute__((target("avx512f")))

#define MAX_GROUP 32   /* points per kernel call, the largest V*W */
#define MAX_DIM 64
#define PAD_K 48       /* K is padded to a multiple of every ISA's Q and CHAINS W (12, 48; 6, 48; 4, 3), 192 bytes */
/*
 * Cache blocking (issue 28): a panel of PANEL points is transposed once, then swept over the centroids in chunks of
 * about CHUNK_BYTES (packed rows), so that a chunk stays in L2 while every group of the panel runs over it, instead
 * of every group streaming all K centroids from L3 (K = 10,000 x 26 floats is 1 MB, an EPYC core's whole L2).
 * Overridable at compile time (-DPANEL=..., -DCHUNK_BYTES=...) to time other sizes.
 */
#ifndef PANEL
#define PANEL 256
#endif
#ifndef CHUNK_BYTES
#define CHUNK_BYTES (256 * 1024)
#endif
_Static_assert(PANEL % MAX_GROUP == 0, "a panel holds whole groups of every instruction set");

/* ---- AVX-512F: V = 2 vectors of 16 points, Q = 12 centroids ---- */
#define KERNEL kernel_avx512
#define SCAN scan_avx512
#define LE_MASK(a, b) ((unsigned) _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ))
#define TARGET_ATTR __attribute__((target("avx512f")))
#define VF __m512
#define VI __m512i
#define W 16
#define V 2
#define Q 12
#define CHAINS 3
#define LOADF(p) _mm512_load_ps(p)
#define SET1F(x) _mm512_set1_ps(x)
#define SET1I(x) _mm512_set1_epi32(x)
#define FMADD(a, b, c) _mm512_fmadd_ps(a, b, c)
#define MINF(a, b) _mm512_min_ps(a, b)
#define MAXF(a, b) _mm512_max_ps(a, b)
#define LT_SELECT_I(a, b, yes, no) _mm512_mask_mov_epi32(no, _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ), yes)
#define STOREF(p, x) _mm512_store_ps(p, x)
#define STOREI(p, x) _mm512_store_si512((void *) (p), x)
#define LOADI(p) _mm512_load_si512((const void *) (p))
#include "nearest_kernel.h"
#undef KERNEL
#undef SCAN
#undef LE_MASK
#undef TARGET_ATTR
#undef VF
#undef VI
#undef W
#undef V
#undef Q
#undef CHAINS
#undef LOADF
#undef SET1F
#undef SET1I
#undef FMADD
#undef MINF
#undef MAXF
#undef LT_SELECT_I
#undef STOREF
#undef STOREI
#undef LOADI

/*
 * ---- AVX2 + FMA: V = 2 vectors of 8 points, Q = 6 centroids ----
 * 12 accumulators + 2 point vectors + 1 broadcast = 15 of the 16 ymm registers; per dimension 2 loads and 6
 * broadcasts feed 12 FMAs. Chosen by measurement (issue 28, single thread, K = 1,000, uniform random points, GFLOP
 * per CPU second on a Zen 4 core whose FMA peak is 116.7): V x Q = 1 x 8 (the old block, 9 loads for 8 FMAs) 86,
 * 1 x 12 84, 2 x 4 89, 2 x 6 101, 3 x 4 99, 4 x 3 100; skipping the min/argmin update when no lane improves cost 8%
 * at K = 1,000. On 2 threads and real patches: 131 GFLOP/s (1 x 8), 173 (2 x 6), 181 (with the 3-chain rescan).
 * The rescan of a near-tie row runs 6 chains (kpad is a multiple of 6 W = 48): 3 leave FMA latency idle, and 3-7 %
 * of real rows are rescanned (performance.md, issue 28).
 */
#define KERNEL kernel_avx2
#define SCAN scan_avx2
#define LE_MASK(a, b) ((unsigned) _mm256_movemask_ps(_mm256_cmp_ps(a, b, _CMP_LE_OQ)))
#define TARGET_ATTR __attribute__((target("avx2,fma")))
#define VF __m256
#define VI __m256i
#define W 8
#define V 2
#define Q 6
#define CHAINS 6
#define LOADF(p) _mm256_load_ps(p)
#define SET1F(x) _mm256_set1_ps(x)
#define SET1I(x) _mm256_set1_epi32(x)
#define FMADD(a, b, c) _mm256_fmadd_ps(a, b, c)
#define MINF(a, b) _mm256_min_ps(a, b)
#define MAXF(a, b) _mm256_max_ps(a, b)
#define LT_SELECT_I(a, b, yes, no) _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(no), \
        _mm256_castsi256_ps(yes), _mm256_cmp_ps(a, b, _CMP_LT_OQ)))
#define STOREF(p, x) _mm256_store_ps(p, x)
#define STOREI(p, x) _mm256_store_si256((__m256i *) (p), x)
#define LOADI(p) _mm256_load_si256((const __m256i *) (p))
#include "nearest_kernel.h"
#undef KERNEL
#undef SCAN
#undef LE_MASK
#undef TARGET_ATTR
#undef VF
#undef VI
#undef W
#undef V
#undef Q
#undef CHAINS
#undef LOADF
#undef SET1F
#undef SET1I
#undef FMADD
#undef MINF
#undef MAXF
#undef LT_SELECT_I
#undef STOREF
#undef STOREI
#undef LOADI

/* ---- portable C: one point at a time, 4 centroids ---- */
#define KERNEL kernel_scalar
#define SCAN scan_scalar
#define LE_MASK(a, b) ((unsigned) ((a) <= (b)))
#define TARGET_ATTR
#define VF float
#define VI int
#define W 1
#define V 1
#define Q 4
#define CHAINS 3
#define LOADF(p) (*(p))
#define SET1F(x) (x)
#define SET1I(x) (x)
#define FMADD(a, b, c) ((a) * (b) + (c))
#define MINF(a, b) ((a) < (b) ? (a) : (b))
#define MAXF(a, b) ((a) > (b) ? (a) : (b))
#define LT_SELECT_I(a, b, yes, no) ((a) < (b) ? (yes) : (no))
#define STOREF(p, x) (*(p) = (x))
#define STOREI(p, x) (*(p) = (x))
#define LOADI(p) (*(p))
#include "nearest_kernel.h"

typedef void (*kernel_fn)(const float *, const float *, int, int, int, float *, float *, int *);
typedef int (*scan_fn)(const float *, const float *, int, int, float, int *);

typedef struct {
    const char *name;
    kernel_fn fn;
    scan_fn scan;
    int group; /* points per call: V * W */
} isa_t;

static const isa_t ISAS[] = {
    {"avx512", kernel_avx512, scan_avx512, 32},
    {"avx2", kernel_avx2, scan_avx2, 16},
    {"scalar", kernel_scalar, scan_scalar, 1},
};

static int supported(int i) {
    __builtin_cpu_init();
    switch (i) {
        case 0: return __builtin_cpu_supports("avx512f");
        case 1: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        default: return 1;
    }
}

static int best_isa(void) {
    for (int i = 0; i < 3; i++) {
        if (supported(i)) {
            return i;
        }
    }
    return 2;
}

static volatile int current_isa = -1;

static const isa_t *isa(void) {
    if (current_isa < 0) {
        current_isa = best_isa();
    }
    return &ISAS[current_isa];
}

/*
 * Centroids prepared once per search: packed rows [-2c, ||c||^2] (K padded with +inf norms), the same transposed
 * for the candidate scan, and the plain rows.
 */
typedef struct {
    int k, kpad, dim;
    float max_norm;
    float *packed;
    float *packed_t;
    float *plain;
} centroids_t;

static void *aligned(size_t bytes) {
    void *p = NULL;
    return posix_memalign(&p, 64, bytes < 64 ? 64 : bytes) == 0 ? p : NULL;
}

static void release(centroids_t *c) {
    if (c != NULL) {
        free(c->packed);
        free(c->packed_t);
        free(c->plain);
        free(c);
    }
}

/*
 * The float64 brute force over the candidates (increasing indices): sum of (x_d - c_d)^2 in order, the first
 * strictly smaller kept.
 */
static int exact_nearest(const float *x, const centroids_t *c, const int *candidates, int count) {
    int best = candidates[0];
    double best_d = INFINITY;
    for (int i = 0; i < count; i++) {
        int j = candidates[i];
        const float *cj = c->plain + (size_t) j * c->dim;
        double s = 0;
        for (int d = 0; d < c->dim; d++) {
            double diff = (double) x[d] - (double) cj[d];
            s += diff * diff;
        }
        if (s < best_d) {
            best_d = s;
            best = j;
        }
    }
    return best;
}

/*
 * Labels of rows[0 .. count) (row r at rows + r*stride); returns how many needed the float64 check. candidates is
 * scratch space for kpad indices.
 */
static int nearest_rows(const centroids_t *c, const float *rows, int count, int stride, int *labels, int *candidates) {
    const isa_t *k = isa();
    const int g = k->group, dim = c->dim;
    int kc = CHUNK_BYTES / ((dim + 1) * (int) sizeof(float)) / PAD_K * PAD_K;
    if (kc < PAD_K) {
        kc = PAD_K;
    }
    float xt[PANEL * MAX_DIM] __attribute__((aligned(64)));
    float m1[PANEL] __attribute__((aligned(64)));
    float m2[PANEL] __attribute__((aligned(64)));
    int ix[PANEL] __attribute__((aligned(64)));
    double norm[PANEL];
    const double scale = (dim + 3) * 0x1p-23;
    int refined = 0;
    for (int p0 = 0; p0 < count; p0 += PANEL) {
        int n = count - p0 < PANEL ? count - p0 : PANEL;
        int groups = (n + g - 1) / g;
        for (int gi = 0; gi < groups; gi++) {
            float *xg = xt + (size_t) gi * g * dim;
            for (int p = 0; p < g; p++) {
                int q = gi * g + p;
                const float *x = rows + (size_t) (p0 + (q < n ? q : 0)) * stride;
                double sq = 0;
                for (int d = 0; d < dim; d++) {
                    xg[d * g + p] = x[d];
                    sq += (double) x[d] * x[d];
                }
                norm[q] = sqrt(sq);
            }
        }
        for (int k0 = 0; k0 < c->kpad; k0 += kc) {
            int k1 = k0 + kc < c->kpad ? k0 + kc : c->kpad;
            for (int gi = 0; gi < groups; gi++) {
                k->fn(xt + (size_t) gi * g * dim, c->packed, dim, k0, k1,
                      m1 + gi * g, m2 + gi * g, ix + gi * g);
            }
        }
        for (int p = 0; p < n; p++) {
            double reach = norm[p] + c->max_norm;
            double bound = scale * reach * reach;
            if ((double) m2[p] - (double) m1[p] > bound) {
                labels[p0 + p] = ix[p];
            } else {
                /* every centroid within the bound of the float minimum, rescanned in float32: a superset of
                   those that can be nearest in exact arithmetic (the scan's own rounding is within bound / 2) */
                const float *x = rows + (size_t) (p0 + p) * stride;
                float thr = nextafterf((float) ((double) m1[p] + bound), INFINITY);
                int n_cand = k->scan(x, c->packed_t, dim, c->kpad, thr, candidates);
                labels[p0 + p] = n_cand > 0 ? exact_nearest(x, c, candidates, n_cand) : ix[p];
                refined++;
            }
        }
    }
    return refined;
}

/* Room for k centroids of dimension dim, plain rows left for the caller to fill; NULL when out of memory. */
static centroids_t *allocate(int k, int dim) {
    centroids_t *c = calloc(1, sizeof(centroids_t));
    if (c == NULL) {
        return NULL;
    }
    c->k = k;
    c->dim = dim;
    c->kpad = (k + PAD_K - 1) / PAD_K * PAD_K;
    c->packed = aligned((size_t) c->kpad * (dim + 1) * sizeof(float));
    c->packed_t = aligned((size_t) c->kpad * (dim + 1) * sizeof(float));
    c->plain = aligned((size_t) k * dim * sizeof(float));
    if (c->packed == NULL || c->packed_t == NULL || c->plain == NULL) {
        release(c);
        return NULL;
    }
    return c;
}

/* Packs the plain rows for searching: [-2c, ||c||^2] (K padded with +inf norms), the same transposed, max norm. */
static void pack(centroids_t *c) {
    const int k = c->k, dim = c->dim;
    double max_sq = 0;
    for (int j = 0; j < c->kpad; j++) {
        float *row = c->packed + (size_t) j * (dim + 1);
        if (j < k) {
            double sq = 0;
            for (int d = 0; d < dim; d++) {
                float v = c->plain[(size_t) j * dim + d];
                row[d] = -2.0f * v;
                sq += (double) v * v;
            }
            row[dim] = (float) sq;
            max_sq = sq > max_sq ? sq : max_sq;
        } else {
            memset(row, 0, dim * sizeof(float));
            row[dim] = INFINITY;
        }
    }
    for (int j = 0; j < c->kpad; j++) {
        for (int d = 0; d <= dim; d++) {
            c->packed_t[(size_t) d * c->kpad + j] = c->packed[(size_t) j * (dim + 1) + d];
        }
    }
    c->max_norm = (float) sqrt(max_sq);
    /* rounded up so that the bound stays a bound */
    c->max_norm = nextafterf(c->max_norm, INFINITY);
}

JNIEXPORT jlong JNICALL Java_dev_latentlab_clustering_NativeNearest_prepare(JNIEnv *env, jclass cls, jfloatArray centroids,
                                                                        jint k, jint dim) {
    (void) cls;
    if (k < 1 || dim < 1 || dim > MAX_DIM || (*env)->GetArrayLength(env, centroids) != (jsize) k * dim) {
        return 0;
    }
    centroids_t *c = allocate(k, dim);
    if (c == NULL) {
        return 0;
    }
    (*env)->GetFloatArrayRegion(env, centroids, 0, k * dim, c->plain);
    pack(c);
    return (jlong) (intptr_t) c;
}

JNIEXPORT void JNICALL Java_dev_latentlab_clustering_NativeNearest_release(JNIEnv *env, jclass cls, jlong handle) {
    (void) env;
    (void) cls;
    release((centroids_t *) (intptr_t) handle);
}

JNIEXPORT jint JNICALL Java_dev_latentlab_clustering_NativeNearest_nearest(JNIEnv *env, jclass cls, jlong handle,
                                                                       jobject rows, jint first, jint count,
                                                                       jint stride, jobject labels) {
    (void) cls;
    const centroids_t *c = (const centroids_t *) (intptr_t) handle;
    float *r = (*env)->GetDirectBufferAddress(env, rows);
    int *l = (*env)->GetDirectBufferAddress(env, labels);
    if (c == NULL || r == NULL || l == NULL || stride < c->dim
            || (*env)->GetDirectBufferCapacity(env, labels) < count
            || (*env)->GetDirectBufferCapacity(env, rows) < (jlong) (first + count) * stride) {
        return -1;
    }
    int *candidates = malloc((size_t) c->kpad * sizeof(int));
    if (candidates == NULL) {
        return -1;
    }
    int refined = nearest_rows(c, r + (size_t) first * stride, count, stride, l, candidates);
    free(candidates);
    return refined;
}

JNIEXPORT jstring JNICALL Java_dev_latentlab_clustering_NativeNearest_isa(JNIEnv *env, jclass cls) {
    (void) cls;
    return (*env)->NewStringUTF(env, isa()->name);
}

JNIEXPORT jboolean JNICALL Java_dev_latentlab_clustering_NativeNearest_useIsa(JNIEnv *env, jclass cls, jstring name) {
    (void) cls;
    const char *s = (*env)->GetStringUTFChars(env, name, NULL);
    int found = -1;
    if (strcmp(s, "auto") == 0) {
        found = best_isa();
    }
    for (int i = 0; i < 3 && found < 0; i++) {
        if (strcmp(s, ISAS[i].name) == 0 && supported(i)) {
            found = i;
        }
    }
    (*env)->ReleaseStringUTFChars(env, name, s);
    if (found < 0) {
        return JNI_FALSE;
    }
    current_isa = found;
    return JNI_TRUE;
}

/*
 * The host's FMA peak for `bench kmeans`: 12 independent chains of FMAs on registers only (no memory operand, more
 * chains than FMA latency x pipes), in the vector width of the instruction set in use (ymm for avx2 and scalar,
 * zmm for avx512). Returns the floating-point operations done: 2 x lanes per FMA.
 */
#define FMA12(r) "vfmadd231ps %%" r "14, %%" r "15, %%" r "0\n vfmadd231ps %%" r "14, %%" r "15, %%" r "1\n" \
    "vfmadd231ps %%" r "14, %%" r "15, %%" r "2\n vfmadd231ps %%" r "14, %%" r "15, %%" r "3\n" \
    "vfmadd231ps %%" r "14, %%" r "15, %%" r "4\n vfmadd231ps %%" r "14, %%" r "15, %%" r "5\n" \
    "vfmadd231ps %%" r "14, %%" r "15, %%" r "6\n vfmadd231ps %%" r "14, %%" r "15, %%" r "7\n" \
    "vfmadd231ps %%" r "14, %%" r "15, %%" r "8\n vfmadd231ps %%" r "14, %%" r "15, %%" r "9\n" \
    "vfmadd231ps %%" r "14, %%" r "15, %%" r "10\n vfmadd231ps %%" r "14, %%" r "15, %%" r "11\n"
#define FMA_CLOBBER "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", \
    "xmm11", "xmm14", "xmm15"

TARGET_ATTR_AVX2
static double fma_loop_ymm(long n) {
    long i = n;
    __asm__ volatile("vxorps %%ymm14, %%ymm14, %%ymm14\n vxorps %%ymm15, %%ymm15, %%ymm15\n"
                     "1:\n" FMA12("ymm") "dec %0\n jnz 1b\n vzeroupper\n"
                     : "+r"(i) : : FMA_CLOBBER, "cc");
    return 12.0 * 8 * 2 * n;
}

TARGET_ATTR_AVX512
static double fma_loop_zmm(long n) {
    long i = n;
    __asm__ volatile("vxorps %%zmm14, %%zmm14, %%zmm14\n vxorps %%zmm15, %%zmm15, %%zmm15\n"
                     "1:\n" FMA12("zmm") "dec %0\n jnz 1b\n vzeroupper\n"
                     : "+r"(i) : : FMA_CLOBBER, "cc");
    return 12.0 * 16 * 2 * n;
}

JNIEXPORT jdouble JNICALL Java_dev_latentlab_clustering_NativeNearest_fmaLoop(JNIEnv *env, jclass cls, jlong n) {
    (void) env;
    (void) cls;
    if (n < 1) {
        return 0;
    }
    if (current_isa == 0 || (current_isa < 0 && best_isa() == 0)) {
        return fma_loop_zmm(n);
    }
    return supported(1) ? fma_loop_ymm(n) : 0;
}

// Single-precision matrix product against a pre-packed right-hand operand.
//
// A recurrent network multiplies a new (batch × units) state by the same
// weight matrix at every time step. A general BLAS call re-packs that weight
// matrix on every call; here it is packed once per loop into column panels
// of PANEL floats (each panel stores all k rows of its PANEL columns
// contiguously, zero-padded), and every step runs only the register-blocked
// inner kernel. The kernel keeps an MR × PANEL tile of C in registers
// (MR = 6 rows, two 8-float vectors per row: 12 accumulators), broadcasting
// one element of A per row and k. The depth is split into blocks of KC so a
// panel's block stays in the L1 cache while every row block passes over it.
#include "CKernels.h"
#include <string.h>

#define PANEL 16
#define MR 6
#define KC 256

void lamina_sgemm_pack(const float *b, size_t ldb, int transpose, size_t k, size_t n, float *packed) {
    size_t panels = (n + PANEL - 1) / PANEL;
    for (size_t p = 0; p < panels; p++) {
        float *dst = packed + p * PANEL * k;
        size_t j0 = p * PANEL, width = n - j0 < PANEL ? n - j0 : PANEL;
        for (size_t kk = 0; kk < k; kk++) {
            float *row = dst + kk * PANEL;
            if (!transpose) {
                memcpy(row, b + kk * ldb + j0, width * sizeof(float));
            } else {
                for (size_t j = 0; j < width; j++) row[j] = b[(j0 + j) * ldb + kk];
            }
            for (size_t j = width; j < PANEL; j++) row[j] = 0;
        }
    }
}

// One tile: C[0..<rows, 0..<PANEL] (= c, row stride ldc) = init + A[0..<rows, 0..<kc]·panel,
// where init is the addend tile (d, row stride ldd; ldd 0 repeats one row), or C itself
// when accumulate is set, or zero. `cols` < PANEL writes only the first columns.
#define TILE_BODY(ROWS)                                                                       \
    {                                                                                         \
        float tile[MR][PANEL];                                                                \
        for (int r = 0; r < ROWS; r++) {                                                      \
            const float *src = accumulate ? c + r * ldc : (d ? d + r * ldd : 0);              \
            if (src && cols == PANEL) {                                                       \
                for (int j = 0; j < PANEL; j++) tile[r][j] = src[j];                          \
            } else {                                                                          \
                for (int j = 0; j < PANEL; j++) tile[r][j] = 0.0f;                            \
                if (src) memcpy(tile[r], src, cols * sizeof(float));                          \
            }                                                                                 \
        }                                                                                     \
        for (size_t kk = 0; kk < kc; kk++) {                                                  \
            const float *brow = panel + kk * PANEL;                                           \
            for (int r = 0; r < ROWS; r++) {                                                  \
                float av = a[r * lda + kk];                                                   \
                for (int j = 0; j < PANEL; j++) tile[r][j] += av * brow[j];                   \
            }                                                                                 \
        }                                                                                     \
        if (cols == PANEL) {                                                                  \
            for (int r = 0; r < ROWS; r++)                                                    \
                for (int j = 0; j < PANEL; j++) c[r * ldc + j] = tile[r][j];                  \
        } else {                                                                              \
            for (int r = 0; r < ROWS; r++) memcpy(c + r * ldc, tile[r], cols * sizeof(float));\
        }                                                                                     \
    }

#define DEFINE_TILE(suffix, attr, ROWS)                                                       \
    attr static void tile##ROWS##_##suffix(size_t kc, const float *a, size_t lda,             \
            const float *panel, float *c, size_t ldc, const float *d, size_t ldd,             \
            int accumulate, int cols) TILE_BODY(ROWS)

#define DEFINE_DRIVER(suffix, attr)                                                           \
    DEFINE_TILE(suffix, attr, 1) DEFINE_TILE(suffix, attr, 2) DEFINE_TILE(suffix, attr, 3)    \
    DEFINE_TILE(suffix, attr, 4) DEFINE_TILE(suffix, attr, 5) DEFINE_TILE(suffix, attr, 6)    \
    attr static void driver_##suffix(size_t m, size_t n, size_t k, const float *a, size_t lda,\
            const float *packed, size_t p_begin, size_t p_end, float *c, size_t ldc,          \
            size_t c_first, const float *d, size_t ldd) {                                     \
        size_t tiles = (m + MR - 1) / MR;                                                     \
        for (size_t k0 = 0; k0 < k || k0 == 0; k0 += KC) {                                    \
            size_t kc = k - k0 < KC ? k - k0 : KC;                                            \
            int accumulate = k0 > 0;                                                          \
            for (size_t p = p_begin; p < p_end; p++) {                                        \
                const float *panel = packed + p * PANEL * k + k0 * PANEL;                     \
                size_t j0 = p * PANEL;                                                        \
                int cols = (int)(n - j0 < PANEL ? n - j0 : PANEL);                            \
                /* The next panel's addend, one line per row: its rows lie far apart. */      \
                if (d && ldd && k0 == 0 && p + 1 < p_end)                                     \
                    for (size_t r = 0; r < m; r++) __builtin_prefetch(d + r * ldd + j0 + PANEL); \
                for (size_t t = 0; t < tiles; t++) {                                          \
                    size_t i = m * t / tiles, rows = m * (t + 1) / tiles - i;                 \
                    const float *ai = a + i * lda + k0;                                       \
                    float *ci = c + i * ldc + (j0 - c_first);                                 \
                    const float *di = d ? d + i * ldd + j0 : 0;                               \
                    switch (rows) {                                                           \
                    case 6: tile6_##suffix(kc, ai, lda, panel, ci, ldc, di, ldd, accumulate, cols); break; \
                    case 5: tile5_##suffix(kc, ai, lda, panel, ci, ldc, di, ldd, accumulate, cols); break; \
                    case 4: tile4_##suffix(kc, ai, lda, panel, ci, ldc, di, ldd, accumulate, cols); break; \
                    case 3: tile3_##suffix(kc, ai, lda, panel, ci, ldc, di, ldd, accumulate, cols); break; \
                    case 2: tile2_##suffix(kc, ai, lda, panel, ci, ldc, di, ldd, accumulate, cols); break; \
                    default: tile1_##suffix(kc, ai, lda, panel, ci, ldc, di, ldd, accumulate, cols); break; \
                    }                                                                         \
                }                                                                             \
            }                                                                                 \
            if (k == 0) break;                                                                \
        }                                                                                     \
    }

DEFINE_DRIVER(base, )
#if defined(__x86_64__)
DEFINE_DRIVER(avx2, __attribute__((target("avx2,fma"))))
#endif

void lamina_sgemm_packed(size_t m, size_t n, size_t k, const float *a, size_t lda,
                         const float *packed, size_t panel_begin, size_t panel_end,
                         float *c, size_t ldc, size_t c_first_column, const float *addend, size_t addend_ld) {
#if defined(__x86_64__)
    if (lamina_has_avx2_fma()) {
        driver_avx2(m, n, k, a, lda, packed, panel_begin, panel_end, c, ldc, c_first_column, addend, addend_ld);
        return;
    }
#endif
    driver_base(m, n, k, a, lda, packed, panel_begin, panel_end, c, ldc, c_first_column, addend, addend_ld);
}

// The blocking shared by the packed product's drivers (PackedGemm.c and, for
// float32 on CPUs with AVX2 and FMA, PackedGemmAVX2.c, and with AVX-512F,
// PackedGemmAVX512.c). Private to CKernels.
#pragma once
#include <stddef.h>

/// Rows per tile of C (a tile is MR rows × one 16- or 8-column panel).
#define MR 6
/// Depth per block: a panel's depth block (KC·16 floats, 16 KB) stays in L1 while its row block's tiles reuse it.
#define KC 256
/// Tiles per row block: a row block of A (RB·MR rows × KC) stays in L2 while every panel passes over it.
#define RB 16

/// The loops every driver runs, inside a function with lamina_sgemm_strided's arguments named
/// m, n, k, a, lda, a_transposed, b, bs, ps, p_begin, p_end, c, ldc, c_first, d, ldd: depth blocks
/// of KC, row blocks of RB tiles, groups of up to STEP panels of PW columns, then the tiles of the row
/// block, ⌈m/MR⌉ tiles of nearly equal height. The statements after STEP run one tile, with in
/// scope kc, accumulate (C holds an earlier depth block's sum), np (panels in the group), cols (its
/// columns, ≤ PW·np), panel (its depth block of B), j0 (its first column), i and rows (the tile's
/// rows) and ai (A at row i and the depth block). Panel p's row kk starts at b + p·ps + kk·bs: packed panels (bs = PW,
/// ps = PW·k), or a row-major op(B) read in place (bs = its row stride, ps = PW; whole panels only).
#define FOR_EACH_TILE(PW, STEP, ...)                                                                   \
    do {                                                                                               \
        size_t tiles = (m + MR - 1) / MR, step_ = (STEP);                                              \
        for (size_t k0 = 0; k0 < k || k0 == 0; k0 += KC) {                                             \
            size_t kc = k - k0 < KC ? k - k0 : KC;                                                     \
            int accumulate = k0 > 0;                                                                   \
            for (size_t t0 = 0; t0 < tiles; t0 += RB) {                                                \
                size_t t1 = tiles - t0 < RB ? tiles : t0 + RB;                                         \
                for (size_t p = p_begin; p < p_end; p += step_) {                                      \
                    size_t np = p_end - p < step_ ? p_end - p : step_, j0 = p * (PW);                  \
                    __typeof__(b) panel = b + p * ps + k0 * bs;                                        \
                    int cols = (int)(n - j0 < (PW) * np ? n - j0 : (PW) * np);                         \
                    /* The next group's addend, one line per row: its rows lie far apart. */           \
                    if (d && ldd && k0 == 0 && t0 == 0 && p + np < p_end)                              \
                        for (size_t r = 0; r < m; r++) __builtin_prefetch(d + r * ldd + j0 + (PW) * np); \
                    for (size_t t = t0; t < t1; t++) {                                                 \
                        size_t i = m * t / tiles, rows = m * (t + 1) / tiles - i;                      \
                        __typeof__(a) ai = a_transposed ? a + k0 * lda + i : a + i * lda + k0;         \
                        __VA_ARGS__                                                                    \
                    }                                                                                  \
                }                                                                                      \
            }                                                                                          \
            if (k == 0) break;                                                                         \
        }                                                                                              \
    } while (0)

#if defined(__x86_64__)
/// The float32 driver with AVX2 + FMA intrinsics (see PackedGemmAVX2.c): the arguments of
/// lamina_sgemm_strided, with B's row stride bs and panel stride ps.
void lamina_driver_f32_avx2(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                            const float *b, size_t bs, size_t ps, size_t p_begin, size_t p_end,
                            float *c, size_t ldc, size_t c_first, const float *d, size_t ldd);
/// The float32 driver with 16-float vectors for AVX-512F (see PackedGemmAVX512.c); the same arguments.
void lamina_driver_f32_avx512(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                              const float *b, size_t bs, size_t ps, size_t p_begin, size_t p_end,
                              float *c, size_t ldc, size_t c_first, const float *d, size_t ldd);
#endif

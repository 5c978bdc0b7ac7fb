// The float32 packed product on CPUs with AVX2 and FMA, written with
// intrinsics so that a tile of C lives in registers from its first load to
// its store (the portable tile in PackedGemm.c keeps it in a stack array and
// leaves vectorization to the compiler, which stored and reloaded the array
// around the depth loop: for a depth of 32, that traffic weighed as much as
// the multiply-adds).
//
// A tile is `rows` (1…6) rows × one or two 16-column panels: 2·rows or
// 4·rows accumulators of 8 floats, at most twelve. Two panels per tile only
// when the product has at most 3 rows, so that a thin product still keeps
// enough independent multiply-add chains in flight (each chain waits four
// cycles per step). Partial column edges load and store under a lane mask.
//
// Every element is computed as in PackedGemm.c: its start value (addend, C
// itself for a later depth block, or zero), then a[i][kk]·b[kk][j] for
// kk = 0, 1, … in order, one fused multiply-add (_mm256_fmadd_ps, a single
// rounding) each. Which elements share a vector, and the tile shape, never
// change one element's sum.
#if defined(__x86_64__)
#include "PackedGemmBlocking.h"
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

/// The lanes of an 8-float vector whose index is below `count` (none when count ≤ 0, all when ≥ 8).
INLINE AVX2 __m256i lane_mask(int count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/// C[0..<rows, 0..<cols] = init + A[0..<rows, 0..<kc]·B over `np` panels (cols ≤ 16·np), where
/// B's row kk of panel q starts at b + q·ps + kk·bs, A is read row-major (a[r·lda + kk]) or
/// transposed (a[kk·lda + r]), and init is C itself (accumulate), the addend d (row stride
/// ldd, 0 repeating one row) or zero. Called with constant rows, transposed and np.
INLINE AVX2 void tile(const int rows, const int transposed, const int np, size_t kc, const float *a, size_t lda,
                      const float *b, size_t bs, size_t ps, float *c, size_t ldc, const float *d, size_t ldd,
                      int accumulate, int cols) {
    __m256 acc[MR][4];
    __m256i mask[4];
    const int vectors = 2 * np, full = cols == 8 * vectors;
    for (int v = 0; v < vectors; v++) mask[v] = lane_mask(cols - 8 * v);
    for (int r = 0; r < rows; r++) {
        const float *src = accumulate ? c + r * ldc : (d ? d + r * ldd : 0);
        for (int v = 0; v < vectors; v++)
            acc[r][v] = !src ? _mm256_setzero_ps()
                             : (full ? _mm256_loadu_ps(src + 8 * v) : _mm256_maskload_ps(src + 8 * v, mask[v]));
    }
    for (size_t kk = 0; kk < kc; kk++) {
        const float *brow = b + kk * bs;
        __m256 bv[4];
        for (int v = 0; v < vectors; v++) bv[v] = _mm256_loadu_ps(brow + (v / 2) * ps + (v % 2) * 8);
        for (int r = 0; r < rows; r++) {
            __m256 av = _mm256_broadcast_ss(transposed ? a + kk * lda + r : a + r * lda + kk);
            for (int v = 0; v < vectors; v++) acc[r][v] = _mm256_fmadd_ps(av, bv[v], acc[r][v]);
        }
    }
    for (int r = 0; r < rows; r++)
        for (int v = 0; v < vectors; v++) {
            if (full) _mm256_storeu_ps(c + r * ldc + 8 * v, acc[r][v]);
            else _mm256_maskstore_ps(c + r * ldc + 8 * v, mask[v], acc[r][v]);
        }
}

#define TILE_ARGS size_t kc, const float *a, size_t lda, const float *b, size_t bs, size_t ps, float *c, size_t ldc, \
    const float *d, size_t ldd, int accumulate, int cols
#define DEFINE_TILE(ROWS, T, NP)                                                              \
    static AVX2 __attribute__((noinline)) void tile##ROWS##_##T##_##NP(TILE_ARGS) {          \
        tile(ROWS, T, NP, kc, a, lda, b, bs, ps, c, ldc, d, ldd, accumulate, cols);            \
    }
#define DEFINE_TILES(T)                                                                       \
    DEFINE_TILE(1, T, 1) DEFINE_TILE(2, T, 1) DEFINE_TILE(3, T, 1)                            \
    DEFINE_TILE(4, T, 1) DEFINE_TILE(5, T, 1) DEFINE_TILE(6, T, 1)                            \
    DEFINE_TILE(1, T, 2) DEFINE_TILE(2, T, 2) DEFINE_TILE(3, T, 2)
DEFINE_TILES(0)
DEFINE_TILES(1)

typedef void (*tile_fn)(TILE_ARGS);
/// tiles[transposed][np − 1][rows − 1]; two-panel tiles exist for up to 3 rows.
static const tile_fn tiles_by_shape[2][2][MR] = {
    {{tile1_0_1, tile2_0_1, tile3_0_1, tile4_0_1, tile5_0_1, tile6_0_1}, {tile1_0_2, tile2_0_2, tile3_0_2, 0, 0, 0}},
    {{tile1_1_1, tile2_1_1, tile3_1_1, tile4_1_1, tile5_1_1, tile6_1_1}, {tile1_1_2, tile2_1_2, tile3_1_2, 0, 0, 0}},
};

// FOR_EACH_TILE (PackedGemmBlocking.h), taking two panels at a time when m ≤ 3.
AVX2 void lamina_driver_f32_avx2(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                                 const float *b, size_t bs, size_t ps, size_t p_begin, size_t p_end,
                                 float *c, size_t ldc, size_t c_first, const float *d, size_t ldd) {
    FOR_EACH_TILE(16, m <= 3 ? 2 : 1, {
        tiles_by_shape[a_transposed ? 1 : 0][np - 1][rows - 1](kc, ai, lda, panel, bs, ps, c + i * ldc + (j0 - c_first),
                                                               ldc, d ? d + i * ldd + j0 : 0, ldd, accumulate, cols);
    });
}
#endif

// The float32 packed product with 16-float vectors, for CPUs with AVX-512F.
//
// A 16-column panel is one 512-bit vector, so a tile of `rows` (1…6) rows ×
// `np` (1…4) panels holds rows·np accumulators (at most 24 of the 32 vector
// registers), plus np vectors of B and one broadcast of A. Four panels per tile
// where the product has them: each element of A is loaded once per 64 columns
// (twice as many columns as PackedGemmAVX2.c's tile), and 24 independent
// multiply-add chains keep two 512-bit FMA units busy.
//
// Every element is computed exactly as in PackedGemm.c and PackedGemmAVX2.c:
// its start value (the addend, C itself for a later depth block, or zero),
// then a[i][kk]·b[kk][j] for kk = 0, 1, … in order, one fused multiply-add
// (a single rounding) each. Only which elements share a vector changes with
// the width, never one element's sum, so a product's bits are the same with
// the AVX-512 and the AVX2 kernels (the packed-product tests check it bit for
// bit wherever they run).
//
// The tile is written with clang's 16-float vector type rather than AVX-512
// intrinsics, so the same source is compiled twice: for AVX-512F (the kernel
// that runs), and for AVX2 + FMA, where clang splits each vector in two. The
// second copy is only for testing the 16-lane logic (tile shapes, panel steps,
// partial edges) on CPUs without AVX-512: lamina_sgemm_strided_lanes16_avx2.
// A partial last panel is computed alone, into a 16-column buffer
// (edge_tile), so that every tile reads and writes whole vectors only and its
// accumulators stay in registers.
#if defined(__x86_64__)
#include "PackedGemmBlocking.h"
#include "CKernels.h"
#include "VectorTargets.h"

typedef float lanes16 __attribute__((ext_vector_type(16)));
/// The same vector, read from or written to any float address.
typedef float lanes16_unaligned __attribute__((ext_vector_type(16), aligned(4)));

/// Panels per tile, at most.
#define WIDE_PANELS 4
#define INLINE static inline __attribute__((always_inline))

// One copy of the tile and the driver per target: `suffix` names it, `attr` is its target attribute.
#define DEFINE_LANES16(suffix, attr)                                                                      \
    /* C[0..<rows, 0..<16·np] = init + A[0..<rows, 0..<kc]·B over np whole panels, where B's row kk */   \
    /* of panel q starts at b + q·ps + kk·bs, A is read row-major (a[r·lda + kk]) or transposed */       \
    /* (a[kk·lda + r]), and init is C itself (accumulate), the addend d (row stride ldd, 0 repeating */  \
    /* one row) or zero. Called with constant rows, transposed and np: the accumulators stay in */       \
    /* registers. A partial last panel goes through edge_tile. */                                        \
    INLINE attr void tile_##suffix(const int rows, const int transposed, const int np, size_t kc,         \
                                   const float *a, size_t lda, const float *b, size_t bs, size_t ps,      \
                                   float *c, size_t ldc, const float *d, size_t ldd, int accumulate) {    \
        lanes16 acc[MR][WIDE_PANELS];                                                                     \
        for (int r = 0; r < rows; r++) {                                                                  \
            const float *src = accumulate ? c + r * ldc : (d ? d + r * ldd : 0);                          \
            for (int q = 0; q < np; q++)                                                                  \
                acc[r][q] = src ? *(const lanes16_unaligned *)(src + 16 * q) : (lanes16)0.0f;             \
        }                                                                                                 \
        for (size_t kk = 0; kk < kc; kk++) {                                                              \
            lanes16 bv[WIDE_PANELS];                                                                      \
            for (int q = 0; q < np; q++) bv[q] = *(const lanes16_unaligned *)(b + q * ps + kk * bs);      \
            for (int r = 0; r < rows; r++) {                                                              \
                lanes16 av = (lanes16)(transposed ? a[kk * lda + r] : a[r * lda + kk]);                   \
                for (int q = 0; q < np; q++) acc[r][q] = __builtin_elementwise_fma(av, bv[q], acc[r][q]); \
            }                                                                                             \
        }                                                                                                 \
        for (int r = 0; r < rows; r++)                                                                    \
            for (int q = 0; q < np; q++) *(lanes16_unaligned *)(c + r * ldc + 16 * q) = acc[r][q];        \
    }                                                                                                     \
    DEFINE_TILES(suffix, attr, 0) DEFINE_TILES(suffix, attr, 1)                                           \
    /* tiles_##suffix[transposed][np − 1][rows − 1] */                                                    \
    static const tile_fn tiles_##suffix[2][WIDE_PANELS][MR] = {                                           \
        {TILE_ROWS(suffix, 0, 1), TILE_ROWS(suffix, 0, 2), TILE_ROWS(suffix, 0, 3), TILE_ROWS(suffix, 0, 4)}, \
        {TILE_ROWS(suffix, 1, 1), TILE_ROWS(suffix, 1, 2), TILE_ROWS(suffix, 1, 3), TILE_ROWS(suffix, 1, 4)}, \
    };                                                                                                    \
    /* FOR_EACH_TILE (PackedGemmBlocking.h), taking up to four panels at a time. */                       \
    attr void lamina_driver_f32_##suffix(size_t m, size_t n, size_t k, const float *a, size_t lda,        \
                                         int a_transposed, const float *b, size_t bs, size_t ps,          \
                                         size_t p_begin, size_t p_end, float *c, size_t ldc,              \
                                         size_t c_first, const float *d, size_t ldd) {                    \
        FOR_EACH_TILE(16, WIDE_PANELS, {                                                                  \
            tile_fn fn = tiles_##suffix[a_transposed ? 1 : 0][np - 1][rows - 1];                          \
            float *ci = c + i * ldc + (j0 - c_first);                                                     \
            const float *di = d ? d + i * ldd + j0 : 0;                                                   \
            if (cols == (int)(16 * np)) {                                                                 \
                fn(kc, ai, lda, panel, bs, ps, ci, ldc, di, ldd, accumulate);                             \
            } else { /* whole panels directly, the partial last one through edge_tile */                  \
                size_t whole = np - 1, off = 16 * whole;                                                  \
                if (whole)                                                                                \
                    tiles_##suffix[a_transposed ? 1 : 0][whole - 1][rows - 1](                            \
                        kc, ai, lda, panel, bs, ps, ci, ldc, di, ldd, accumulate);                        \
                edge_tile(tiles_##suffix[a_transposed ? 1 : 0][0][rows - 1], rows, cols - (int)off, kc,   \
                          ai, lda, panel + whole * ps, bs, ps, ci + off, ldc, di ? di + off : 0, ldd,     \
                          accumulate);                                                                    \
            }                                                                                             \
        });                                                                                               \
    }

#define TILE_ARGS size_t kc, const float *a, size_t lda, const float *b, size_t bs, size_t ps, float *c, size_t ldc, \
    const float *d, size_t ldd, int accumulate
#define DEFINE_TILE(suffix, attr, ROWS, T, NP)                                                            \
    static attr __attribute__((noinline)) void tile##ROWS##_##T##_##NP##_##suffix(TILE_ARGS) {           \
        tile_##suffix(ROWS, T, NP, kc, a, lda, b, bs, ps, c, ldc, d, ldd, accumulate);                    \
    }
#define DEFINE_PANELS(suffix, attr, T, NP)                                                                \
    DEFINE_TILE(suffix, attr, 1, T, NP) DEFINE_TILE(suffix, attr, 2, T, NP) DEFINE_TILE(suffix, attr, 3, T, NP) \
    DEFINE_TILE(suffix, attr, 4, T, NP) DEFINE_TILE(suffix, attr, 5, T, NP) DEFINE_TILE(suffix, attr, 6, T, NP)
#define DEFINE_TILES(suffix, attr, T)                                                                     \
    DEFINE_PANELS(suffix, attr, T, 1) DEFINE_PANELS(suffix, attr, T, 2)                                   \
    DEFINE_PANELS(suffix, attr, T, 3) DEFINE_PANELS(suffix, attr, T, 4)
#define TILE_ROWS(suffix, T, NP)                                                                          \
    {tile1_##T##_##NP##_##suffix, tile2_##T##_##NP##_##suffix, tile3_##T##_##NP##_##suffix,              \
     tile4_##T##_##NP##_##suffix, tile5_##T##_##NP##_##suffix, tile6_##T##_##NP##_##suffix}

typedef void (*tile_fn)(TILE_ARGS);

/// A one-panel tile whose panel is partial (cols < 16): its start values and result pass through a
/// 16-column buffer, zero beyond `cols` (packed panels are zero there too), so that the tile itself
/// reads and writes whole vectors only. Copies change no value.
static void edge_tile(tile_fn fn, size_t rows, int cols, size_t kc, const float *a, size_t lda,
                      const float *b, size_t bs, size_t ps, float *c, size_t ldc, const float *d, size_t ldd,
                      int accumulate) {
    float edge[MR * 16];
    const float *src = accumulate ? c : d;
    size_t src_ld = accumulate ? ldc : ldd;
    if (src)
        for (size_t r = 0; r < rows; r++)
            for (int j = 0; j < 16; j++) edge[r * 16 + j] = j < cols ? src[r * src_ld + j] : 0.0f;
    fn(kc, a, lda, b, bs, ps, edge, 16, src ? edge : 0, 16, 0);
    for (size_t r = 0; r < rows; r++)
        for (int j = 0; j < cols; j++) c[r * ldc + j] = edge[r * 16 + j];
}

DEFINE_LANES16(avx512, __attribute__((target(AVX512_TARGET))))
DEFINE_LANES16(lanes16_avx2, __attribute__((target(AVX2_TARGET))))

void lamina_sgemm_strided_lanes16_avx2(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                                       const float *b, size_t b_row_stride, size_t b_panel_stride, size_t panel_begin,
                                       size_t panel_end, float *c, size_t ldc, size_t c_first_column,
                                       const float *addend, size_t addend_ld) {
    if (!lamina_has_avx2_fma()) return;
    lamina_driver_f32_lanes16_avx2(m, n, k, a, lda, a_transposed, b, b_row_stride, b_panel_stride, panel_begin, panel_end,
                                   c, ldc, c_first_column, addend, addend_ld);
}
#else
#include "CKernels.h"
void lamina_sgemm_strided_lanes16_avx2(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                                       const float *b, size_t b_row_stride, size_t b_panel_stride, size_t panel_begin,
                                       size_t panel_end, float *c, size_t ldc, size_t c_first_column,
                                       const float *addend, size_t addend_ld) {}
#endif

// Matrix products against a pre-packed right-hand operand, in float32 and
// float64, with a fixed order of summation for every element.
//
// A recurrent network multiplies a new (batch × units) state by the same
// weight matrix at every time step. A general BLAS call re-packs that weight
// matrix on every call; here it is packed once per loop into column panels
// (each panel stores all k rows of its PW columns contiguously, zero-padded),
// and every step runs only the register-blocked inner kernel. The kernel keeps
// an MR × PW tile of C in registers (MR = 6 rows; float32 panels of 16 columns,
// float64 panels of 8: twelve 256-bit accumulators either way with AVX2; the
// AVX-512 float32 tile takes up to four panels, 24 512-bit ones), broadcasting
// one element of A per row and k. The depth is split into blocks of KC, and
// the rows into blocks of RB tiles, so a row block of A and a panel's depth
// block stay in cache while they are reused.
//
// Every element of C is computed the same way whatever the shape, the
// blocking, the thread that computes it or the vector width: it starts from
// its addend (or zero) and adds a[i][kk]·b[kk][j] for kk = 0, 1, …, k−1 in
// that order, each as one fused multiply-add on CPUs with FMA. So a product's
// result depends only on its operands (on x86-64 CPUs with AVX2 and FMA; the
// baseline build, for older CPUs, rounds the product and the sum separately).
//
// On CPUs with AVX2 and FMA the float32 product runs PackedGemmAVX2.c's
// driver and tiles (intrinsics, the tile in registers), on CPUs with AVX-512F
// PackedGemmAVX512.c's (16-float vectors, up to four panels per tile); the
// portable tiles here serve float64 and the baseline build. Every driver also
// reads a row-major op(B) in place, with no packing (lamina_sgemm_strided).
#include "CKernels.h"
#include <string.h>

// Copies are plain loops, and the kernels are built without memcpy/memset as
// builtins: otherwise the compiler merged the full-width copy of a tile row or
// panel row (64 bytes) with the partial one into a call to memcpy with a
// variable size, a library call per row at every step of a small product.
#define KERNEL_ATTR __attribute__((no_builtin("memcpy"), no_builtin("memset")))

#include "PackedGemmBlocking.h"

// A row-major B is packed row by row: each row is read once, front to back,
// and its 16-column pieces go to their panels (reading panel by panel walked
// B at a stride of its row length, which ran at a third of the speed on the
// 6.5 MB right operands of weight gradients). A transposed B is packed panel
// by panel, reading each column front to back.
#define DEFINE_PACK(T, PW, name)                                                              \
    KERNEL_ATTR void name(const T *b, size_t ldb, int transpose, size_t k, size_t n, T *packed) { \
        size_t panels = (n + PW - 1) / PW;                                                    \
        if (!transpose) {                                                                     \
            for (size_t kk = 0; kk < k; kk++) {                                               \
                const T *src = b + kk * ldb;                                                  \
                for (size_t p = 0; p < panels; p++) {                                         \
                    T *row = packed + p * PW * k + kk * PW;                                   \
                    size_t j0 = p * PW, width = n - j0 < PW ? n - j0 : PW;                    \
                    if (width == PW) {                                                        \
                        for (size_t j = 0; j < PW; j++) row[j] = src[j0 + j];                 \
                    } else {                                                                  \
                        for (size_t j = 0; j < width; j++) row[j] = src[j0 + j];              \
                        for (size_t j = width; j < PW; j++) row[j] = 0;                       \
                    }                                                                         \
                }                                                                             \
            }                                                                                 \
            return;                                                                           \
        }                                                                                     \
        for (size_t p = 0; p < panels; p++) {                                                 \
            T *dst = packed + p * PW * k;                                                     \
            size_t j0 = p * PW, width = n - j0 < PW ? n - j0 : PW;                            \
            for (size_t kk = 0; kk < k; kk++) {                                               \
                T *row = dst + kk * PW;                                                       \
                for (size_t j = 0; j < width; j++) row[j] = b[(j0 + j) * ldb + kk];           \
                for (size_t j = width; j < PW; j++) row[j] = 0;                               \
            }                                                                                 \
        }                                                                                     \
    }

DEFINE_PACK(float, 16, lamina_sgemm_pack)
DEFINE_PACK(double, 8, lamina_dgemm_pack)

// One tile: C[0..<rows, 0..<PW] (= c, row stride ldc) = init + A[0..<rows, 0..<kc]·panel,
// where init is the addend tile (d, row stride ldd; ldd 0 repeats one row), or C itself
// when accumulate is set, or zero. `cols` < PW writes only the first columns.
// MULADD(acc, x, y) is acc + x·y: one fused multiply-add where the CPU has FMA.
#define TILE_BODY(T, PW, ROWS, MULADD, A_AT)                                                        \
    {                                                                                         \
        T tile[MR][PW];                                                                       \
        for (int r = 0; r < ROWS; r++) {                                                      \
            const T *src = accumulate ? c + r * ldc : (d ? d + r * ldd : 0);                  \
            if (src && cols == PW) {                                                          \
                for (int j = 0; j < PW; j++) tile[r][j] = src[j];                             \
            } else {                                                                          \
                for (int j = 0; j < PW; j++) tile[r][j] = 0;                                  \
                if (src) for (int j = 0; j < cols; j++) tile[r][j] = src[j];                  \
            }                                                                                 \
        }                                                                                     \
        for (size_t kk = 0; kk < kc; kk++) {                                                  \
            const T *brow = panel + kk * bs;                                                   \
            for (int r = 0; r < ROWS; r++) {                                                  \
                T av = A_AT(r, kk);                                                           \
                for (int j = 0; j < PW; j++) tile[r][j] = MULADD(tile[r][j], av, brow[j]);    \
            }                                                                                 \
        }                                                                                     \
        if (cols == PW) {                                                                     \
            for (int r = 0; r < ROWS; r++)                                                    \
                for (int j = 0; j < PW; j++) c[r * ldc + j] = tile[r][j];                     \
        } else {                                                                              \
            for (int r = 0; r < ROWS; r++)                                                    \
                for (int j = 0; j < cols; j++) c[r * ldc + j] = tile[r][j];                   \
        }                                                                                     \
    }

// How a tile reads A: row-major (A[r][kk] at a[r·lda + kk]) or stored
// transposed, k×m, and read in place (A[r][kk] at a[kk·lda + r]).
#define A_ROW_MAJOR(r, kk) a[(r) * lda + (kk)]
#define A_TRANSPOSED(r, kk) a[(kk) * lda + (r)]

#define DEFINE_TILE_LAYOUT(T, PW, MULADD, suffix, attr, ROWS, layout, A_AT)                  \
    attr static void tile##ROWS##_##layout##_##suffix(size_t kc, const T *a, size_t lda,      \
            const T *panel, size_t bs, T *c, size_t ldc, const T *d, size_t ldd,              \
            int accumulate, int cols) TILE_BODY(T, PW, ROWS, MULADD, A_AT)
#define DEFINE_TILE(T, PW, MULADD, suffix, attr, ROWS)                                        \
    DEFINE_TILE_LAYOUT(T, PW, MULADD, suffix, attr, ROWS, r, A_ROW_MAJOR)                     \
    DEFINE_TILE_LAYOUT(T, PW, MULADD, suffix, attr, ROWS, t, A_TRANSPOSED)

// One tile of `rows` rows (1…6) whose A is read in `layout` (r or t).
#define CALL_TILE(layout, suffix)                                                             \
    switch (rows) {                                                                           \
    case 6: tile6_##layout##_##suffix(kc, ai, lda, panel, bs, ci, ldc, di, ldd, accumulate, cols); break; \
    case 5: tile5_##layout##_##suffix(kc, ai, lda, panel, bs, ci, ldc, di, ldd, accumulate, cols); break; \
    case 4: tile4_##layout##_##suffix(kc, ai, lda, panel, bs, ci, ldc, di, ldd, accumulate, cols); break; \
    case 3: tile3_##layout##_##suffix(kc, ai, lda, panel, bs, ci, ldc, di, ldd, accumulate, cols); break; \
    case 2: tile2_##layout##_##suffix(kc, ai, lda, panel, bs, ci, ldc, di, ldd, accumulate, cols); break; \
    default: tile1_##layout##_##suffix(kc, ai, lda, panel, bs, ci, ldc, di, ldd, accumulate, cols); break; \
    }

// The driver: FOR_EACH_TILE (PackedGemmBlocking.h) with one panel of PW columns at a time.
#define DEFINE_DRIVER(T, PW, MULADD, suffix, attr)                                            \
    DEFINE_TILE(T, PW, MULADD, suffix, attr, 1) DEFINE_TILE(T, PW, MULADD, suffix, attr, 2)   \
    DEFINE_TILE(T, PW, MULADD, suffix, attr, 3) DEFINE_TILE(T, PW, MULADD, suffix, attr, 4)   \
    DEFINE_TILE(T, PW, MULADD, suffix, attr, 5) DEFINE_TILE(T, PW, MULADD, suffix, attr, 6)   \
    attr static void driver_##suffix(size_t m, size_t n, size_t k, const T *a, size_t lda,    \
            int a_transposed, const T *b, size_t bs, size_t ps, size_t p_begin, size_t p_end,  \
            T *c, size_t ldc, size_t c_first, const T *d, size_t ldd) {                       \
        FOR_EACH_TILE(PW, 1, {                                                                \
            T *ci = c + i * ldc + (j0 - c_first);                                             \
            const T *di = d ? d + i * ldd + j0 : 0;                                           \
            if (a_transposed) { CALL_TILE(t, suffix) } else { CALL_TILE(r, suffix) }          \
        });                                                                                   \
    }

#define PLAIN_MULADD(acc, x, y) ((acc) + (x) * (y))
#define FUSED_MULADD_F64(acc, x, y) __builtin_fma((x), (y), (acc))

// The baseline build rounds products and sums separately (no contraction), so
// the compiler cannot choose per loop between the two.
#pragma STDC FP_CONTRACT OFF
DEFINE_DRIVER(float, 16, PLAIN_MULADD, f32_base, KERNEL_ATTR)
DEFINE_DRIVER(double, 8, PLAIN_MULADD, f64_base, KERNEL_ATTR)

#if defined(__x86_64__)
DEFINE_DRIVER(double, 8, FUSED_MULADD_F64, f64_avx2, KERNEL_ATTR __attribute__((target("avx2,fma"))))
#define DISPATCH(fast, base, bs, ps)                                                                \
    if (lamina_has_avx2_fma()) {                                                              \
        fast(m, n, k, a, lda, a_transposed, b, bs, ps, panel_begin, panel_end, c, ldc, c_first_column, addend, addend_ld); \
        return;                                                                               \
    }                                                                                         \
    base(m, n, k, a, lda, a_transposed, b, bs, ps, panel_begin, panel_end, c, ldc, c_first_column, addend, addend_ld);
#else
#define DISPATCH(fast, base, bs, ps)                                                                \
    base(m, n, k, a, lda, a_transposed, b, bs, ps, panel_begin, panel_end, c, ldc, c_first_column, addend, addend_ld);
#endif

void lamina_sgemm_strided(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                          const float *b, size_t b_row_stride, size_t b_panel_stride, size_t panel_begin, size_t panel_end,
                          float *c, size_t ldc, size_t c_first_column, const float *addend, size_t addend_ld) {
#if defined(__x86_64__)
    if (lamina_use_avx512()) {
        lamina_driver_f32_avx512(m, n, k, a, lda, a_transposed, b, b_row_stride, b_panel_stride, panel_begin, panel_end,
                                 c, ldc, c_first_column, addend, addend_ld);
        return;
    }
#endif
    DISPATCH(lamina_driver_f32_avx2, driver_f32_base, b_row_stride, b_panel_stride)
}

void lamina_sgemm_packed_general(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                                 const float *packed, size_t panel_begin, size_t panel_end,
                                 float *c, size_t ldc, size_t c_first_column, const float *addend, size_t addend_ld) {
    lamina_sgemm_strided(m, n, k, a, lda, a_transposed, packed, 16, 16 * k, panel_begin, panel_end, c, ldc, c_first_column,
                         addend, addend_ld);
}

void lamina_dgemm_packed_general(size_t m, size_t n, size_t k, const double *a, size_t lda, int a_transposed,
                                 const double *packed, size_t panel_begin, size_t panel_end,
                                 double *c, size_t ldc, size_t c_first_column, const double *addend, size_t addend_ld) {
    const double *b = packed;
    DISPATCH(driver_f64_avx2, driver_f64_base, 8, 8 * k)
}

void lamina_sgemm_packed(size_t m, size_t n, size_t k, const float *a, size_t lda,
                         const float *packed, size_t panel_begin, size_t panel_end,
                         float *c, size_t ldc, size_t c_first_column, const float *addend, size_t addend_ld) {
    lamina_sgemm_packed_general(m, n, k, a, lda, 0, packed, panel_begin, panel_end, c, ldc, c_first_column, addend, addend_ld);
}

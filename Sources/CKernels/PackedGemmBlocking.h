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

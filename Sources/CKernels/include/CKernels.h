#pragma once
#include <stddef.h>

// Vectorized float32 transcendentals for Lamina's elementwise kernels.
// Each function picks at run time the widest instruction set the CPU has
// (AVX2 + FMA, else the baseline), so the package builds for any x86-64.

/// y[i] = e^x[i]
void lamina_exp_f32(const float *x, float *y, size_t n);
/// y[i] = 1 / (1 + e^-x[i])
void lamina_sigmoid_f32(const float *x, float *y, size_t n);
/// y[i] = tanh(x[i])
void lamina_tanh_f32(const float *x, float *y, size_t n);

/// y[i] = a[i] + b[i], a[i] − b[i], a[i] · b[i], a[i] / b[i]: one IEEE float32
/// operation per element, the same bits at every vector width (see
/// ElementwiseArithmetic.c). y may equal a or b; other overlaps are not allowed.
void lamina_add_f32(const float *a, const float *b, float *y, size_t n);
void lamina_subtract_f32(const float *a, const float *b, float *y, size_t n);
void lamina_multiply_f32(const float *a, const float *b, float *y, size_t n);
void lamina_divide_f32(const float *a, const float *b, float *y, size_t n);
/// y[i] = c[i] ≠ 0 ? a[i] : b[i] (NaN counts as nonzero), bits copied unchanged. y may equal any operand.
void lamina_select_f32(const float *c, const float *a, const float *b, float *y, size_t n);

/// A float32 elementwise program's computing steps, run a chunk at a time.
#include "ElementwiseSteps.h"

/// Whether the CPU has AVX2 and FMA (the kernels' fast path). Always 0 off x86-64.
int lamina_has_avx2_fma(void);
/// Whether the CPU has AVX-512F besides AVX2 and FMA (16-float kernels). Always 0 off x86-64.
int lamina_has_avx512f(void);
/// The widest vectors, in floats, the kernels may use: 16 (the default: the widest the CPU
/// has) or 8 (AVX2 even where the CPU has AVX-512), read once from LAMINA_VECTOR_WIDTH ("8"
/// or "16") unless set. Results have the same bits at either width.
int lamina_vector_width_limit(void);
/// Sets that limit for the whole process from now on: 8 for floats ≤ 8, else 16.
void lamina_set_vector_width_limit(int floats);
/// Whether the kernels run their AVX-512 variants now: the CPU has AVX-512F and the limit is 16.
int lamina_use_avx512(void);

// Matrix products C = A·op(B) (+ D) against a right-hand operand packed once
// (see PackedGemm.c). Row-major throughout; strides are in elements. Every
// element is summed in the same order (addend, then k = 0, 1, …, one fused
// multiply-add each on CPUs with FMA), whatever the shape, blocking or thread.

/// Packs op(B), k×n, into `packed` (⌈n/16⌉·16·k floats): B is k×n with row
/// stride ldb, or, when `transpose` is set, n×k (op(B) = Bᵀ).
void lamina_sgemm_pack(const float *b, size_t ldb, int transpose, size_t k, size_t n, float *packed);
/// C = A[m×k]·op(B) + D for the columns of op(B) (k×n) in the panels
/// panel_begin..<panel_end (16 columns each) only. C's column 0 holds op(B)'s
/// column c_first_column (a multiple of 16 at most 16·panel_begin). D is
/// `addend`, indexed by op(B)'s columns, with row stride addend_ld (0 repeats
/// one row), or zero when `addend` is NULL.
void lamina_sgemm_packed(size_t m, size_t n, size_t k, const float *a, size_t lda,
                         const float *packed, size_t panel_begin, size_t panel_end,
                         float *c, size_t ldc, size_t c_first_column, const float *addend, size_t addend_ld);
/// lamina_sgemm_packed for an A that is row-major (a_transposed 0) or stored
/// transposed, k×m with row stride lda (a_transposed 1), read in place.
void lamina_sgemm_packed_general(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                                 const float *packed, size_t panel_begin, size_t panel_end,
                                 float *c, size_t ldc, size_t c_first_column, const float *addend, size_t addend_ld);
/// lamina_sgemm_packed_general with op(B) given by strides: row kk of panel p (its columns
/// 16p..<16p+16) starts at b + p·b_panel_stride + kk·b_row_stride. Packed panels are
/// (16, 16·k); a row-major op(B) read in place, with no packing, is (its row stride, 16),
/// and then every panel in panel_begin..<panel_end must be whole (16 columns within n).
void lamina_sgemm_strided(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                          const float *b, size_t b_row_stride, size_t b_panel_stride, size_t panel_begin, size_t panel_end,
                          float *c, size_t ldc, size_t c_first_column, const float *addend, size_t addend_ld);
/// lamina_sgemm_strided through the AVX-512 kernel's 16-float tiles compiled for AVX2 + FMA
/// (each 16-float vector split in two): that kernel's logic, for tests on CPUs without AVX-512.
/// Does nothing on CPUs without AVX2 and FMA.
void lamina_sgemm_strided_lanes16_avx2(size_t m, size_t n, size_t k, const float *a, size_t lda, int a_transposed,
                                       const float *b, size_t b_row_stride, size_t b_panel_stride, size_t panel_begin,
                                       size_t panel_end, float *c, size_t ldc, size_t c_first_column,
                                       const float *addend, size_t addend_ld);
/// The float64 forms, with panels of 8 columns (⌈n/8⌉·8·k doubles packed).
void lamina_dgemm_pack(const double *b, size_t ldb, int transpose, size_t k, size_t n, double *packed);
void lamina_dgemm_packed_general(size_t m, size_t n, size_t k, const double *a, size_t lda, int a_transposed,
                                 const double *packed, size_t panel_begin, size_t panel_end,
                                 double *c, size_t ldc, size_t c_first_column, const double *addend, size_t addend_ld);

/// Concatenation's copy (see InterleaveRows.c): for o in 0..<outer, for k in 0..<count, copies
/// row_bytes[k] bytes from sources[k] + o·row_bytes[k] to the next place in output. The sources
/// and the output must not overlap.
void lamina_interleave_rows(size_t outer, size_t count, const void *const *sources, const size_t *row_bytes,
                            void *output);

// A pool of persistent worker threads (see WorkerPool.c).

/// One part of a parallel job: called with the job's context and a part index.
typedef void (*lamina_part_fn)(void *context, long part);
/// Runs fn(context, p) for every p in 0..<parts, on the calling thread and up
/// to threads − 1 pool workers, and returns when all parts are done. Parts run
/// in no fixed order or thread. Runs everything on the calling thread when
/// threads ≤ 1, parts == 1, or the pool is already running another job (a
/// second submitting thread, or a part that itself splits work).
void lamina_parallel_run(long parts, int threads, lamina_part_fn fn, void *context);

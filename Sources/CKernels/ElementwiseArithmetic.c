// The float32 arithmetic of the elementwise interpreter's chunks: y = a ∘ b for
// ∘ = +, −, ×, ÷, one IEEE operation per element, so every element's value is
// the same whatever the vector width (SSE in the baseline build, AVX2 or
// AVX-512 here when the processor has it): no two operations are fused
// (FP_CONTRACT OFF) and no element depends on another. The Swift loops these
// replace are built for the baseline x86-64 and run 4 floats per instruction;
// these run 8 or 16.
//
// y may be a or b exactly (an instruction writing over its operand's register):
// the loops tell the vectorizer to assume no harmful overlap, which holds for
// equal pointers since y[i] reads only a[i] and b[i]. Partly overlapping
// ranges are not supported.
#include "CKernels.h"
#include "VectorTargets.h"

#pragma STDC FP_CONTRACT OFF

#define DEFINE_BINARY(name, op, suffix, attr)                                             \
    attr static void name##_##suffix(const float *a, const float *b, float *y, size_t n) { \
        _Pragma("clang loop vectorize(assume_safety)")                                    \
        for (size_t i = 0; i < n; i++) y[i] = a[i] op b[i];                               \
    }
#define DEFINE_ALL(suffix, attr)                                                          \
    DEFINE_BINARY(add, +, suffix, attr) DEFINE_BINARY(subtract, -, suffix, attr)          \
    DEFINE_BINARY(multiply, *, suffix, attr) DEFINE_BINARY(divide, /, suffix, attr)

// y = c ≠ 0 ? a : b (a NaN condition counts as nonzero): a copy of one of two
// values, written as a select of loaded values so that it vectorizes (the
// Swift loop selected between pointers and ran one element at a time).
#define DEFINE_SELECT(suffix, attr)                                                       \
    attr static void select_##suffix(const float *c, const float *a, const float *b, float *y, size_t n) { \
        _Pragma("clang loop vectorize(assume_safety)")                                    \
        for (size_t i = 0; i < n; i++) {                                                  \
            float u = a[i], v = b[i];                                                     \
            y[i] = c[i] != 0.0f ? u : v;                                                  \
        }                                                                                 \
    }

DEFINE_ALL(base, )
DEFINE_SELECT(base, )
#if defined(__x86_64__)
DEFINE_ALL(avx2, __attribute__((target("avx2"))))
DEFINE_SELECT(avx2, __attribute__((target("avx2"))))
DEFINE_ALL(avx512, __attribute__((target(AVX512_TARGET))))
DEFINE_SELECT(avx512, __attribute__((target(AVX512_TARGET))))
#endif

void lamina_add_f32(const float *a, const float *b, float *y, size_t n) { CALL_WIDEST(add, a, b, y, n); }
void lamina_subtract_f32(const float *a, const float *b, float *y, size_t n) { CALL_WIDEST(subtract, a, b, y, n); }
void lamina_multiply_f32(const float *a, const float *b, float *y, size_t n) { CALL_WIDEST(multiply, a, b, y, n); }
void lamina_divide_f32(const float *a, const float *b, float *y, size_t n) { CALL_WIDEST(divide, a, b, y, n); }
void lamina_select_f32(const float *c, const float *a, const float *b, float *y, size_t n) { CALL_WIDEST(select, c, a, b, y, n); }

// Runs a float32 elementwise program over one chunk: each step is a plain
// loop over the chunk, and a pair step does two operations in one loop with
// the intermediate in a vector register, saving a store and a load per
// element and a call per step. Every operation is the same one IEEE float32
// operation as in ElementwiseArithmetic.c, or the same transcendental body as
// Transcendentals.c (TranscendentalBodies.h), so every element's bits are
// those of one step at a time:
// - this file keeps the default contraction, like Transcendentals.c, so the
//   transcendental bodies compile as there; the arithmetic of a pair is
//   written as separate statements (clang fuses a·b + c only inside one
//   expression), and the arithmetic-only loops also turn contraction off;
// - y[i] reads only element i of its operands, so y may equal an operand.
// Each loop works on two vectors per iteration (interleave_count(2)): a σ or
// tanh is one long chain of dependent operations (a Horner polynomial, then a
// division), and two independent chains side by side keep the FMA units busy
// where one left them waiting (adding-task step 5-7% faster on Zen 2). The
// order of operations within an element is unchanged, so are its bits.
// The steps are compiled three times: baseline, AVX2 + FMA, and AVX-512F (16
// floats per vector, the same operations per element, so the same bits).
#include "ElementwiseSteps.h"
#include "CKernels.h"
#include "TranscendentalBodies.h"
#include "VectorTargets.h"

#define ARITH_0(u, v) ((u) + (v))
#define ARITH_1(u, v) ((u) - (v))
#define ARITH_2(u, v) ((u) * (v))
#define ARITH_3(u, v) ((u) / (v))

#define LOOP _Pragma("clang loop vectorize(assume_safety) interleave_count(2)") for (size_t i = 0; i < n; i++)
#define NO_CONTRACT _Pragma("STDC FP_CONTRACT OFF")

#define DEFINE_STEPS(suffix, attr)                                                               \
    attr static void exp_##suffix(const float *a, float *y, size_t n) { LOOP { float e; EXP_BODY(a[i], e); y[i] = e; } } \
    attr static void sigmoid_##suffix(const float *a, float *y, size_t n) { LOOP SIGMOID_BODY(a[i], y[i]); } \
    attr static void tanh_##suffix(const float *a, float *y, size_t n) { LOOP TANH_BODY(a[i], y[i]); } \
    attr static void negate_##suffix(const float *a, float *y, size_t n) { LOOP y[i] = -a[i]; }  \
    attr static void square_##suffix(const float *a, float *y, size_t n) { NO_CONTRACT LOOP y[i] = a[i] * a[i]; } \
    attr static void identity_##suffix(const float *a, float *y, size_t n) { LOOP y[i] = a[i]; } \
    attr static void rectify_##suffix(const float *a, float *y, size_t n) { LOOP { float v = a[i]; y[i] = v < 0 ? 0.0f : v; } } \
    attr static void select_##suffix(const float *c, const float *a, const float *b, float *y, size_t n) { \
        LOOP { float u = a[i], v = b[i]; y[i] = c[i] != 0.0f ? u : v; }                          \
    }                                                                                            \
    DEFINE_ARITH(suffix, attr, 0) DEFINE_ARITH(suffix, attr, 1) DEFINE_ARITH(suffix, attr, 2) DEFINE_ARITH(suffix, attr, 3) \
    DEFINE_FUNCTION_PAIRS(suffix, attr, 0) DEFINE_FUNCTION_PAIRS(suffix, attr, 1) DEFINE_FUNCTION_PAIRS(suffix, attr, 2) \
    DEFINE_FUNCTION_PAIRS(suffix, attr, 3)                                                       \
    DEFINE_RUN(suffix, attr)

// One arithmetic operation f and every pair whose first operation is f.
#define DEFINE_ARITH(suffix, attr, f)                                                            \
    attr static void arith##f##_##suffix(const float *a, const float *b, float *y, size_t n) {   \
        NO_CONTRACT LOOP y[i] = ARITH_##f(a[i], b[i]);                                           \
    }                                                                                            \
    DEFINE_PAIR(suffix, attr, f, 0) DEFINE_PAIR(suffix, attr, f, 1) DEFINE_PAIR(suffix, attr, f, 2) DEFINE_PAIR(suffix, attr, f, 3) \
    attr static void select##f##_##suffix(const float *a, const float *b, const float *c, const float *d, float *y, \
                                          int side, size_t n) {                                  \
        NO_CONTRACT                                                                              \
        if (side == 0) { LOOP { float t = ARITH_##f(a[i], b[i]); float v = d[i]; y[i] = c[i] != 0.0f ? t : v; } } \
        else { LOOP { float t = ARITH_##f(a[i], b[i]); float v = d[i]; y[i] = c[i] != 0.0f ? v : t; } } \
    }

#define DEFINE_PAIR(suffix, attr, f, g)                                                          \
    attr static void pair##f##g##_##suffix(const float *a, const float *b, const float *c, float *y, int side, size_t n) { \
        NO_CONTRACT                                                                              \
        if (side == 0) { LOOP { float t = ARITH_##f(a[i], b[i]); y[i] = ARITH_##g(t, c[i]); } }  \
        else { LOOP { float t = ARITH_##f(a[i], b[i]); y[i] = ARITH_##g(c[i], t); } }            \
    }

// σ or tanh followed by the arithmetic operation g (separate statements: not contracted).
#define DEFINE_FUNCTION_PAIRS(suffix, attr, g)                                                   \
    attr static void sigmoid##g##_##suffix(const float *a, const float *b, float *y, int side, size_t n) { \
        if (side == 0) { LOOP { float t; SIGMOID_BODY(a[i], t); float w = b[i]; y[i] = ARITH_##g(t, w); } } \
        else { LOOP { float t; SIGMOID_BODY(a[i], t); float w = b[i]; y[i] = ARITH_##g(w, t); } } \
    }                                                                                            \
    attr static void tanh##g##_##suffix(const float *a, const float *b, float *y, int side, size_t n) { \
        if (side == 0) { LOOP { float t; TANH_BODY(a[i], t); float w = b[i]; y[i] = ARITH_##g(t, w); } } \
        else { LOOP { float t; TANH_BODY(a[i], t); float w = b[i]; y[i] = ARITH_##g(w, t); } } \
    }

#define PAIR_CASE(suffix, f, g)                                                                  \
    case LAMINA_EW_ARITHMETIC_PAIR + (f * 4 + g) * 2:                                            \
    case LAMINA_EW_ARITHMETIC_PAIR + (f * 4 + g) * 2 + 1:                                        \
        pair##f##g##_##suffix(A, B, C, Y, (s->op - LAMINA_EW_ARITHMETIC_PAIR) & 1, n); break;
#define PAIR_CASES(suffix, f) PAIR_CASE(suffix, f, 0) PAIR_CASE(suffix, f, 1) PAIR_CASE(suffix, f, 2) PAIR_CASE(suffix, f, 3)
#define SELECT_CASE(suffix, f)                                                                   \
    case LAMINA_EW_SELECT_PAIR + f * 2:                                                          \
    case LAMINA_EW_SELECT_PAIR + f * 2 + 1:                                                      \
        select##f##_##suffix(A, B, C, regs[s->d], Y, s->op & 1, n); break;
#define FUNCTION_CASE(suffix, g)                                                                 \
    case LAMINA_EW_FUNCTION_PAIR + g * 2:                                                        \
    case LAMINA_EW_FUNCTION_PAIR + g * 2 + 1: sigmoid##g##_##suffix(A, B, Y, s->op & 1, n); break; \
    case LAMINA_EW_FUNCTION_PAIR + (4 + g) * 2:                                                  \
    case LAMINA_EW_FUNCTION_PAIR + (4 + g) * 2 + 1: tanh##g##_##suffix(A, B, Y, s->op & 1, n); break;

#define DEFINE_RUN(suffix, attr)                                                                 \
    attr static void run_##suffix(const lamina_ew_step *steps, size_t count, float *const *regs, size_t n) { \
        for (size_t k = 0; k < count; k++) {                                                     \
            const lamina_ew_step *s = steps + k;                                                 \
            float *Y = regs[s->y];                                                               \
            const float *A = regs[s->a], *B = regs[s->b], *C = regs[s->c];                       \
            switch (s->op) {                                                                     \
            case LAMINA_EW_EXP: exp_##suffix(A, Y, n); break;                                    \
            case LAMINA_EW_SIGMOID: sigmoid_##suffix(A, Y, n); break;                            \
            case LAMINA_EW_TANH: tanh_##suffix(A, Y, n); break;                                  \
            case LAMINA_EW_NEGATE: negate_##suffix(A, Y, n); break;                              \
            case LAMINA_EW_SQUARE: square_##suffix(A, Y, n); break;                              \
            case LAMINA_EW_IDENTITY: if (A != Y) identity_##suffix(A, Y, n); break;              \
            case LAMINA_EW_RECTIFY: rectify_##suffix(A, Y, n); break;                            \
            case LAMINA_EW_ADD: arith0_##suffix(A, B, Y, n); break;                              \
            case LAMINA_EW_SUBTRACT: arith1_##suffix(A, B, Y, n); break;                         \
            case LAMINA_EW_MULTIPLY: arith2_##suffix(A, B, Y, n); break;                         \
            case LAMINA_EW_DIVIDE: arith3_##suffix(A, B, Y, n); break;                           \
            case LAMINA_EW_SELECT: select_##suffix(A, B, C, Y, n); break;                        \
            PAIR_CASES(suffix, 0) PAIR_CASES(suffix, 1) PAIR_CASES(suffix, 2) PAIR_CASES(suffix, 3) \
            SELECT_CASE(suffix, 0) SELECT_CASE(suffix, 1) SELECT_CASE(suffix, 2) SELECT_CASE(suffix, 3) \
            FUNCTION_CASE(suffix, 0) FUNCTION_CASE(suffix, 1) FUNCTION_CASE(suffix, 2) FUNCTION_CASE(suffix, 3) \
            default: break;                                                                      \
            }                                                                                    \
        }                                                                                        \
    }

DEFINE_STEPS(base, )
#if defined(__x86_64__)
DEFINE_STEPS(avx2, __attribute__((target(AVX2_TARGET))))
DEFINE_STEPS(avx512, __attribute__((target(AVX512_TARGET))))
#endif

void lamina_ew_run_f32(const lamina_ew_step *steps, size_t count, float *const *regs, size_t n) {
    CALL_WIDEST(run, steps, count, regs, n);
}

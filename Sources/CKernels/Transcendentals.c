// The same branch-free approximations as LaminaTensor's KernelFloat (Cephes
// expf coefficients, range reduction x = n·ln2 + r, 2^n built in the exponent
// bits; tanh by an odd Taylor polynomial near 0 and 1 − 2/(e^{2|x|}+1)
// elsewhere), written as plain loops the compiler vectorizes (the per-element
// bodies are in TranscendentalBodies.h). The body is
// compiled three times: for the baseline and, via the target attribute, for
// AVX2 + FMA and for AVX-512F (the same operations per element, so the same
// bits as AVX2); a dispatcher picks one per call. The loops interleave two
// vectors (INTERLEAVED, as in ElementwiseProgram.c).
#include "CKernels.h"
#include "TranscendentalBodies.h"
#include "VectorTargets.h"

#define INTERLEAVED _Pragma("clang loop vectorize(enable) interleave_count(2)")

#define DEFINE_KERNELS(suffix, attr)                                                 \
    attr static void exp_##suffix(const float *x, float *y, size_t n) {             \
        INTERLEAVED for (size_t i = 0; i < n; i++) { float e; EXP_BODY(x[i], e); y[i] = e; }    \
    }                                                                                \
    attr static void sigmoid_##suffix(const float *x, float *y, size_t n) {         \
        INTERLEAVED for (size_t i = 0; i < n; i++) SIGMOID_BODY(x[i], y[i]);                     \
    }                                                                                \
    attr static void tanh_##suffix(const float *x, float *y, size_t n) {            \
        INTERLEAVED for (size_t i = 0; i < n; i++) TANH_BODY(x[i], y[i]);                        \
    }

DEFINE_KERNELS(base, )
#if defined(__x86_64__)
DEFINE_KERNELS(avx2, __attribute__((target(AVX2_TARGET))))
DEFINE_KERNELS(avx512, __attribute__((target(AVX512_TARGET))))
#endif

void lamina_exp_f32(const float *x, float *y, size_t n) { CALL_WIDEST(exp, x, y, n); }
void lamina_sigmoid_f32(const float *x, float *y, size_t n) { CALL_WIDEST(sigmoid, x, y, n); }
void lamina_tanh_f32(const float *x, float *y, size_t n) { CALL_WIDEST(tanh, x, y, n); }

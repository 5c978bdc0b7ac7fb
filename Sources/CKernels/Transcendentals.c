// The same branch-free approximations as LaminaTensor's KernelFloat (Cephes
// expf coefficients, range reduction x = n·ln2 + r, 2^n built in the exponent
// bits; tanh by an odd Taylor polynomial near 0 and 1 − 2/(e^{2|x|}+1)
// elsewhere), written as plain loops the compiler vectorizes. The body is
// compiled twice: for the baseline and, via the target attribute, for
// AVX2 + FMA; a dispatcher picks one per call.
#include "CKernels.h"
#include <stdint.h>
#include <string.h>
#include <math.h>

static inline float bits_to_float(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline uint32_t float_to_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

#define EXP_BODY(x_in, out)                                                          \
    do {                                                                             \
        float xv = (x_in);                                                           \
        float c = xv < -103.97208f ? -103.97208f : (xv > 88.72284f ? 88.72284f : xv); \
        float t = c * 1.44269504088896341f + 12582912.0f;                            \
        float nn = t - 12582912.0f;                                                  \
        float r = c - nn * 0.693359375f;                                             \
        r = r - nn * -2.12194440e-4f;                                                \
        float p = 1.9875691500e-4f;                                                  \
        p = p * r + 1.3981999507e-3f;                                                \
        p = p * r + 8.3334519073e-3f;                                                \
        p = p * r + 4.1665795894e-2f;                                                \
        p = p * r + 1.6666665459e-1f;                                                \
        p = p * r + 5.0000001201e-1f;                                                \
        float er = p * (r * r) + r + 1.0f;                                           \
        int32_t ni = (int32_t)(float_to_bits(t) & 0x7FFFFF) - 0x400000;              \
        int32_t half = ni >> 1;                                                      \
        float lo = bits_to_float((uint32_t)(half + 127) << 23);                      \
        float hi = bits_to_float((uint32_t)(ni - half + 127) << 23);                 \
        float res = er * lo * hi;                                                    \
        res = xv > 88.72284f ? INFINITY : res;                                       \
        res = xv < -103.97208f ? 0.0f : res;                                         \
        (out) = xv != xv ? xv : res;                                                 \
    } while (0)

#define DEFINE_KERNELS(suffix, attr)                                                 \
    attr static void exp_##suffix(const float *x, float *y, size_t n) {             \
        for (size_t i = 0; i < n; i++) { float e; EXP_BODY(x[i], e); y[i] = e; }    \
    }                                                                                \
    attr static void sigmoid_##suffix(const float *x, float *y, size_t n) {         \
        for (size_t i = 0; i < n; i++) { float e; EXP_BODY(-x[i], e); y[i] = 1.0f / (1.0f + e); } \
    }                                                                                \
    attr static void tanh_##suffix(const float *x, float *y, size_t n) {            \
        for (size_t i = 0; i < n; i++) {                                             \
            float v = x[i], ax = fabsf(v), x2 = v * v;                               \
            float p = -0.0088632355f;                                                \
            p = p * x2 + 0.0218694885f;                                              \
            p = p * x2 - 0.0539682540f;                                              \
            p = p * x2 + 0.1333333333f;                                              \
            p = p * x2 - 0.3333333333f;                                              \
            float small = v + v * x2 * p;                                            \
            float e; EXP_BODY(2.0f * (ax < 20.0f ? ax : 20.0f), e);                  \
            float large = 1.0f - 2.0f / (e + 1.0f);                                  \
            large = v < 0 ? -large : large;                                          \
            y[i] = v != v ? v : (ax < 0.4f ? small : large);                         \
        }                                                                            \
    }

DEFINE_KERNELS(base, )
#if defined(__x86_64__)
DEFINE_KERNELS(avx2, __attribute__((target("avx2,fma"))))

int lamina_has_avx2_fma(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached;
}
#define DISPATCH(name) if (lamina_has_avx2_fma()) { name##_avx2(x, y, n); } else { name##_base(x, y, n); }
#else
int lamina_has_avx2_fma(void) { return 0; }
#define DISPATCH(name) name##_base(x, y, n);
#endif

void lamina_exp_f32(const float *x, float *y, size_t n) { DISPATCH(exp) }
void lamina_sigmoid_f32(const float *x, float *y, size_t n) { DISPATCH(sigmoid) }
void lamina_tanh_f32(const float *x, float *y, size_t n) { DISPATCH(tanh) }

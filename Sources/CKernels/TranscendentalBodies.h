// The per-element bodies of the float32 transcendentals (see Transcendentals.c
// for the formulas), shared by the one-function loops there and by the
// program runner in ElementwiseProgram.c so both evaluate the very same
// expressions. Include only from files compiled with the default
// floating-point contraction (clang's -ffp-contract=on: a·b + c inside one
// expression may become one FMA where the target has it), as
// Transcendentals.c always was: the same source then gives the same bits.
#pragma once
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

// out = 1 / (1 + e^−x)
#define SIGMOID_BODY(x_in, out)                                                      \
    do { float e_; EXP_BODY(-(x_in), e_); (out) = 1.0f / (1.0f + e_); } while (0)

// out = tanh x: an odd Taylor polynomial for |x| < 0.4, 1 − 2/(e^{2|x|}+1) with the sign restored elsewhere.
#define TANH_BODY(x_in, out)                                                         \
    do {                                                                             \
        float v = (x_in), ax = fabsf(v), x2 = v * v;                                 \
        float p = -0.0088632355f;                                                    \
        p = p * x2 + 0.0218694885f;                                                  \
        p = p * x2 - 0.0539682540f;                                                  \
        p = p * x2 + 0.1333333333f;                                                  \
        p = p * x2 - 0.3333333333f;                                                  \
        float small = v + v * x2 * p;                                                \
        float e; EXP_BODY(2.0f * (ax < 20.0f ? ax : 20.0f), e);                      \
        float large = 1.0f - 2.0f / (e + 1.0f);                                      \
        large = v < 0 ? -large : large;                                              \
        (out) = v != v ? v : (ax < 0.4f ? small : large);                            \
    } while (0)

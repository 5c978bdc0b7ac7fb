// Which vector instructions the kernels may use: what the CPU has, limited by
// LAMINA_VECTOR_WIDTH or lamina_set_vector_width_limit. Every kernel gives the
// same bits at 8 and 16 floats per vector (see PackedGemmAVX512.c and
// ElementwiseProgram.c), so the limit changes speed only; it exists to check
// exactly that, and to compare speeds.
//
// Kernels on any thread ask these at every call, so each answer is computed
// once and kept in an atomic int (-1 or 0: not yet known). Racing first calls
// compute the same value; the width limit is settled by compare-and-swap, so a
// limit set by lamina_set_vector_width_limit is never overwritten by the
// environment's.
#include "CKernels.h"
#include <stdlib.h>
#include <string.h>

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

#if defined(__x86_64__)
static int avx2_fma = -1, avx512f = -1;

int lamina_has_avx2_fma(void) {
    int known = LOAD(avx2_fma);
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        STORE(avx2_fma, known);
    }
    return known;
}

int lamina_has_avx512f(void) {
    int known = LOAD(avx512f);
    if (known < 0) {
        __builtin_cpu_init();
        known = lamina_has_avx2_fma() && __builtin_cpu_supports("avx512f");
        STORE(avx512f, known);
    }
    return known;
}
#else
int lamina_has_avx2_fma(void) { return 0; }
int lamina_has_avx512f(void) { return 0; }
#endif

/// 0 until first read or set; then 8 or 16.
static int width_limit = 0;

int lamina_vector_width_limit(void) {
    int limit = LOAD(width_limit);
    if (limit == 0) {
        const char *value = getenv("LAMINA_VECTOR_WIDTH");
        int from_environment = value && strcmp(value, "8") == 0 ? 8 : 16, expected = 0;
        // Keeps a limit another thread set meanwhile.
        if (!__atomic_compare_exchange_n(&width_limit, &expected, from_environment, 0, __ATOMIC_RELAXED,
                                         __ATOMIC_RELAXED))
            return expected;
        limit = from_environment;
    }
    return limit;
}

void lamina_set_vector_width_limit(int floats) { STORE(width_limit, floats <= 8 ? 8 : 16); }

int lamina_use_avx512(void) { return lamina_has_avx512f() && lamina_vector_width_limit() >= 16; }

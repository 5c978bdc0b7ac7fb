// Which vector instructions the kernels may use: what the CPU has, limited by
// LAMINA_VECTOR_WIDTH or lamina_set_vector_width_limit. Every kernel gives the
// same bits at 8 and 16 floats per vector (see PackedGemmAVX512.c and
// ElementwiseProgram.c), so the limit changes speed only; it exists to check
// exactly that, and to compare speeds.
#include "CKernels.h"
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
int lamina_has_avx2_fma(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached;
}

int lamina_has_avx512f(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = lamina_has_avx2_fma() && __builtin_cpu_supports("avx512f");
    }
    return cached;
}
#else
int lamina_has_avx2_fma(void) { return 0; }
int lamina_has_avx512f(void) { return 0; }
#endif

/// 0 until first read; then 8 or 16.
static int width_limit = 0;

int lamina_vector_width_limit(void) {
    int limit = __atomic_load_n(&width_limit, __ATOMIC_RELAXED);
    if (limit == 0) {
        const char *value = getenv("LAMINA_VECTOR_WIDTH");
        limit = value && strcmp(value, "8") == 0 ? 8 : 16;
        __atomic_store_n(&width_limit, limit, __ATOMIC_RELAXED);
    }
    return limit;
}

void lamina_set_vector_width_limit(int floats) {
    __atomic_store_n(&width_limit, floats <= 8 ? 8 : 16, __ATOMIC_RELAXED);
}

int lamina_use_avx512(void) { return lamina_has_avx512f() && lamina_vector_width_limit() >= 16; }

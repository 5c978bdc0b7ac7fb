// The target attributes of the kernels' vector variants, and the call that
// picks one. Private to CKernels.
// The AVX-512 variant needs only AVX-512F (lamina_has_avx512f checks nothing
// else), so it runs on every AVX-512 CPU.
#pragma once
#include "CKernels.h"

#define AVX2_TARGET "avx2,fma"
#define AVX512_TARGET "avx512f,avx2,fma"

/// Calls name_avx512, name_avx2 or name_base with the arguments: the widest
/// variant the CPU has and the width limit allows (see CPUFeatures.c).
#if defined(__x86_64__)
#define CALL_WIDEST(name, ...)                                                   \
    do {                                                                         \
        if (lamina_use_avx512()) name##_avx512(__VA_ARGS__);                     \
        else if (lamina_has_avx2_fma()) name##_avx2(__VA_ARGS__);                \
        else name##_base(__VA_ARGS__);                                           \
    } while (0)
#else
#define CALL_WIDEST(name, ...) name##_base(__VA_ARGS__)
#endif

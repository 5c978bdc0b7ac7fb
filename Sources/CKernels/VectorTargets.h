// The target attributes of the kernels' vector variants. Private to CKernels.
// The AVX-512 variant needs only AVX-512F (lamina_has_avx512f checks nothing
// else), so it runs on every AVX-512 CPU.
#pragma once

#define AVX2_TARGET "avx2,fma"
#define AVX512_TARGET "avx512f,avx2,fma"

// Concatenation's copy: output row o is row o of every source, one after
// another. A loop body concatenates every step (an LSTM's four gate
// gradients: 50 rows of four 128-byte pieces), and a libc memmove call per
// 128-byte piece cost more than the copy itself, so short pieces are copied
// here with 32-byte vector moves instead.
#include "CKernels.h"
#include <string.h>

/// Bytes of a piece from which memmove's own bulk paths pay for the call.
#define SHORT_PIECE 512

typedef unsigned char block32 __attribute__((vector_size(32), aligned(1), may_alias));
typedef unsigned char block8 __attribute__((vector_size(8), aligned(1), may_alias));

// no_builtin keeps the compiler from turning the loops back into memcpy calls.
__attribute__((no_builtin("memcpy"))) static inline void copy_short(unsigned char *d, const unsigned char *s, size_t n) {
    size_t i = 0;
    for (; i + 32 <= n; i += 32) *(block32 *)(d + i) = *(const block32 *)(s + i);
    for (; i + 8 <= n; i += 8) *(block8 *)(d + i) = *(const block8 *)(s + i);
    for (; i < n; i++) d[i] = s[i];
}

__attribute__((no_builtin("memcpy"))) void lamina_interleave_rows(size_t outer, size_t count,
                                                                   const void *const *sources, const size_t *row_bytes,
                                                                   void *output) {
    unsigned char *d = output;
    for (size_t o = 0; o < outer; o++)
        for (size_t k = 0; k < count; k++) {
            size_t n = row_bytes[k];
            const unsigned char *s = (const unsigned char *)sources[k] + o * n;
            if (n <= SHORT_PIECE) copy_short(d, s, n);
            else memcpy(d, s, n);
            d += n;
        }
}

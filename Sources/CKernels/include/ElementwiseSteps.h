#pragma once
#include <stddef.h>
#include <stdint.h>

// A float32 elementwise program run one chunk at a time (see ElementwiseProgram.c):
// the compiled form of LaminaTensor's ElementwiseProgram when every instruction
// is one of these operations.

/// One step: y = op(a, b, c, d), each an index into the register table.
typedef struct {
    int32_t op;
    int32_t y, a, b, c, d;
} lamina_ew_step;

/// Step operations. Every arithmetic operation is one IEEE float32 operation per
/// element, rounded to float32; a pair step does two of them in one loop, the
/// first's result t kept in a register instead of memory (the same bits).
enum {
    /// y = f(a) for exp, σ, tanh, −x, x·x, copy, max(x, 0) (x < 0 ? 0 : x).
    LAMINA_EW_EXP = 0, LAMINA_EW_SIGMOID, LAMINA_EW_TANH, LAMINA_EW_NEGATE, LAMINA_EW_SQUARE, LAMINA_EW_IDENTITY,
    LAMINA_EW_RECTIFY,
    /// y = a ∘ b for + − × ÷ (arithmetic index 0, 1, 2, 3).
    LAMINA_EW_ADD = 8, LAMINA_EW_SUBTRACT, LAMINA_EW_MULTIPLY, LAMINA_EW_DIVIDE,
    /// y = a ≠ 0 ? b : c (NaN counts as nonzero).
    LAMINA_EW_SELECT = 12,
    /// 16 + (first·4 + second)·2 + side: t = a ∘first b, then y = t ∘second c (side 0) or c ∘second t (side 1).
    LAMINA_EW_ARITHMETIC_PAIR = 16,
    /// 48 + first·2 + side: t = a ∘first b, then y = c ≠ 0 ? t : d (side 0) or c ≠ 0 ? d : t (side 1).
    LAMINA_EW_SELECT_PAIR = 48,
    /// 56 + (f·4 + second)·2 + side, f 0 = σ, 1 = tanh: t = f(a), then y = t ∘second b (side 0) or b ∘second t (side 1).
    LAMINA_EW_FUNCTION_PAIR = 56,
    /// One past the last operation.
    LAMINA_EW_OPERATION_COUNT = 72
};

/// Runs `count` steps over `n` elements of each register: regs[k] points to
/// register k's n values (its chunk). A step's y may equal any of its operands;
/// other overlaps are not allowed. AVX2 + FMA code where the CPU has it.
void lamina_ew_run_f32(const lamina_ew_step *steps, size_t count, float *const *regs, size_t n);

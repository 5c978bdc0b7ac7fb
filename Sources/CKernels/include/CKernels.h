#pragma once
#include <stddef.h>

// Vectorized float32 transcendentals for Lamina's elementwise kernels.
// Each function picks at run time the widest instruction set the CPU has
// (AVX2 + FMA, else the baseline), so the package builds for any x86-64.

/// y[i] = e^x[i]
void lamina_exp_f32(const float *x, float *y, size_t n);
/// y[i] = 1 / (1 + e^-x[i])
void lamina_sigmoid_f32(const float *x, float *y, size_t n);
/// y[i] = tanh(x[i])
void lamina_tanh_f32(const float *x, float *y, size_t n);

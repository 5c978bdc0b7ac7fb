"""One JAX training step shared by the peer scripts: the gradient's total norm,
clipping to a norm (as the harness's `clipNorm`, with its epsilon), and Adam.

Adam as in Kingma & Ba (2015), Algorithm 1, with the bias corrections applied to
m and v (the form `torch.optim.Adam` and Lamina's `Adam` compute):
    m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
    p ← p − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
Clipping scales every gradient by min(‖g‖, clip) / (‖g‖ + clip_epsilon).
"""


def adam_train_step(loss_fn, lr, beta1, beta2, eps, clip=None, clip_epsilon=1e-7):
    """A function (p, m, v, t, x, y) -> (p, m, v, t, loss, norm) over dicts of
    parameters and moments, ready for `jax.jit`; `norm` is the total norm of the
    gradients before clipping (None for `clip` means no clipping)."""
    import jax
    import jax.numpy as jnp

    def train_step(p, m, v, t, x, y):
        loss, g = jax.value_and_grad(loss_fn)(p, x, y)
        norm = jnp.sqrt(sum(jnp.sum(g[k] * g[k]) for k in g))
        if clip:
            scale = jnp.minimum(norm, clip) / (norm + clip_epsilon)
            g = {k: g[k] * scale for k in g}
        t = t + 1
        c1 = 1 - beta1 ** t.astype(jnp.float32)
        c2 = 1 - beta2 ** t.astype(jnp.float32)
        m = {k: beta1 * m[k] + (1 - beta1) * g[k] for k in p}
        v = {k: beta2 * v[k] + (1 - beta2) * g[k] * g[k] for k in p}
        p = {k: p[k] - lr * (m[k] / c1) / (jnp.sqrt(v[k] / c2) + eps) for k in p}
        return p, m, v, t, loss, norm

    return train_step

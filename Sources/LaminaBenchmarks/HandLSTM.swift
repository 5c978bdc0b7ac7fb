import LaminaTensor

/// An LSTM training pass written by hand over LaminaTensor kernels: the
/// reference the compiled `scan` is measured against. The cost is the sum of
/// all hidden states; gradients are taken for W (D×4H), U (H×4H) and b (4H),
/// gate order i, f, g, o, zero initial states.
///
/// It does what a careful hand-written implementation does: the input
/// projection of all steps as one GEMM, one GEMM per step forward and one
/// backward, the gate arithmetic in one pass per step, the activations kept
/// from the forward pass, and the weight gradients as one GEMM each after the loop.
final class HandLSTM {
    let T: Int, B: Int, D: Int, H: Int
    let x: UnsafeMutablePointer<Float>, W: UnsafeMutablePointer<Float>, U: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>
    // forward storage
    let gates: UnsafeMutablePointer<Float>   // (T, B, 4H): activations i, f, g, o
    let cells: UnsafeMutablePointer<Float>   // (T+1, B, H): c_{-1} = 0 first
    let hiddens: UnsafeMutablePointer<Float> // (T+1, B, H)
    let tanhCells: UnsafeMutablePointer<Float> // (T, B, H)
    // backward storage
    let dGates: UnsafeMutablePointer<Float>  // (T, B, 4H)
    let dh: UnsafeMutablePointer<Float>, dc: UnsafeMutablePointer<Float>
    let dW: UnsafeMutablePointer<Float>, dU: UnsafeMutablePointer<Float>, db: UnsafeMutablePointer<Float>

    init(T: Int, B: Int, D: Int, H: Int, x: NDArray, W: NDArray, U: NDArray, b: NDArray) {
        (self.T, self.B, self.D, self.H) = (T, B, D, H)
        func copy(_ a: NDArray) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: a.count)
            a.withUnsafeBufferPointer(as: Float.self) { p.update(from: $0.baseAddress!, count: a.count) }
            return p
        }
        func zeros(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            p.initialize(repeating: 0, count: n)
            return p
        }
        self.x = copy(x); self.W = copy(W); self.U = copy(U); self.b = copy(b)
        gates = zeros(T * B * 4 * H); cells = zeros((T + 1) * B * H); hiddens = zeros((T + 1) * B * H)
        tanhCells = zeros(T * B * H); dGates = zeros(T * B * 4 * H)
        dh = zeros(B * H); dc = zeros(B * H)
        dW = zeros(D * 4 * H); dU = zeros(H * 4 * H); db = zeros(4 * H)
    }

    /// One forward and backward pass; returns the cost.
    func step() -> Double {
        let G = 4 * H
        // Input projection of all steps, bias included: gates = X·W + b.
        for r in 0..<(T * B) { (gates + r * G).update(from: b, count: G) }
        BLAS.gemm(dtype: .float32, transposeA: false, transposeB: false, m: T * B, n: G, k: D, alpha: 1,
                  a: x, lda: D, b: W, ldb: G, beta: 1, c: gates, ldc: G)
        var cost = 0.0
        for t in 0..<T {
            let g = gates + t * B * G
            let hPrev = hiddens + t * B * H, cPrev = cells + t * B * H
            let hNext = hiddens + (t + 1) * B * H, cNext = cells + (t + 1) * B * H, tc = tanhCells + t * B * H
            BLAS.gemm(dtype: .float32, transposeA: false, transposeB: false, m: B, n: G, k: H, alpha: 1,
                      a: hPrev, lda: H, b: U, ldb: G, beta: 1, c: g, ldc: G)
            for r in 0..<B {
                let row = g + r * G
                for u in 0..<H {
                    let i = 1 / (1 + Float.kExp(-row[u])), f = 1 / (1 + Float.kExp(-row[H + u]))
                    let cand = Float.kTanh(row[2 * H + u]), o = 1 / (1 + Float.kExp(-row[3 * H + u]))
                    row[u] = i; row[H + u] = f; row[2 * H + u] = cand; row[3 * H + u] = o
                    let c = f * cPrev[r * H + u] + i * cand
                    let th = Float.kTanh(c)
                    cNext[r * H + u] = c; tc[r * H + u] = th
                    hNext[r * H + u] = o * th
                }
            }
            for k in 0..<(B * H) { cost += Double(hNext[k]) }
        }
        // Backward: cost = Σ h_t, so every h_t receives 1 directly.
        dh.update(repeating: 0, count: B * H)
        dc.update(repeating: 0, count: B * H)
        for t in stride(from: T - 1, through: 0, by: -1) {
            let g = gates + t * B * G, dg = dGates + t * B * G
            let cPrev = cells + t * B * H, tc = tanhCells + t * B * H
            for r in 0..<B {
                let row = g + r * G, drow = dg + r * G
                for u in 0..<H {
                    let k = r * H + u
                    let i = row[u], f = row[H + u], cand = row[2 * H + u], o = row[3 * H + u]
                    let dhk = dh[k] + 1
                    let th = tc[k]
                    let dck = dc[k] + dhk * o * (1 - th * th)
                    drow[u] = dck * cand * i * (1 - i)
                    drow[H + u] = dck * cPrev[k] * f * (1 - f)
                    drow[2 * H + u] = dck * i * (1 - cand * cand)
                    drow[3 * H + u] = dhk * th * o * (1 - o)
                    dc[k] = dck * f
                }
            }
            // dh_{t−1} = dG_t · Uᵀ
            BLAS.gemm(dtype: .float32, transposeA: false, transposeB: true, m: B, n: H, k: G, alpha: 1,
                      a: dg, lda: G, b: U, ldb: G, beta: 0, c: dh, ldc: H)
        }
        // Weight gradients as one GEMM each over all steps.
        BLAS.gemm(dtype: .float32, transposeA: true, transposeB: false, m: H, n: G, k: T * B, alpha: 1,
                  a: hiddens, lda: H, b: dGates, ldb: G, beta: 0, c: dU, ldc: G)
        BLAS.gemm(dtype: .float32, transposeA: true, transposeB: false, m: D, n: G, k: T * B, alpha: 1,
                  a: x, lda: D, b: dGates, ldb: G, beta: 0, c: dW, ldc: G)
        db.update(repeating: 0, count: G)
        for r in 0..<(T * B) { let row = dGates + r * G; for j in 0..<G { db[j] += row[j] } }
        return cost
    }
}

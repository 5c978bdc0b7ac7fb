import LaminaGraph
import LaminaTensor

/// A GRU decoder with additive (Bahdanau) attention over encoder states and
/// output feedback of the attention context (Bahdanau et al. 2015; Luong et
/// al. 2015's input feeding):
///
///     s_t = GRU([y_t, c_{t−1}], s_{t−1})
///     e_{t,j} = v · tanh(s_t·W_q + E_j·W_k + b_k),   α_t = softmax_j(e_t) over the unmasked j
///     c_t = Σ_j α_{t,j} E_j
///
/// (the scoring is ``AdditiveAttentionLayer``'s, one shared implementation;
/// a sequence whose encoder positions are all masked gets α_t = 0 and c_t = 0)
///
/// where y_t is the step's input (the previous target token's embedding when
/// training with teacher forcing, the previous prediction's when sampling),
/// E (batch, S, He) the encoder states and an optional (batch, S) mask.
/// States are [s (H), c (He)] with roles ``VariableRole/hidden`` and
/// ``VariableRole/attentionContext``; the internal values are the GRU's gates and
/// α_t (``VariableRole/attentionWeights``, (batch, S)). E·W_k + b_k is computed once,
/// before the loop.
///
/// Run it in the loop with a ``RecurrenceLayer`` whose `contexts` are the
/// encoder layer and, if any, the encoder mask layer; sample one step at a
/// time with ``RecurrentLayerBase/step(input:states:mask:contexts:deterministic:)``.
///
/// Parameters: the GRU's (``GRUCell``, reading D + He features), then
/// `W_query` (H, A), `W_key` (He, A), `b_key` (A,) and `v_attention` (A,).
public final class AttentionDecoderCell: RecurrentCell, @unchecked Sendable {
    /// The recurrent core.
    public let gru: GRUCell
    /// D, He, A: the input features, encoder features and attention units.
    public let inputSize: Int, encoderSize: Int, attentionUnits: Int
    /// Whether a mask over the encoder positions is the second context.
    public let masked: Bool
    /// W_q (H, A), W_k (He, A), b_k (A,), v (A,).
    public let W_query: Expr, W_key: Expr, b_key: Expr, v_attention: Expr
    public let parameters: [CellParameter]
    public let stateRoles: [VariableRole] = [.hidden, .attentionContext]
    public var stateShapes: [[Int]] { [[gru.units], [encoderSize]] }
    public var internalRoles: [VariableRole] { gru.internalRoles + [.attentionWeights] }
    public var stepInputSize: Int? { inputSize }

    /// - Parameters:
    ///   - inputSize: D, the features of y_t.
    ///   - units: H, the GRU's units.
    ///   - encoderSize: He, the features of each encoder state.
    ///   - attentionUnits: A, the size of the scoring layer.
    ///   - masked: whether the layer passes an encoder mask (batch, S) after the encoder states.
    ///   - W_query: the initializer of W_q (default Glorot uniform).
    ///   - W_key: the initializer of W_k (default Glorot uniform).
    ///   - v: the initializer of v (default Normal(0.1)).
    ///   - gates: the GRU's reset, update and candidate gates (default Lasagne's) and its form.
    ///   - name: prefixes the parameters' names (the name of the layer that runs the cell).
    /// - Throws: ``LaminaError/invalidLayer(layer:detail:)`` for a non-positive size or a source that does not fit.
    public init(inputSize: Int, units: Int, encoderSize: Int, attentionUnits: Int, masked: Bool = false,
                W_query: any ParameterSource = GlorotUniform(), W_key: any ParameterSource = GlorotUniform(),
                v: any ParameterSource = Normal(std: 0.1), resetPlacement: GRUResetPlacement = .afterProduct,
                updateForm: GRUUpdateForm = .gateOnCandidate, name: String? = nil) throws {
        let label = name ?? "AttentionDecoder"
        try checkCellSizes(inputSize: encoderSize, units: attentionUnits, label: label)
        gru = try GRUCell(inputSize: inputSize + encoderSize, units: units, resetPlacement: resetPlacement, updateForm: updateForm, name: name)
        self.inputSize = inputSize
        self.encoderSize = encoderSize
        self.attentionUnits = attentionUnits
        self.masked = masked
        var params = CellParameters(prefix: name, label: label)
        self.W_query = try params.add(W_query, shape: [units, attentionUnits], name: "W_query", role: Role.weight)
        self.W_key = try params.add(W_key, shape: [encoderSize, attentionUnits], name: "W_key", role: Role.weight)
        b_key = try params.add(Constant(0), shape: [attentionUnits], name: "b_key", role: Role.bias, tags: .bias)
        v_attention = try params.add(v, shape: [attentionUnits], name: "v_attention", role: Role.weight)
        parameters = gru.parameters + params.all
    }

    /// α_t's shape is (S), the encoder's positions; the GRU's gates are (H).
    public func internalShape(role: VariableRole, contextShapes: [[Int?]]) -> [Int?] {
        role == .attentionWeights ? [contextShapes.first?[1] ?? nil] : [gru.units]
    }

    /// Checks the contexts (E, and the mask when ``masked``) and appends the keys E·W_k + b_k.
    public func prepared(_ context: CellContext) throws -> CellContext {
        guard context.contexts.count == (masked ? 2 : 1) else {
            throw LaminaError.invalidArgument(function: "AttentionDecoderCell", detail: "expects the encoder states\(masked ? " and their mask" : "") as contexts, got \(context.contexts.count) values")
        }
        let encoder = context.contexts[0]
        guard encoder.rank == 3, encoder.shape[2] == nil || encoder.shape[2] == encoderSize else {
            throw LaminaError.invalidArgument(function: "AttentionDecoderCell", detail: "the encoder states must be (batch, positions, \(encoderSize)), got \(encoder.type)")
        }
        var prepared = context
        prepared.contexts.append(try encoder.dot(W_key) + b_key)
        return prepared
    }

    /// The input itself: the GRU reads it joined with the previous context, inside the loop.
    public func inputContribution(_ x: Expr, context: CellContext) throws -> Expr { x }

    public func step(contribution: Expr, states: [Expr], context: CellContext) throws -> RecurrentStep {
        let (encoder, mask, keys) = (context.contexts[0], masked ? context.contexts[1] : nil, context.contexts[masked ? 2 : 1])
        let joined = try Expr.concatenate([contribution, states[1]], axis: 1)
        let core = try gru.step(contribution: gru.inputContribution(joined, context: context), states: [states[0]], context: context)
        let s = core.states[0]
        let alpha = try additiveAttentionWeights(projectedQuery: s.dot(W_query).dimshuffle([0, nil, 1]), projectedKeys: keys,
                                                 v: v_attention, keyMask: mask)                // (batch, S)
        let c = try (alpha.dimshuffle([0, 1, nil]) * encoder).sum(axes: [1])                  // (batch, He)
        return RecurrentStep(states: [s, c], internals: core.internals + [(.attentionWeights, alpha)])
    }
}

extension Role {
    /// An attention decoder's context vector c_t = Σ_j α_{t,j} E_j.
    public static let attentionContext = "attention_context"
    /// An attention decoder's weights α_t over the encoder positions.
    public static let attentionWeights = "attention_weights"
}

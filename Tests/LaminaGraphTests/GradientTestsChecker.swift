import Testing
import LaminaTensor
import LaminaGraph
import LaminaTestSupport

/// The gradient checker itself: it must flag a wrong gradient and name the element.
@Suite struct GradientTestsChecker {
    /// gradientClipped makes the symbolic gradient wrong on purpose at element [1, 2] only.
    @Test func flagsAWrongGradientAndNamesTheElement() throws {
        let c = Expr.constant(f64([0.5, -0.5, 0.25, 0.75, -0.25, 3], [2, 3]))
        try withKnownIssue {
            try checkGradient({ x in try (x[0].gradientClipped(-1, 1) * c).sum() }, at: [uniform([2, 3], seed: 151)])
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("x0[1, 2]") && $0.rawValue.contains("symbolic 1.0") }
        }
    }

    /// A correct gradient passes (the same graph with bounds that do not bite).
    @Test func passesACorrectGradient() throws {
        let c = Expr.constant(f64([0.5, -0.5, 0.25, 0.75, -0.25, 3], [2, 3]))
        try checkGradient({ x in try (x[0].gradientClipped(-5, 5) * c).sum() }, at: [uniform([2, 3], seed: 151)])
    }

    /// The layer-output form (shared parameters, cost Σᵢ wᵢ·yᵢ with weights 0.5, −0.8, 1.1, −1.4, 1.7, −2.0)
    /// flags the one element whose clipped gradient is wrong: ∂cost/∂p[1, 2] = −2.0, clipped to −1.8.
    @Test func flagsAWrongParameterGradientAndNamesIt() throws {
        let p = Shared(f64([0.3, -0.1, 0.2, 0.4, -0.6, 0.9], [2, 3]), name: "p")
        try withKnownIssue {
            try checkGradients(of: p.gradientClipped(-1.8, 1.8), wrt: [p])
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("p[1, 2]") && $0.rawValue.contains("symbolic -1.8") }
        }
        try checkGradients(of: p.gradientClipped(-2.5, 2.5), wrt: [p])
        #expect(p.value.doubles == [0.3, -0.1, 0.2, 0.4, -0.6, 0.9])   // restored after the check
    }

    @Test func multiIndexFormatting() {
        #expect(multiIndex(5, shape: [2, 3]) == "[1, 2]")
        #expect(multiIndex(0, shape: []) == "[]")
        #expect(multiIndex(13, shape: [2, 3, 4]) == "[1, 0, 1]")
    }
}

package dev.transformers4j.core;

import dev.transformers4j.core.autograd.Backprop;
import dev.transformers4j.core.autograd.Grad;
import dev.transformers4j.core.autograd.GradRule;
import dev.transformers4j.core.autograd.Node;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A float32 tensor: a shape, strides and an offset into a backing array.
 *
 * <p>Views ({@link #reshape}, {@link #permute}, {@link #transpose}, {@link #slice}, {@link #select},
 * {@link #unsqueeze}) share the backing array and cost nothing; operations return new, contiguous tensors
 * and never modify their inputs. Heavy lifting goes to the {@link Kernels} of {@link Backend#current()}.
 *
 * <p><b>Where the operations are.</b> This class holds the state, the autograd bookkeeping and the fluent API;
 * each operation's body lives in a package-private class by kind, its backward rule beside its forward:
 * {@link ViewOps} (views), {@link BroadcastOps} (broadcasting arithmetic and sums), {@link ElementwiseOps}
 * (scalar arithmetic, activations, dropout), {@link MatmulOps} (matmul, linear), {@link NormOps} (softmax,
 * LayerNorm) and {@link CopyOps} (contiguous copies, the embedding lookup).
 *
 * <p><b>Autograd.</b> A tensor that {@link #requiresGrad() requires a gradient} is a leaf of the graph (a
 * parameter); every operation that reads one records how to differentiate itself: its backward rule is
 * written right after its forward, in the same method ({@link #derivedFrom}). {@link #backward()} on a scalar
 * loss runs the rules in reverse ({@link Backprop}) and adds {@code ∂loss/∂leaf} to each leaf's {@link #grad()}.
 * When no input needs a gradient, or under {@link Grad#noGrad}, an operation records nothing.
 *
 * <p>Shape glossary used in comments across the project: B batch, T tokens, S source tokens, C model width,
 * H heads, D head size, F feed-forward width, V vocabulary.
 */
public final class Tensor {

    // read directly by the op classes of this package; never written after construction
    final float[] data;             // shared with every view of it
    final int offset;
    final int[] shape;
    final int[] strides;

    private boolean requiresGrad;   // a leaf that collects a gradient (a parameter)
    private Node gradFn;            // the recorded operation that produced this tensor, or null
    private Tensor grad;            // ∂L/∂this, accumulated by backward() on leaves

    private WeightDType weightDType = WeightDType.FLOAT32;  // the form a frozen weight is multiplied in
    private volatile PreparedSlot prepared;                  // that form, prepared once by a backend

    Tensor(float[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    // ---------------------------------------------------------------- creation

    /** Wraps {@code data} (no copy) as a contiguous tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int n = Shape.numel(shape);
        if (data.length != n) {
            throw new IllegalArgumentException("data of length " + data.length + " does not fit shape "
                    + Shape.str(shape) + " (" + n + " elements)");
        }
        return new Tensor(data, 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shape.numel(shape)], 0, shape.clone(), Shape.contiguousStrides(shape));
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** A scalar (shape {@code []}). */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, new int[0], new int[0]);
    }

    // ---------------------------------------------------------------- shape

    public int[] shape() {
        return shape.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code d}; negative {@code d} counts from the end. */
    public int size(int d) {
        return shape[axis(d)];
    }

    public int numel() {
        return Shape.numel(shape);
    }

    public boolean isContiguous() {
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != s) {
                return false;
            }
            s *= shape[i];
        }
        return true;
    }

    /** This tensor if it is contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return CopyOps.contiguous(this);
    }

    /** {@link #contiguous()} without recording: for reading the values inside an operation. */
    Tensor dense() {
        return CopyOps.dense(this);
    }

    /**
     * The backing array of a contiguous tensor, starting at {@link #offset()}. Writing to it writes to
     * every view that shares it.
     */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** The values in row-major order, as a fresh array. */
    public float[] toArray() {
        float[] out = new float[numel()];
        CopyOps.copyTo(this, out, 0);
        return out;
    }

    /** The element at the given index. */
    public float get(int... index) {
        return data[flatIndex(index)];
    }

    /** Sets one element (writes through to views sharing the array). */
    public void set(float value, int... index) {
        data[flatIndex(index)] = value;
        prepared = null;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() needs one element but the shape is " + Shape.str(shape));
        }
        return data[offset];
    }

    // ---------------------------------------------------------------- as the frozen weight of a linear layer

    /** The form this tensor is multiplied in as the frozen weight of a linear layer ({@code float32} by default). */
    public WeightDType weightDType() {
        return weightDType;
    }

    /**
     * Chooses the form this tensor is multiplied in as the frozen weight of a linear layer (int8: symmetric per
     * output channel; bf16), prepared on first use; returns this. The float32 values stay: training, saving and
     * every other operation use them.
     */
    public Tensor weightDType(WeightDType dtype) {
        this.weightDType = java.util.Objects.requireNonNull(dtype, "dtype");
        prepared = null;
        return this;
    }

    /**
     * Forgets the prepared (packed or quantised) form of this weight: call it after writing to {@link #data()} of a
     * frozen weight directly. ({@link #set}, {@link #requiresGrad(boolean)} and loading do it themselves.)
     */
    public void weightChanged() {
        prepared = null;
    }

    private record PreparedSlot(Kernels kernels, boolean inOut, PreparedWeight weight) {
    }

    /**
     * This frozen 2-D weight as {@code kernels} multiply it, {@code [out, in]} (or {@code [in, out]} when
     * {@code inOut}), in its {@link #weightDType()}: prepared on first use, then cached until the weight can change.
     */
    PreparedWeight preparedWeight(Kernels kernels, boolean inOut) {
        PreparedSlot slot = prepared;
        if (slot == null || slot.kernels() != kernels || slot.inOut() != inOut || slot.weight().dtype() != weightDType) {
            Tensor w = dense();
            int out = inOut ? shape[1] : shape[0];
            int in = inOut ? shape[0] : shape[1];
            slot = new PreparedSlot(kernels, inOut,
                    kernels.prepareWeight(w.data, w.offset, shape[1], out, in, inOut, weightDType));
            prepared = slot;
        }
        return slot.weight();
    }

    // ---------------------------------------------------------------- autograd

    /** Marks this leaf as needing a gradient (a parameter); returns this. */
    public Tensor requiresGrad() {
        return requiresGrad(true);
    }

    /** Sets whether this leaf collects a gradient; returns this. */
    public Tensor requiresGrad(boolean on) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only a leaf can be marked, but this tensor is the output of "
                    + gradFn.op() + " (use detach() for a new leaf)");
        }
        requiresGrad = on;
        prepared = null;            // a trained weight changes in place: prepare it again when frozen
        return this;
    }

    /** Whether backward() reaches this tensor: a marked leaf or the output of a recorded operation. */
    public boolean needsGrad() {
        return requiresGrad || gradFn != null;
    }

    /** Whether this tensor was not produced by a recorded operation. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** The recorded operation that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** The accumulated {@code ∂L/∂this} of a leaf, or null before the first backward (or after {@link #zeroGrad}). */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient (the next backward starts from zero). */
    public void zeroGrad() {
        grad = null;
    }

    /** Adds {@code g} to this leaf's gradient (backward calls it; gradients accumulate across calls). */
    public void accumulateGrad(Tensor g) {
        Shape.check("gradient", shape, g.shape);
        if (grad == null) {
            grad = of(g.toArray(), shape);                        // an owned copy: g may be shared
        } else {
            Tensor c = g.dense();
            Backend.current().addInPlace(grad.data, 0, c.data, c.offset, grad.numel());
        }
    }

    /** Backpropagates from this scalar (a loss): {@code ∂L/∂L = 1}. */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("backward() needs a scalar but the shape is " + Shape.str(shape)
                    + "; reduce it first (sum(), mean()) or pass the output gradient");
        }
        backward(full(1f, shape));
    }

    /** Backpropagates {@code gradOutput = ∂L/∂this} through the recorded graph into the leaves' {@link #grad()}. */
    public void backward(Tensor gradOutput) {
        Backprop.run(this, gradOutput);
    }

    /** The same values as a new leaf, cut from the graph. */
    public Tensor detach() {
        return new Tensor(data, offset, shape, strides);
    }

    /**
     * Records that this new tensor was computed from {@code a}: when recording (grad mode on and {@code a}
     * needs a gradient), {@code da} will turn {@code ∂L/∂this} into {@code ∂L/∂a}. Returns this. Every
     * operation passes through here, so this is also where it is reported to an {@link OpTrace}.
     */
    public Tensor derivedFrom(String op, Tensor a, GradRule da) {
        OpTrace.report(op, this, a, null, null);
        if (wouldRecord(a, null)) {
            record(new Node(op, new Tensor[] {a}, new GradRule[] {da}));
        }
        return this;
    }

    /** As {@link #derivedFrom(String, Tensor, GradRule)} for an operation of two inputs (either may be null). */
    public Tensor derivedFrom(String op, Tensor a, GradRule da, Tensor b, GradRule db) {
        OpTrace.report(op, this, a, b, null);
        if (wouldRecord(a, b)) {
            record(new Node(op, new Tensor[] {a, b}, new GradRule[] {da, db}));
        }
        return this;
    }

    /** As {@link #derivedFrom(String, Tensor, GradRule)} for an operation of three inputs (any may be null). */
    public Tensor derivedFrom(String op, Tensor a, GradRule da, Tensor b, GradRule db, Tensor c, GradRule dc) {
        OpTrace.report(op, this, a, b, c);
        if ((needs(a) || needs(b) || needs(c)) && Grad.isEnabled()) {
            record(new Node(op, new Tensor[] {a, b, c}, new GradRule[] {da, db, dc}));
        }
        return this;
    }

    /** Whether an operation reading {@code a} and {@code b} (either may be null) is recorded now. */
    static boolean wouldRecord(Tensor a, Tensor b) {
        return (needs(a) || needs(b)) && Grad.isEnabled();
    }

    private static boolean needs(Tensor t) {
        return t != null && (t.requiresGrad || t.gradFn != null);
    }

    private void record(Node node) {
        if (gradFn != null || requiresGrad) {
            throw new IllegalStateException(node.op() + ": the output must be a new tensor, not an input or a leaf");
        }
        Workspace.escapeAll();                      // the graph keeps its tensors until backward
        gradFn = node;
    }

    // ---------------------------------------------------------------- views (ViewOps)

    /** A view with a new shape (one dimension may be -1); copies only when this tensor is not contiguous. */
    public Tensor reshape(int... newShape) {
        return ViewOps.reshape(this, newShape);
    }

    /** A view with the dimensions reordered: {@code permute(0, 2, 1, 3)} turns [B, T, H, D] into [B, H, T, D]. */
    public Tensor permute(int... dims) {
        return ViewOps.permute(this, dims);
    }

    /** A view with two dimensions swapped. */
    public Tensor transpose(int d0, int d1) {
        return ViewOps.transpose(this, d0, d1);
    }

    /** A view of indices {@code [start, end)} along {@code dim}. */
    public Tensor slice(int dim, int start, int end) {
        return ViewOps.slice(this, dim, start, end);
    }

    /** A view of one index along {@code dim}, with that dimension removed. */
    public Tensor select(int dim, int index) {
        return ViewOps.select(this, dim, index);
    }

    /** A view with a new dimension of size 1 at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        return ViewOps.unsqueeze(this, dim);
    }

    // ---------------------------------------------------------------- element-wise (BroadcastOps, ElementwiseOps)

    /**
     * {@code this + other}, broadcasting. Backward: {@code ∂L/∂a = ∂L/∂c} and {@code ∂L/∂b = ∂L/∂c}, each summed
     * over the dimensions it was broadcast along.
     */
    public Tensor add(Tensor other) {
        return BroadcastOps.add(this, other);
    }

    /** {@code this − other}, broadcasting: {@code ∂L/∂a = ∂L/∂c}, {@code ∂L/∂b = −∂L/∂c}. */
    public Tensor sub(Tensor other) {
        return BroadcastOps.sub(this, other);
    }

    /** {@code this ⊙ other}, broadcasting: {@code ∂L/∂a = ∂L/∂c ⊙ b}, {@code ∂L/∂b = ∂L/∂c ⊙ a}. */
    public Tensor mul(Tensor other) {
        return BroadcastOps.mul(this, other);
    }

    /** {@code this / other}, broadcasting: {@code ∂L/∂a = ∂L/∂c / b}, {@code ∂L/∂b = −∂L/∂c ⊙ a / b²}. */
    public Tensor div(Tensor other) {
        return BroadcastOps.div(this, other);
    }

    /** {@code this · s}: {@code ∂L/∂x = s · ∂L/∂y}. */
    public Tensor mul(float s) {
        return ElementwiseOps.mul(this, s);
    }

    /** {@code this + s}: {@code ∂L/∂x = ∂L/∂y}. */
    public Tensor add(float s) {
        return ElementwiseOps.add(this, s);
    }

    /**
     * Applies {@code f} to every element. Not differentiable (an arbitrary function has no known derivative):
     * recording it throws; use {@link #map(DoubleUnaryOperator, DoubleUnaryOperator)}.
     */
    public Tensor map(DoubleUnaryOperator f) {
        return ElementwiseOps.map(this, f);
    }

    /** Applies {@code f} to every element, with its derivative {@code df} for backward: {@code ∂L/∂x = ∂L/∂y · f'(x)}. */
    public Tensor map(DoubleUnaryOperator f, DoubleUnaryOperator df) {
        return ElementwiseOps.map(this, f, df);
    }

    /** {@code tanh x}; {@code tanh' = 1 − tanh²}. */
    public Tensor tanh() {
        return ElementwiseOps.tanh(this);
    }

    /** {@code max(x, 0)}; {@code relu' = [x > 0]}. */
    public Tensor relu() {
        return ElementwiseOps.relu(this);
    }

    /** SiLU / swish, {@code x·σ(x)}; {@code silu' = σ(x)·(1 + x·(1 − σ(x)))}. */
    public Tensor silu() {
        return ElementwiseOps.silu(this);
    }

    /** Exact GELU (erf form), as {@code hidden_act = "gelu"}; {@code gelu' = Φ(x) + x·φ(x)}. */
    public Tensor gelu() {
        return ElementwiseOps.gelu(this);
    }

    /** Tanh-approximated GELU, as {@code "gelu_new"} / {@code "gelu_pytorch_tanh"} (derivative in {@link MathFunctions}). */
    public Tensor geluTanh() {
        return ElementwiseOps.geluTanh(this);
    }

    /**
     * Inverted dropout (Srivastava et al., 2014): each element is zeroed with probability {@code p} and the rest
     * are scaled by {@code 1/(1 − p)}, so the expected value is unchanged; {@code ∂L/∂x = ∂L/∂y ⊙ mask}.
     */
    public Tensor dropout(double p, Rng rng) {
        return ElementwiseOps.dropout(this, p, rng);
    }

    /**
     * Element-wise binary operation with numpy broadcasting. Not differentiable (recording it throws):
     * use the arithmetic operations, which are.
     */
    public Tensor zipWith(Tensor other, FloatBinaryOperator op) {
        return BroadcastOps.zipWith(this, other, op);
    }

    /** A binary function of two floats. */
    @FunctionalInterface
    public interface FloatBinaryOperator {
        float apply(float x, float y);
    }

    // ---------------------------------------------------------------- reductions (BroadcastOps)

    /** The sum of all elements, a scalar: {@code ∂L/∂x_i = ∂L/∂s}. */
    public Tensor sum() {
        return sumTo();
    }

    /** The mean of all elements, a scalar: {@code ∂L/∂x_i = ∂L/∂m / n}. */
    public Tensor mean() {
        return sum().mul(1f / numel());
    }

    /**
     * Sums this tensor down to {@code target}, a shape that broadcasts to this one (leading dimensions and
     * dimensions of size 1 are summed over): the gradient of broadcasting. Backward: broadcast back,
     * {@link #expandTo}.
     */
    public Tensor sumTo(int... target) {
        return BroadcastOps.sumTo(this, target);
    }

    /** This tensor broadcast to {@code target} and copied: {@code ∂L/∂x} is {@link #sumTo} of the output gradient. */
    public Tensor expandTo(int... target) {
        return BroadcastOps.expandTo(this, target);
    }

    // ---------------------------------------------------------------- linear algebra (MatmulOps)

    /**
     * Batched matrix product {@code C = A·B}, {@code [..., M, K] · [..., K, N] → [..., M, N]}; batch dimensions
     * broadcast. Transposed views (for example {@code k.transpose(-2, -1)}) are multiplied without a copy.
     * Backward: {@code ∂L/∂A = ∂L/∂C·Bᵀ}, {@code ∂L/∂B = Aᵀ·∂L/∂C} (summed over broadcast batch dimensions).
     */
    public Tensor matmul(Tensor other) {
        return MatmulOps.matmul(this, other);
    }

    /**
     * A linear layer, {@code y = x·Wᵀ + b}, with {@code W} stored {@code [out, in]} as in {@code nn.Linear}.
     * Backward, with x and ∂L/∂y flattened to rows: {@code ∂L/∂x = ∂L/∂y·W}, {@code ∂L/∂W = (∂L/∂y)ᵀ·x},
     * {@code ∂L/∂b = Σ_rows ∂L/∂y}.
     *
     * @param bias {@code [out]}, or null
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return MatmulOps.linear(this, weight, bias);
    }

    /**
     * A linear layer with the weight stored {@code [in, out]} (GPT-2's Conv1D): {@code y = x·W + b}.
     * Backward: {@code ∂L/∂x = ∂L/∂y·Wᵀ}, {@code ∂L/∂W = xᵀ·∂L/∂y}, {@code ∂L/∂b = Σ_rows ∂L/∂y}.
     *
     * @param bias {@code [out]}, or null
     */
    public Tensor linearInOut(Tensor weight, Tensor bias) {
        return MatmulOps.linearInOut(this, weight, bias);
    }

    /**
     * A linear layer followed by an activation, {@code act(x·Wᵀ + b)} ({@code W [out, in]}). In inference (nothing
     * recorded, the weight frozen) the activation is applied in the product's epilogue while each tile of the output
     * is in cache; otherwise, and while an {@link OpTrace} runs, it is {@link #linear(Tensor, Tensor)} then
     * {@code act}'s own operation, with their backward rules.
     *
     * @param bias {@code [out]}, or null
     */
    public Tensor linear(Tensor weight, Tensor bias, FusedActivation act) {
        return MatmulOps.linear(this, weight, bias, act, false);
    }

    /** As {@link #linear(Tensor, Tensor, FusedActivation)} with the weight stored {@code [in, out]} (GPT-2's Conv1D). */
    public Tensor linearInOut(Tensor weight, Tensor bias, FusedActivation act) {
        return MatmulOps.linear(this, weight, bias, act, true);
    }

    // ---------------------------------------------------------------- normalisations (NormOps)

    /**
     * Softmax over the last dimension, max subtracted first. Backward:
     * {@code ∂L/∂x = y ⊙ (∂L/∂y − Σ_j ∂L/∂y_j·y_j)} ({@link #softmaxBackward}).
     */
    public Tensor softmax() {
        return NormOps.softmax(this);
    }

    /**
     * The backward rule of {@link #softmax()}, for this softmax output {@code y}: {@code ∂L/∂x} from
     * {@code gradOutput = ∂L/∂y}, row by row {@code y ⊙ (∂L/∂y − Σ_j ∂L/∂y_j·y_j)}. Not recorded; for a fused
     * softmax elsewhere (attention's scale-mask-softmax) to share the rule.
     */
    public Tensor softmaxBackward(Tensor gradOutput) {
        return NormOps.softmaxBackward(this, gradOutput);
    }

    /**
     * LayerNorm over the last dimension (two-pass, eps inside the square root):
     * {@code y = x̂·γ + β}, {@code x̂ = (x − μ)/√(σ² + eps)}. Backward: {@code ∂L/∂β = Σ_rows ∂L/∂y},
     * {@code ∂L/∂γ = Σ_rows ∂L/∂y ⊙ x̂}, and ∂L/∂x through μ and σ².
     */
    public Tensor layerNorm(Tensor gamma, Tensor beta, float eps) {
        return NormOps.layerNorm(this, gamma, beta, eps);
    }

    // ---------------------------------------------------------------- embedding lookup (CopyOps)

    /**
     * Embedding lookup: row {@code ids[i]} of {@code weight [V, C]} for every id, shaped {@code idsShape + [C]}.
     *
     * @throws IndexOutOfBoundsException naming the id and the vocabulary size
     */
    public static Tensor embedding(Tensor weight, int[] ids, int... idsShape) {
        return embedding(weight, ids, idsShape, -1);
    }

    /**
     * Embedding lookup whose {@code paddingIdx} row gets no gradient (as {@code nn.Embedding(padding_idx)}).
     * Backward: row {@code ids[i]} of ∂L/∂W accumulates row i of ∂L/∂out.
     *
     * @param paddingIdx the row that is never trained, or -1
     */
    public static Tensor embedding(Tensor weight, int[] ids, int[] idsShape, int paddingIdx) {
        return CopyOps.embedding(weight, ids, idsShape, paddingIdx);
    }

    // ---------------------------------------------------------------- helpers

    @Override
    public String toString() {
        int n = Math.min(numel(), 8);
        float[] head = Arrays.copyOf(toArray(), n);
        return "Tensor" + Shape.str(shape) + Arrays.toString(head) + (numel() > n ? "…" : "");
    }

    /** Dimension {@code d} of this tensor, negative {@code d} counting from the end. */
    int axis(int d) {
        int a = d < 0 ? d + shape.length : d;
        if (a < 0 || a >= shape.length) {
            throw new IndexOutOfBoundsException("dimension " + d + " of a tensor of rank " + shape.length);
        }
        return a;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " for shape " + Shape.str(shape));
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " for shape " + Shape.str(shape));
            }
            p += index[i] * strides[i];
        }
        return p;
    }
}

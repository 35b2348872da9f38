package org.modelworkbench.blocks.tensor;

import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.type.LayoutRule;
import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.Inputs;
import org.modelworkbench.blocks.type.Papers;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.blocks.type.ShapeException;

/** Shape-only operations: no parameters, 0 MACs. Dimension indices may be negative (−1 is the last). */
public final class TensorBlocks {
    private TensorBlocks() {
    }

    private static ParamSpec dim(String name, int def, String doc) {
        return ParamSpec.integer(name, def, -8, 7, doc);
    }

    /** Resolves a possibly negative dimension index against {@code rank}, naming the parameter if out of range. */
    public static int axis(int d, int rank, String param) throws ShapeException {
        int a = d < 0 ? rank + d : d;
        if (a < 0 || a >= rank) {
            throw new ShapeException(null, param + " = " + d + " is out of range for a " + rank + "-D input");
        }
        return a;
    }

    private static BlockSpec.Builder op(String id, String name, String description) {
        return BlockSpec.builder(id, name, Category.TENSOR).description(description + " No parameters; 0 MACs.")
                .paper(Papers.LECUN_1998);
    }

    public static final BlockType FLATTEN = new PrimitiveBlockType(
            op("tensor.flatten", "Flatten", "Merges dimensions start_dim … end_dim into one (N×C×H×W → N×C·H·W by default).")
                    .param(dim("start_dim", 1, "First dimension to merge"))
                    .param(dim("end_dim", -1, "Last dimension to merge"))
                    .input("x", "any").output("y", "flattened")
                    .layouts((in, p, n) -> List.of(flattened(in.layout(0), in.get(0).rank(), p.integer("start_dim"),
                            p.integer("end_dim"))))
                    .build(),
            (in, p) -> {
                Shape x = in.get(0);
                int s = axis(p.integer("start_dim"), x.rank(), "start_dim");
                int e = axis(p.integer("end_dim"), x.rank(), "end_dim");
                if (e < s) {
                    throw new ShapeException(null, "end_dim must not come before start_dim");
                }
                int[] d = x.dims();
                int[] out = new int[d.length - (e - s)];
                int j = 0;
                for (int i = 0; i < d.length; i++) {
                    if (i <= s || i > e) {
                        out[j++] = d[i];
                    } else {
                        out[j - 1] *= d[i];
                    }
                }
                return Evaluation.of(Shape.of(out), 0, 0);
            });

    private static final List<String> RESHAPE_LAYOUTS = List.of("auto", Layout.NCHW.shortName(), Layout.NHWC.shortName(),
            Layout.TOKENS.shortName(), Layout.NCL.shortName(), Layout.VECTOR.shortName(), Layout.SCAN.shortName());

    public static final BlockType RESHAPE = new PrimitiveBlockType(
            op("tensor.reshape", "Reshape", "Views the tensor with a new shape of the same size. In the target, 0 copies "
                    + "the input's size at that position and one −1 is inferred.")
                    .param(ParamSpec.intList("shape", List.of(0, -1), 1, 8, -1, 1 << 24, "Target shape"))
                    .param(ParamSpec.choice("layout", "auto", RESHAPE_LAYOUTS,
                            "What the result's axes mean: auto (a vector N×D for [0, −1]-like targets, otherwise "
                                    + "unknown) or a layout you state, e.g. NCHW when tokens are folded back into a map"))
                    .key("shape")
                    .input("x", "any").output("y", "target shape")
                    .layouts((in, p, n) -> {
                        if (!p.choice("layout").equals("auto")) {
                            Layout stated = Layout.byShortName(p.choice("layout"));
                            if (stated.rank() != p.intList("shape").size()) {
                                throw new ShapeException(null, "layout " + stated.shortName() + " has " + stated.rank()
                                        + " dimensions but the target shape " + p.intList("shape") + " has "
                                        + p.intList("shape").size());
                            }
                            return List.of(stated);
                        }
                        return List.of(p.intList("shape").size() == 2 && p.intList("shape").get(0) == 0
                                ? Layout.VECTOR : Layout.ANY);
                    })
                    .build(),
            (in, p) -> {
                Shape x = in.get(0);
                List<Integer> target = p.intList("shape");
                int[] out = new int[target.size()];
                int infer = -1;
                long known = 1;
                for (int i = 0; i < out.length; i++) {
                    int t = target.get(i);
                    if (t == -1) {
                        if (infer >= 0) {
                            throw new ShapeException(null, "shape may contain −1 only once");
                        }
                        infer = i;
                        continue;
                    }
                    if (t == 0) {
                        if (i >= x.rank()) {
                            throw new ShapeException(null, "shape[" + i + "] = 0 copies a dimension the " + x.rank() + "-D input lacks");
                        }
                        t = x.dim(i);
                    }
                    out[i] = t;
                    known *= t;
                }
                if (infer >= 0) {
                    if (known == 0 || x.numel() % known != 0) {
                        throw in.error(0, "cannot reshape " + x + " (" + x.numel() + " elements) to " + target);
                    }
                    out[infer] = (int) (x.numel() / known);
                } else if (known != x.numel()) {
                    throw in.error(0, "cannot reshape " + x + " (" + x.numel() + " elements) to " + target
                            + " (" + known + " elements)");
                }
                return Evaluation.of(Shape.of(out), 0, 0);
            });

    public static final BlockType PERMUTE = new PrimitiveBlockType(
            op("tensor.permute", "Permute", "Reorders dimensions, e.g. [0, 2, 3, 1] turns N×C×H×W into N×H×W×C.")
                    .param(ParamSpec.intList("dims", List.of(0, 2, 3, 1), 1, 8, 0, 7, "New order of the input's dimensions"))
                    .key("dims")
                    .input("x", "any").output("y", "permuted")
                    .layouts((in, p, n) -> List.of(permuted(in.layout(0), p.intList("dims"))))
                    .build(),
            (in, p) -> {
                Shape x = in.get(0);
                List<Integer> dims = p.intList("dims");
                if (dims.size() != x.rank()) {
                    throw in.error(0, "dims " + dims + " has " + dims.size() + " entries but the input " + x + " has "
                            + x.rank() + " dimensions");
                }
                boolean[] seen = new boolean[x.rank()];
                int[] out = new int[x.rank()];
                for (int i = 0; i < out.length; i++) {
                    int d = dims.get(i);
                    if (d >= x.rank() || seen[d]) {
                        throw new ShapeException(null, "dims " + dims + " must be a permutation of 0 … " + (x.rank() - 1));
                    }
                    seen[d] = true;
                    out[i] = x.dim(d);
                }
                return Evaluation.of(Shape.of(out), 0, 0);
            });

    private static List<PortSpec> numbered(String prefix, int n, String layout) {
        List<PortSpec> ports = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ports.add(new PortSpec(prefix + i, layout));
        }
        return ports;
    }

    public static final BlockType CONCAT = new PrimitiveBlockType(
            op("tensor.concat", "Concatenate", "Joins its inputs along one dimension; all other sizes must match.")
                    .param(ParamSpec.integer("inputs", 2, 2, 16, "Number of inputs"))
                    .param(dim("dim", 1, "Dimension to join along (1 = channels of N×C×H×W)"))
                    .key("dim")
                    .inputs(v -> numbered("x", v.integer("inputs"), "same rank"))
                    .output("y", "joined")
                    .layouts(LayoutRule.SAME)
                    .build(),
            (in, p) -> {
                Shape first = in.get(0);
                int a = axis(p.integer("dim"), first.rank(), "dim");
                int total = 0;
                for (int i = 0; i < in.size(); i++) {
                    Shape s = in.get(i);
                    if (s.rank() != first.rank()) {
                        throw in.error(i, "has rank " + s.rank() + " but " + in.portName(0) + " has rank " + first.rank());
                    }
                    for (int d = 0; d < s.rank(); d++) {
                        if (d != a && s.dim(d) != first.dim(d)) {
                            throw in.error(i, "size " + s + " differs from " + first + " in dimension " + d
                                    + " (only dimension " + a + " may differ)");
                        }
                    }
                    total += s.dim(a);
                }
                return Evaluation.of(first.with(a, total), 0, 0);
            });

    public static final BlockType SPLIT = new PrimitiveBlockType(
            op("tensor.split", "Split", "Cuts the input along one dimension into pieces of the given sizes, which must add up "
                    + "to the input's size (FocalNet splits q, context and gates this way).")
                    .param(ParamSpec.intList("sizes", List.of(32, 32), 2, 16, 1, 1 << 24, "Size of each piece"))
                    .param(dim("dim", 1, "Dimension to split"))
                    .key("sizes", "dim")
                    .outputs(v -> numbered("y", v.intList("sizes").size(), "piece"))
                    .input("x", "any")
                    .build(),
            (in, p) -> {
                Shape x = in.get(0);
                int a = axis(p.integer("dim"), x.rank(), "dim");
                List<Integer> sizes = p.intList("sizes");
                long sum = sizes.stream().mapToLong(Integer::longValue).sum();
                if (sum != x.dim(a)) {
                    throw in.error(0, "sizes " + sizes + " add up to " + sum + " but dimension " + a + " of " + x
                            + " is " + x.dim(a));
                }
                List<Shape> outs = new ArrayList<>();
                for (int size : sizes) {
                    outs.add(x.with(a, size));
                }
                return Evaluation.of(outs, 0, 0);
            });

    public static final BlockType CHUNK = new PrimitiveBlockType(
            op("tensor.chunk", "Chunk", "Cuts the input into equal pieces along one dimension; the size must divide evenly.")
                    .param(ParamSpec.integer("chunks", 2, 2, 16, "Number of pieces"))
                    .param(dim("dim", 1, "Dimension to cut"))
                    .key("chunks", "dim")
                    .input("x", "any")
                    .outputs(v -> numbered("y", v.integer("chunks"), "piece"))
                    .build(),
            (in, p) -> {
                Shape x = in.get(0);
                int a = axis(p.integer("dim"), x.rank(), "dim");
                int n = p.integer("chunks");
                if (x.dim(a) % n != 0) {
                    throw in.error(0, "dimension " + a + " of " + x + " (" + x.dim(a) + ") does not divide into " + n
                            + " equal chunks");
                }
                Shape piece = x.with(a, x.dim(a) / n);
                return Evaluation.of(java.util.Collections.nCopies(n, piece), 0, 0);
            });

    public static final BlockType ROLL = new PrimitiveBlockType(
            op("tensor.roll", "Roll", "Cyclically shifts the tensor along the given dimensions (Swin's shifted windows "
                    + "roll N×H×W×C by (−⌊W/2⌋, −⌊W/2⌋) before attention and back after).")
                    .param(ParamSpec.intList("shifts", List.of(-3, -3), 1, 8, -(1 << 20), 1 << 20, "Shift per dimension"))
                    .param(ParamSpec.intList("dims", List.of(1, 2), 1, 8, -8, 7, "Dimensions to roll"))
                    .key("shifts")
                    .input("x", "any").output("y", "same as x")
                    .build(),
            (in, p) -> {
                if (p.intList("shifts").size() != p.intList("dims").size()) {
                    throw new ShapeException(null, "shifts and dims must have the same length");
                }
                for (int d : p.intList("dims")) {
                    axis(d, in.get(0).rank(), "dims");
                }
                return Evaluation.of(in.get(0), 0, 0);
            });

    public static final BlockType SELECT = new PrimitiveBlockType(
            op("tensor.select", "Select index", "Takes one index along a dimension and drops that dimension (ViT's head "
                    + "takes the class token: index 0 of N×T×D gives N×D).")
                    .param(dim("dim", 1, "Dimension to index"))
                    .param(ParamSpec.integer("index", 0, -(1 << 24), 1 << 24, "Index; negative counts from the end"))
                    .key("dim", "index")
                    .input("x", "any").output("y", "one dimension fewer")
                    .layouts((in, p, n) -> {
                        Layout l = in.layout(0);
                        int rank = in.get(0).rank();
                        int d = p.integer("dim") < 0 ? rank + p.integer("dim") : p.integer("dim");
                        return List.of(l == Layout.TOKENS && d == 1 || l == Layout.NCL && d == 2 ? Layout.VECTOR : Layout.ANY);
                    })
                    .build(),
            (in, p) -> {
                Shape x = in.get(0);
                int a = axis(p.integer("dim"), x.rank(), "dim");
                int idx = p.integer("index");
                if (idx >= x.dim(a) || idx < -x.dim(a)) {
                    throw in.error(0, "index " + idx + " is out of range for dimension " + a + " of size " + x.dim(a));
                }
                int[] d = x.dims();
                int[] out = new int[d.length - 1];
                for (int i = 0, j = 0; i < d.length; i++) {
                    if (i != a) {
                        out[j++] = d[i];
                    }
                }
                return Evaluation.of(Shape.of(out), 0, 0);
            });

    public static final BlockType SPACE_TO_DEPTH = new PrimitiveBlockType(
            op("tensor.space_to_depth", "Space to depth", "Moves each b×b neighbourhood into the channels: "
                    + "N×H×W×C → N×H/b×W/b×b²C (channels_last, Swin's patch-merging order (0,0),(1,0),(0,1),(1,1)) or "
                    + "N×C×H×W → N×b²C×H/b×W/b (channels_first, pixel unshuffle).")
                    .param(ParamSpec.integer("block", 2, 2, 16, "Neighbourhood size b"))
                    .param(ParamSpec.choice("layout", "channels_last", List.of("channels_last", "channels_first"),
                            "Where the channels are"))
                    .key("block")
                    .input("x", "N×H×W×C or N×C×H×W").output("y", "N×H/b×W/b×b²C")
                    .layouts((in, p, n) -> List.of(in.require(0,
                            p.choice("layout").equals("channels_last") ? Layout.NHWC : Layout.NCHW)))
                    .build(),
            (in, p) -> {
                boolean last = p.choice("layout").equals("channels_last");
                Shape x = in.rank(0, 4, last ? "N×H×W×C" : "N×C×H×W");
                int b = p.integer("block");
                int h = last ? x.dim(1) : x.dim(2);
                int w = last ? x.dim(2) : x.dim(3);
                int c = last ? x.dim(3) : x.dim(1);
                if (h % b != 0 || w % b != 0) {
                    throw in.error(0, "the " + h + "×" + w + " map is not divisible by block " + b);
                }
                Shape out = last ? Shape.of(x.dim(0), h / b, w / b, b * b * c) : Shape.of(x.dim(0), b * b * c, h / b, w / b);
                return Evaluation.of(out, 0, 0);
            });

    private static ParamSpec side(String name) {
        return ParamSpec.integer(name, 0, 0, 1 << 16, "Padding added on the " + name + " side").withUnit("px");
    }

    public static final BlockType PAD = new PrimitiveBlockType(
            op("tensor.pad", "Pad", "Pads the height and width of N×C×H×W, each side on its own: "
                    + "N×C×(H+top+bottom)×(W+left+right). zero adds zeros; reflect mirrors the map without repeating "
                    + "its edge (each pad must be smaller than that size, as PyTorch's ReflectionPad2d); "
                    + "replicate repeats the edge. Use it before a convolution with padding 0 for non-zero or "
                    + "asymmetric padding (e.g. TensorFlow's \"same\" for an even kernel).")
                    .param(side("left")).param(side("right")).param(side("top")).param(side("bottom"))
                    .param(ParamSpec.choice("mode", "zero", List.of("zero", "reflect", "replicate"),
                            "What the new border holds"))
                    .key("mode", "left", "right", "top", "bottom")
                    .input("x", "N×C×H×W").output("y", "N×C×(H+top+bottom)×(W+left+right)")
                    .layouts(LayoutRule.preserves(Layout.NCHW))
                    .build(),
            (in, p) -> {
                Shape x = in.rank(0, 4, "N×C×H×W");
                int l = p.integer("left");
                int r = p.integer("right");
                int t = p.integer("top");
                int b = p.integer("bottom");
                if (p.choice("mode").equals("reflect")) {
                    if (Math.max(t, b) >= x.dim(2) || Math.max(l, r) >= x.dim(3)) {
                        throw in.error(0, "reflect padding must be smaller than the map on each side: "
                                + "top/bottom " + t + "/" + b + " for height " + x.dim(2) + ", left/right " + l + "/"
                                + r + " for width " + x.dim(3));
                    }
                }
                return Evaluation.of(Shape.of(x.dim(0), x.dim(1), x.dim(2) + t + b, x.dim(3) + l + r), 0, 0);
            });

    /** The layout of a flatten of start … end of a {@code rank}-D tensor laid out as {@code l}. */
    static Layout flattened(Layout l, int rank, int start, int end) {
        int s = start < 0 ? rank + start : start;
        int e = end < 0 ? rank + end : end;
        if (s == 1 && e == rank - 1 && l != Layout.ANY) {
            return Layout.VECTOR;
        }
        if (l == Layout.NCHW && s == 2 && e == 3) {
            return Layout.NCL;
        }
        if (l == Layout.NHWC && s == 1 && e == 2) {
            return Layout.TOKENS;
        }
        return s == e ? l : Layout.ANY;
    }

    /** What a permutation makes of a layout: N×C×H×W [0, 2, 3, 1] is N×H×W×C and so on; otherwise unknown. */
    static Layout permuted(Layout l, List<Integer> dims) {
        boolean identity = true;
        for (int i = 0; i < dims.size(); i++) {
            identity &= dims.get(i) == i;
        }
        if (identity) {
            return l;
        }
        if (l == Layout.NCHW && dims.equals(List.of(0, 2, 3, 1))) {
            return Layout.NHWC;
        }
        if (l == Layout.NHWC && dims.equals(List.of(0, 3, 1, 2))) {
            return Layout.NCHW;
        }
        if (l == Layout.NCL && dims.equals(List.of(0, 2, 1))) {
            return Layout.TOKENS;
        }
        if (l == Layout.TOKENS && dims.equals(List.of(0, 2, 1))) {
            return Layout.NCL;
        }
        return Layout.ANY;
    }

    /** The permutation that turns {@code from} into {@code to}, or null when there is none. */
    public static List<Integer> permutation(Layout from, Layout to) {
        for (List<Integer> dims : List.of(List.of(0, 2, 3, 1), List.of(0, 3, 1, 2), List.of(0, 2, 1))) {
            if (from.rank() == dims.size() && permuted(from, dims) == to) {
                return dims;
            }
        }
        return null;
    }

    public static final List<BlockType> ALL = List.of(FLATTEN, RESHAPE, PERMUTE, CONCAT, SPLIT, CHUNK, ROLL, SELECT,
            SPACE_TO_DEPTH, PAD);
}

package org.modelworkbench.trainer.compile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.modelworkbench.blocks.param.ParamValues;

/** Shape-only tensor operations, sizes taken from the tensor at run time (the batch may differ). */
final class TensorKernels {
    private TensorKernels() {
    }

    static int axis(int d, int rank) {
        return d < 0 ? rank + d : d;
    }

    /** x[..., from:to, ...] along {@code axis}. */
    static NDArray slice(NDArray x, int axis, long from, long to) {
        return x.get(new NDIndex().addAllDim(axis).addSliceDim(from, to));
    }

    static Kernel flatten(Op op, ParamValues p, Kernel.Params ps) {
        return (step, in) -> {
            NDArray x = in.get(0);
            long[] d = x.getShape().getShape();
            int s = axis(p.integer("start_dim"), d.length);
            int e = axis(p.integer("end_dim"), d.length);
            long[] out = new long[d.length - (e - s)];
            int j = 0;
            for (int i = 0; i < d.length; i++) {
                if (i <= s || i > e) {
                    out[j++] = d[i];
                } else {
                    out[j - 1] *= d[i];
                }
            }
            return new NDList(x.reshape(new Shape(out)));
        };
    }

    static Kernel reshape(Op op, ParamValues p, Kernel.Params ps) {
        List<Integer> target = p.intList("shape");
        return (step, in) -> {
            NDArray x = in.get(0);
            long[] out = new long[target.size()];
            for (int i = 0; i < out.length; i++) {
                int t = target.get(i);
                out[i] = t == 0 ? x.getShape().get(i) : t; // 0 copies, −1 is inferred by reshape itself
            }
            return new NDList(x.reshape(new Shape(out)));
        };
    }

    static Kernel permute(Op op, ParamValues p, Kernel.Params ps) {
        int[] dims = p.intList("dims").stream().mapToInt(Integer::intValue).toArray();
        return (step, in) -> new NDList(in.get(0).transpose(dims));
    }

    static Kernel concat(Op op, ParamValues p, Kernel.Params ps) {
        int a = axis(p.integer("dim"), op.in(0).rank());
        return (step, in) -> new NDList(NDArrays.concat(in, a));
    }

    static Kernel split(Op op, ParamValues p, Kernel.Params ps) {
        int a = axis(p.integer("dim"), op.in(0).rank());
        List<Integer> sizes = p.intList("sizes");
        long[] cuts = new long[sizes.size() - 1];
        long at = 0;
        for (int i = 0; i < cuts.length; i++) {
            at += sizes.get(i);
            cuts[i] = at;
        }
        return (step, in) -> in.get(0).split(cuts, a);
    }

    static Kernel chunk(Op op, ParamValues p, Kernel.Params ps) {
        int a = axis(p.integer("dim"), op.in(0).rank());
        int n = p.integer("chunks");
        return (step, in) -> in.get(0).split(n, a);
    }

    /** torch.roll: out[i] = x[(i − shift) mod n] along each dimension. */
    static NDArray roll(NDArray x, int shift, int axis) {
        long n = x.getShape().get(axis);
        long s = Math.floorMod(shift, n);
        if (s == 0) {
            return x;
        }
        return NDArrays.concat(new NDList(slice(x, axis, n - s, n), slice(x, axis, 0, n - s)), axis);
    }

    static Kernel roll(Op op, ParamValues p, Kernel.Params ps) {
        List<Integer> shifts = p.intList("shifts");
        List<Integer> dims = p.intList("dims");
        int rank = op.in(0).rank();
        return (step, in) -> {
            NDArray x = in.get(0);
            for (int i = 0; i < shifts.size(); i++) {
                x = roll(x, shifts.get(i), axis(dims.get(i), rank));
            }
            return new NDList(x);
        };
    }

    static Kernel select(Op op, ParamValues p, Kernel.Params ps) {
        int a = axis(p.integer("dim"), op.in(0).rank());
        int index = p.integer("index");
        return (step, in) -> {
            NDArray x = in.get(0);
            long i = index < 0 ? x.getShape().get(a) + index : index;
            return new NDList(x.get(new NDIndex().addAllDim(a).addIndices(i)));
        };
    }

    /**
     * channels_last: Swin's order, channel block j·b + i holds x[i::b, j::b] (for b = 2: (0,0), (1,0),
     * (0,1), (1,1)); channels_first: torch.pixel_unshuffle, channel c·b² + i·b + j.
     */
    static Kernel spaceToDepth(Op op, ParamValues p, Kernel.Params ps) {
        int b = p.integer("block");
        boolean last = p.choice("layout").equals("channels_last");
        return (step, in) -> {
            NDArray x = in.get(0);
            long[] d = x.getShape().getShape();
            if (last) {
                long n = d[0], h = d[1], w = d[2], c = d[3];
                // N, H/b, i, W/b, j, C → N, H/b, W/b, j, i, C
                NDArray y = x.reshape(n, h / b, b, w / b, b, c).transpose(0, 1, 3, 4, 2, 5);
                return new NDList(y.reshape(n, h / b, w / b, (long) b * b * c));
            }
            long n = d[0], c = d[1], h = d[2], w = d[3];
            NDArray y = x.reshape(n, c, h / b, b, w / b, b).transpose(0, 1, 3, 5, 2, 4);
            return new NDList(y.reshape(n, c * b * b, h / b, w / b));
        };
    }

    /** Pads one axis: zeros, the mirror image without the edge (reflect) or copies of the edge (replicate). */
    static NDArray pad(NDArray x, int axis, int before, int after, String mode) {
        if (before == 0 && after == 0) {
            return x;
        }
        long n = x.getShape().get(axis);
        NDList parts = new NDList();
        switch (mode) {
            case "reflect" -> {
                for (long i = before; i >= 1; i--) {
                    parts.add(slice(x, axis, i, i + 1));
                }
                parts.add(x);
                for (long i = n - 2; i >= n - 1 - after; i--) {
                    parts.add(slice(x, axis, i, i + 1));
                }
            }
            case "replicate" -> {
                if (before > 0) {
                    parts.add(slice(x, axis, 0, 1).repeat(axis, before));
                }
                parts.add(x);
                if (after > 0) {
                    parts.add(slice(x, axis, n - 1, n).repeat(axis, after));
                }
            }
            default -> {
                // copies: getShape() hands out the array the input's Shape keeps
                long[] d = x.getShape().getShape().clone();
                if (before > 0) {
                    d[axis] = before;
                    parts.add(x.getManager().zeros(new Shape(d), x.getDataType()));
                }
                parts.add(x);
                if (after > 0) {
                    long[] e = x.getShape().getShape().clone();
                    e[axis] = after;
                    parts.add(x.getManager().zeros(new Shape(e), x.getDataType()));
                }
            }
        }
        return NDArrays.concat(parts, axis);
    }

    static Kernel pad(Op op, ParamValues p, Kernel.Params ps) {
        String mode = p.choice("mode");
        int l = p.integer("left");
        int r = p.integer("right");
        int t = p.integer("top");
        int b = p.integer("bottom");
        return (step, in) -> new NDList(pad(pad(in.get(0), 2, t, b, mode), 3, l, r, mode));
    }
}

package org.modelworkbench.blocks.type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;

/**
 * What a block accepts and produces: checks the input layouts (throwing a {@link LayoutException}
 * naming the port) and returns one layout per output port. Called only when layouts are tracked,
 * with parameter values already bound (no "auto" left), before the shape rule.
 */
@FunctionalInterface
public interface LayoutRule {
    List<Layout> apply(Inputs in, ParamValues p, int outputs) throws ShapeException;

    /** Layout-agnostic (activations, dropout…): accepts anything; every output has input 0's layout. */
    LayoutRule AGNOSTIC = (in, p, n) -> repeat(n, in.size() == 0 ? Layout.ANY : in.layout(0));

    /** {@code n} times {@code l}, as an immutable list (shared for one output: the common case). */
    static List<Layout> repeat(int n, Layout l) {
        return n == 1 ? Single.OF.get(l.ordinal()) : List.copyOf(Collections.nCopies(n, l));
    }

    /** One immutable one-element list per layout, so that the analysis allocates none per node. */
    final class Single {
        private Single() {
        }

        static final List<List<Layout>> OF = java.util.Arrays.stream(Layout.values()).map(List::of).toList();
    }

    /**
     * All inputs must have one layout (merges, concat; a tensor of unknown layout takes the others');
     * the outputs have it. A mismatch is reported on the later input.
     */
    LayoutRule SAME = (in, p, n) -> {
        Layout first = in.layout(0);
        for (int i = 1; i < in.size(); i++) {
            Layout l = in.layout(i);
            if (first == Layout.ANY) {
                first = l;
            } else if (l != Layout.ANY && l != first) {
                throw new LayoutException(in.portName(i), "expects " + in.portName(i) + " in the layout of "
                        + in.portName(0) + ", " + first.description() + "; the input is " + l.description(),
                        first.description() + " (as " + in.portName(0) + ")", l, List.of(first));
            }
        }
        return repeat(n, first);
    };

    /** Input 0 must be one of {@code accepted}; every output keeps its layout. */
    static LayoutRule preserves(Layout... accepted) {
        return (in, p, n) -> repeat(n, in.require(0, accepted));
    }

    /** Every input must be {@code in}; every output is {@code out}. */
    static LayoutRule fixed(Layout in, Layout out) {
        return (inputs, p, n) -> {
            for (int i = 0; i < inputs.size(); i++) {
                inputs.require(i, in);
            }
            return repeat(n, out);
        };
    }

    /** The layouts produced from sources declaring nothing: {@code n} times ANY. */
    static List<Layout> unknown(int n) {
        return new ArrayList<>(Collections.nCopies(n, Layout.ANY));
    }
}

package org.modelworkbench.app.docs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.AbstractBlockType;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Inputs;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * Says, for the block reference, which layouts a block accepts and what it produces, by asking its
 * layout rule (with default parameters) about every layout: the documentation cannot drift from
 * the rules.
 */
final class LayoutProbe {
    private LayoutProbe() {
    }

    /** "NCHW → NCHW", "any layout, kept", "produces NCHW", or null when the block declares nothing. */
    static String describe(BlockType t) {
        if (!(t instanceof AbstractBlockType a)) {
            return null;
        }
        ParamValues d = t.defaults();
        int inputs = t.inputs(d).size();
        int outputs = t.outputs(d).size();
        if (inputs == 0) {
            List<Layout> out = outputs(a, d, List.of(), outputs);
            return out == null ? null : "produces " + names(out);
        }
        Map<List<Layout>, List<Layout>> accepted = new LinkedHashMap<>();
        for (Layout l : Layout.values()) {
            List<Layout> in = Collections.nCopies(inputs, l);
            List<Layout> out = outputs(a, d, in, outputs);
            if (out != null) {
                accepted.put(in, out);
            }
        }
        boolean keepsAll = accepted.size() == Layout.values().length
                && accepted.entrySet().stream().allMatch(e -> e.getValue().stream().allMatch(o -> o == e.getKey().get(0)));
        if (keepsAll) {
            return inputs == 1 ? "any layout, kept" : "any layout (the inputs alike), kept";
        }
        if (accepted.isEmpty() && inputs == 2) {
            for (Layout l0 : Layout.values()) {
                for (Layout l1 : Layout.values()) {
                    List<Layout> out = outputs(a, d, List.of(l0, l1), outputs);
                    if (out != null) {
                        accepted.put(List.of(l0, l1), out);
                    }
                }
            }
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<List<Layout>, List<Layout>> e : accepted.entrySet()) {
            List<Layout> in = e.getKey();
            String from = inputs == 1 || in.stream().distinct().count() == 1 ? in.get(0).shortName() : "(" + names(in) + ")";
            parts.add(from + (t.isComposite() ? "" : " → " + names(e.getValue())));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static List<Layout> outputs(AbstractBlockType a, ParamValues d, List<Layout> in, int outputs) {
        List<Shape> shapes = new ArrayList<>();
        for (Layout l : in) {
            int rank = l.rank() < 0 ? 4 : l.rank();
            int[] dims = new int[rank];
            java.util.Arrays.fill(dims, 8);
            shapes.add(Shape.of(dims));
        }
        try {
            ParamValues bound = a.bind(d, shapes, in);
            return a.layoutRule().apply(new Inputs(a.inputs(d), shapes, in), bound, outputs);
        } catch (ShapeException | RuntimeException e) {
            return null;
        }
    }

    private static String names(List<Layout> layouts) {
        return layouts.stream().map(Layout::shortName).collect(Collectors.joining(", "));
    }
}

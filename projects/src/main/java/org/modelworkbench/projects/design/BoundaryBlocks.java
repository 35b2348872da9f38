package org.modelworkbench.projects.design;

import java.util.ArrayList;
import java.util.List;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PrimitiveBlockType;

/**
 * The two blocks that mark the boundary ports inside a composite block: one {@code io.group_input}
 * node per input port and one {@code io.group_output} node per output port; the node id is the
 * port name. They belong to composites only, not to the library: the palette offers them while
 * the inside of a user composite is open, and a top-level design may not use them.
 */
public final class BoundaryBlocks {
    private BoundaryBlocks() {
    }

    public static final String INPUT_ID = "io.group_input";
    public static final String OUTPUT_ID = "io.group_output";

    /** Output port of a boundary input node and input port of a boundary output node. */
    public static final String INPUT_PORT = "y";
    public static final String OUTPUT_PORT = "x";

    private static final List<String> LAYOUTS = layoutChoices();

    private static List<String> layoutChoices() {
        List<String> names = new ArrayList<>();
        names.add("auto");
        for (Layout l : Layout.values()) {
            names.add(l.shortName());
        }
        return List.copyOf(names);
    }

    private static Layout layoutOf(String name, int rank) {
        if (!name.equals("auto")) {
            return Layout.byShortName(name);
        }
        return switch (rank) {
            case 4 -> Layout.NCHW;
            case 3 -> Layout.TOKENS;
            case 2 -> Layout.VECTOR;
            default -> Layout.ANY;
        };
    }

    public static final BlockType INPUT = new PrimitiveBlockType(
            BlockSpec.builder(INPUT_ID, "Boundary input", Category.INPUT)
                    .description("An input port of a composite block you made (the node id is the port name). "
                            + "Inside the block it carries the tensor that arrives at that port where the block is "
                            + "used; 'shape' is only an example, used when the inside is analysed on its own. "
                            + "It costs nothing and produces no activation memory of its own.")
                    .param(ParamSpec.intList("shape", List.of(1, 64, 56, 56), 1, 8, 1, 1 << 30,
                            "Example input shape, used when the inside is analysed on its own; where the block is "
                                    + "used, the shape arriving at the port replaces it"))
                    .param(ParamSpec.choice("layout", "auto", LAYOUTS,
                            "Layout of the example; where the block is used, the arriving layout replaces it. auto: "
                                    + "channels-first N×C×H×W for a 4-D example, tokens for 3-D, a vector for 2-D"))
                    .key("shape")
                    .output(INPUT_PORT, "any")
                    .layouts((in, p, n) -> List.of(layoutOf(p.choice("layout"), p.intList("shape").size())))
                    .build(),
            (in, p) -> new Evaluation(List.of(shapeOf(p.intList("shape"))), 0, 0, 0));

    public static final BlockType OUTPUT = new PrimitiveBlockType(
            BlockSpec.builder(OUTPUT_ID, "Boundary output", Category.INPUT)
                    .description("An output port of a composite block you made (the node id is the port name): "
                            + "the tensor wired into it leaves the block at that port. It costs nothing.")
                    .input(OUTPUT_PORT, "any")
                    .build(),
            (in, p) -> new Evaluation(List.of(), 0, 0, 0));

    public static final List<BlockType> ALL = List.of(INPUT, OUTPUT);

    public static boolean isBoundary(String typeId) {
        return INPUT_ID.equals(typeId) || OUTPUT_ID.equals(typeId);
    }

    /** The boundary type with this id, or null. */
    public static BlockType find(String typeId) {
        return INPUT_ID.equals(typeId) ? INPUT : OUTPUT_ID.equals(typeId) ? OUTPUT : null;
    }

    /** The value of a boundary input's {@code shape} parameter for a tensor shape. */
    public static List<Integer> shapeParam(Shape shape) {
        List<Integer> dims = new ArrayList<>(shape.rank());
        for (int d : shape.dims()) {
            dims.add(d);
        }
        return List.copyOf(dims);
    }

    private static Shape shapeOf(List<Integer> dims) {
        int[] a = new int[dims.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = dims.get(i);
        }
        return Shape.of(a);
    }
}

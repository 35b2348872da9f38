package org.modelworkbench.projects.design;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.PortSpec;

/**
 * Writes a design in code, as templates and tests do. Every node is stored with all of its
 * parameters (defaults included), so that a saved file shows the whole configuration.
 * <pre>
 *   DesignBuilder b = new DesignBuilder("ResNet-18");
 *   String x = b.input("input", 3, 224, 224);
 *   x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 64, "kernel", 7, "stride", 2, "padding", 3), x);
 *   Design d = b.build();
 * </pre>
 */
public final class DesignBuilder {
    static final double COLUMN = 240;
    static final double ROW = 120;

    private final Design design;
    private final BlockLibrary library;
    private final Map<String, Integer> depth = new HashMap<>();
    private final Map<Integer, Integer> perRow = new HashMap<>();

    public DesignBuilder(String name) {
        this(name, BlockLibrary.standard());
    }

    public DesignBuilder(String name, BlockLibrary library) {
        this.design = new Design(name);
        this.library = library;
    }

    public DesignBuilder description(String text) {
        design.setDescription(text);
        return this;
    }

    /** Adds an image input node (batch 1) and returns its output reference. */
    public String input(String id, int channels, int height, int width) {
        return add(id, InputBlocks.IMAGE_ID, Map.of("channels", channels, "height", height, "width", width));
    }

    /** Adds a node wired from {@code sources} (one per input port, in port order); returns "id.firstOutput". */
    public String add(String id, String typeId, Map<String, ?> params, String... sources) {
        BlockType type = library.find(typeId).orElseThrow(() -> new IllegalArgumentException(id + ": unknown block type " + typeId));
        ParamValues values;
        try {
            values = type.resolve(params);
        } catch (InvalidParameterException e) {
            throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
        }
        List<PortSpec> inputs = type.inputs(values);
        if (inputs.size() != sources.length) {
            throw new IllegalArgumentException(id + ": " + typeId + " has " + inputs.size() + " inputs, got " + sources.length);
        }
        int row = 0;
        for (String s : sources) {
            row = Math.max(row, depth.getOrDefault(PortRef.parse(s).node(), 0) + 1);
        }
        int column = perRow.merge(row, 1, Integer::sum) - 1;
        depth.put(id, row);
        design.addNode(new Node(id, typeId, new LinkedHashMap<>(values.asMap()), column * COLUMN, row * ROW));
        for (int i = 0; i < sources.length; i++) {
            design.connect(new Edge(PortRef.parse(sources[i]), new PortRef(id, inputs.get(i).name())));
        }
        List<PortSpec> outputs = type.outputs(values);
        return outputs.isEmpty() ? id : id + "." + outputs.get(0).name();
    }

    /** Reference to another output port of an existing node. */
    public String port(String nodeId, String portName) {
        return nodeId + "." + portName;
    }

    public Design build() {
        return design;
    }
}

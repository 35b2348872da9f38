package org.modelworkbench.editor.group;

import java.util.LinkedHashMap;
import java.util.Map;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.UserBlockType;
import org.modelworkbench.projects.composite.LibraryInsides;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Node;

/**
 * What opening a composite node shows.
 *
 * @param design         the inside: for a user composite the definition's own design (edits change
 *                       the block everywhere it is used); for a library composite a snapshot
 *                       generated from the node's hyper-parameters and input shapes
 * @param readOnly       true for a library composite: to change its inside, change the
 *                       hyper-parameters of the node itself
 * @param title          for the breadcrumb, e.g. "ResidualUnit (residual_unit)"
 * @param boundaryInputs the shapes arriving at the node's inputs, by port name (empty when unknown)
 * @param definition     the user composite's definition, or null for a library composite
 * @param node           the outer node as it was when opened
 */
public record CompositeInside(Design design, boolean readOnly, String title, Map<String, Shape> boundaryInputs,
                              CompositeDefinition definition, Node node) {

    /**
     * The inside of a composite node of {@code outer}.
     *
     * @throws IllegalArgumentException saying why it cannot be opened (not a composite, unknown
     *                                  type, library inside whose input shapes are not known yet)
     */
    public static CompositeInside of(EditorModel outer, String nodeId) {
        Node node = outer.design().node(nodeId).orElseThrow(() -> new IllegalArgumentException(
                "there is no block '" + nodeId + "' in this design"));
        BlockType type = outer.findType(node.type()).orElseThrow(() -> new IllegalArgumentException(
                "'" + nodeId + "' has the unknown block type " + node.type()));
        NodeAnalysis r = outer.analysis() == null ? null : outer.analysis().node(nodeId);
        Map<String, Shape> shapes = new LinkedHashMap<>();
        if (r != null && r.inputs().size() == r.inputPorts().size()) {
            for (int i = 0; i < r.inputs().size(); i++) {
                shapes.put(r.inputPorts().get(i), r.inputs().get(i));
            }
        }
        if (type instanceof UserBlockType user) {
            CompositeDefinition def = user.definition();
            return new CompositeInside(def.inside(), false, def.name() + " (" + nodeId + ")", java.util.Collections.unmodifiableMap(shapes), def,
                    node);
        }
        if (type instanceof CompositeBlockType composite) {
            if (r == null || r.inputs().size() != r.inputPorts().size()) {
                throw new IllegalArgumentException("the inside of '" + nodeId + "' (" + type.displayName() + ") depends "
                        + "on its input shapes, which are not known yet: connect its inputs and fix the problems above it");
            }
            try {
                Design inside = LibraryInsides.expand(composite, type.resolve(node.params()), r.inputs(), r.inputLayouts());
                return new CompositeInside(inside, true, type.displayName() + " (" + nodeId + ")", java.util.Collections.unmodifiableMap(shapes),
                        null, node);
            } catch (InvalidParameterException | ShapeException e) {
                throw new IllegalArgumentException("the inside of '" + nodeId + "' cannot be shown: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("'" + nodeId + "' (" + type.displayName() + ") is a single operation: it has "
                + "no inside to open");
    }
}

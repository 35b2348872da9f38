package org.modelworkbench.editor.model;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

/**
 * Decides whether a wire may be drawn. Structural mistakes (output to output, a node to itself, a
 * cycle) are refused with the reason; shape mismatches are allowed and then marked by the
 * analysis at the port, where the user can see and fix them.
 */
public final class ConnectionRule {
    private final Function<String, Optional<BlockType>> types;

    public ConnectionRule(BlockLibrary library) {
        this(library::find);
    }

    /** With a resolver that also knows the design's own composite blocks. */
    public ConnectionRule(Function<String, Optional<BlockType>> types) {
        this.types = types;
    }

    /** Empty when allowed; otherwise why not. */
    public Optional<String> check(Design design, PortRef from, PortRef to) {
        Optional<Node> src = design.node(from.node());
        Optional<Node> dst = design.node(to.node());
        if (src.isEmpty() || dst.isEmpty()) {
            return Optional.of("both ends must be blocks of this design");
        }
        if (from.node().equals(to.node())) {
            return Optional.of("a block cannot feed itself");
        }
        Optional<BlockType> srcType = types.apply(src.get().type());
        Optional<BlockType> dstType = types.apply(dst.get().type());
        if (srcType.isPresent() && !hasPort(srcType.get(), src.get(), from.port(), false)) {
            return Optional.of(srcType.get().displayName() + " has no output '" + from.port() + "'");
        }
        if (dstType.isPresent() && !hasPort(dstType.get(), dst.get(), to.port(), true)) {
            return Optional.of(dstType.get().displayName() + " has no input '" + to.port() + "'");
        }
        Edge existing = design.incoming(to.node()).get(to.port());
        if (existing != null && existing.from().equals(from)) {
            return Optional.of("already connected");
        }
        if (reaches(design, to.node(), from.node())) {
            return Optional.of("this wire would make a cycle: " + to.node() + " already feeds " + from.node());
        }
        return Optional.empty();
    }

    private static boolean hasPort(BlockType type, Node node, String port, boolean input) {
        try {
            var values = type.resolve(node.params());
            return (input ? type.inputs(values) : type.outputs(values)).stream().map(PortSpec::name).anyMatch(port::equals);
        } catch (org.modelworkbench.blocks.param.InvalidParameterException e) {
            var values = type.defaults();
            return (input ? type.inputs(values) : type.outputs(values)).stream().map(PortSpec::name).anyMatch(port::equals);
        }
    }

    /** True when {@code target} is reachable from {@code start} along edges. */
    static boolean reaches(Design design, String start, String target) {
        ArrayDeque<String> stack = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            String cur = stack.pop();
            if (cur.equals(target)) {
                return true;
            }
            if (seen.add(cur)) {
                for (Edge e : design.outgoing(cur)) {
                    stack.push(e.to().node());
                }
            }
        }
        return false;
    }
}

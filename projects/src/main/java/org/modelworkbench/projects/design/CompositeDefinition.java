package org.modelworkbench.projects.design;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A composite block the user made by grouping: a name and an ordinary {@link Design} (its inside)
 * whose boundary ports are {@code io.group_input} and {@code io.group_output} nodes (see
 * {@link BoundaryBlocks}); the node id of each is the port name. A design holds its definitions by
 * name ({@link Design#composites()}) and uses one through nodes of type {@code user.<name>}.
 *
 * <p>The port order is kept as a preferred order: {@link #inputs()} lists the named boundary input
 * nodes that exist, in that order, followed by any boundary input added later, in design order, so
 * editing the inside can never make the definition inconsistent.
 */
public final class CompositeDefinition {
    /** Type ids of user composites are {@code user.<name>}. */
    public static final String TYPE_PREFIX = "user.";

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final String name;
    private final Design inside;
    private final List<String> inputOrder;
    private final List<String> outputOrder;

    public CompositeDefinition(String name, Design inside, List<String> inputOrder, List<String> outputOrder) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException(nameRule(name));
        }
        this.name = name;
        this.inside = Objects.requireNonNull(inside);
        this.inputOrder = List.copyOf(inputOrder);
        this.outputOrder = List.copyOf(outputOrder);
    }

    /** Letters, digits and _, starting with a letter, at most 64 characters (e.g. {@code ResidualPair}). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Why {@code name} is not a valid composite name. */
    public static String nameRule(String name) {
        return "'" + name + "' is not a valid composite block name: use letters, digits and _, starting with a letter "
                + "(at most 64 characters), e.g. ResidualPair";
    }

    /** {@code "user.ResidualPair"} for {@code "ResidualPair"}. */
    public static String typeIdOf(String name) {
        return TYPE_PREFIX + name;
    }

    /** The composite name a type id refers to, if it is a {@code user.*} id. */
    public static Optional<String> nameOf(String typeId) {
        return typeId != null && typeId.startsWith(TYPE_PREFIX)
                ? Optional.of(typeId.substring(TYPE_PREFIX.length())) : Optional.empty();
    }

    public String name() {
        return name;
    }

    public String typeId() {
        return typeIdOf(name);
    }

    /** The inside: an ordinary design, edited like any other. */
    public Design inside() {
        return inside;
    }

    /** Input port names, in port order. */
    public List<String> inputs() {
        return ports(inputOrder, BoundaryBlocks.INPUT_ID);
    }

    /** Output port names, in port order. */
    public List<String> outputs() {
        return ports(outputOrder, BoundaryBlocks.OUTPUT_ID);
    }

    /** The names of the composites used directly inside this one. */
    public Set<String> uses() {
        Set<String> used = new LinkedHashSet<>();
        for (Node n : inside.nodes()) {
            nameOf(n.type()).ifPresent(used::add);
        }
        return used;
    }

    /** A deep copy (the inside copied too), not yet part of any design. */
    public CompositeDefinition copy() {
        return new CompositeDefinition(name, inside.copy(), inputs(), outputs());
    }

    /** The same inside under another name (for a paste that must not clash). */
    public CompositeDefinition renamed(String newName) {
        Design d = inside.copy();
        d.setName(newName);
        return new CompositeDefinition(newName, d, inputs(), outputs());
    }

    private List<String> ports(List<String> order, String typeId) {
        List<String> ports = new ArrayList<>();
        for (String p : order) {
            Optional<Node> n = inside.node(p);
            if (n.isPresent() && n.get().type().equals(typeId) && !ports.contains(p)) {
                ports.add(p);
            }
        }
        for (Node n : inside.nodes()) {
            if (n.type().equals(typeId) && !ports.contains(n.id())) {
                ports.add(n.id());
            }
        }
        return List.copyOf(ports);
    }

    @Override
    public String toString() {
        return typeId() + "(" + String.join(", ", inputs()) + " → " + String.join(", ", outputs()) + ")";
    }
}

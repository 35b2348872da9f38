package org.modelworkbench.projects.design;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The document: a directed graph of block instances ({@link Node}) and wires ({@link Edge}) with a
 * name and a description. Every mutation bumps {@link #revision()} and tells the listeners what
 * changed, so analysis and views can update only what is affected. The editor changes a design
 * only through undoable commands that call these methods.
 *
 * <p>A top-level design also holds the composite blocks its user made ({@link #composites()}, by
 * name). The inside of each is a design of its own; it belongs to this design's scope
 * ({@link #compositeScope()}), so {@code user.*} nodes inside it resolve against the same
 * definitions, and every change inside it is reported here as a
 * {@link DesignChange.CompositeChanged}.
 */
public final class Design {
    private String name;
    private String description;
    private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, LinkedHashMap<String, Edge>> incoming = new HashMap<>();
    private final Map<String, List<Edge>> outgoing = new HashMap<>();
    private final List<Consumer<DesignChange>> listeners = new CopyOnWriteArrayList<>();
    private final TreeMap<String, CompositeDefinition> composites = new TreeMap<>();
    private final Map<String, Consumer<DesignChange>> relays = new HashMap<>();
    /** The design whose definitions this one uses: itself at the top, the holder for an inside. */
    private Design scope;
    private long revision;
    private long compositesRevision;

    public Design(String name) {
        this.name = Objects.requireNonNull(name);
        this.description = "";
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long revision() {
        return revision;
    }

    public Collection<Node> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public int size() {
        return nodes.size();
    }

    public List<Edge> edges() {
        return Collections.unmodifiableList(edges);
    }

    /** Edges into a node by input port name. */
    public Map<String, Edge> incoming(String nodeId) {
        Map<String, Edge> in = incoming.get(nodeId);
        return in == null ? Map.of() : Collections.unmodifiableMap(in);
    }

    /** Edges out of a node, in the order they were made. */
    public List<Edge> outgoing(String nodeId) {
        List<Edge> out = outgoing.get(nodeId);
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    public void addListener(Consumer<DesignChange> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<DesignChange> listener) {
        listeners.remove(listener);
    }

    public void setName(String newName) {
        this.name = Objects.requireNonNull(newName);
        fire(new DesignChange.MetadataChanged());
    }

    public void setDescription(String text) {
        this.description = Objects.requireNonNull(text);
        fire(new DesignChange.MetadataChanged());
    }

    public void addNode(Node node) {
        if (nodes.containsKey(node.id())) {
            throw new IllegalArgumentException("a node named '" + node.id() + "' already exists");
        }
        nodes.put(node.id(), node);
        fire(new DesignChange.NodeChanged(node.id()));
    }

    /** Replaces the node with the same id (new parameters or position). */
    public void replaceNode(Node node) {
        Node old = nodes.get(node.id());
        if (old == null) {
            throw new IllegalArgumentException("no node named '" + node.id() + "'");
        }
        nodes.put(node.id(), node);
        boolean onlyMoved = old.type().equals(node.type()) && old.params().equals(node.params());
        fire(onlyMoved ? new DesignChange.NodeMoved(node.id()) : new DesignChange.NodeChanged(node.id()));
    }

    /** Removes a node and every edge attached to it; returns the removed edges (for undo). */
    public List<Edge> removeNode(String id) {
        if (!nodes.containsKey(id)) {
            throw new IllegalArgumentException("no node named '" + id + "'");
        }
        List<Edge> attached = new ArrayList<>();
        for (Edge e : edges) {
            if (e.from().node().equals(id) || e.to().node().equals(id)) {
                attached.add(e);
            }
        }
        for (Edge e : attached) {
            disconnect(e);
        }
        nodes.remove(id);
        fire(new DesignChange.NodeChanged(id));
        return attached;
    }

    /** Adds a wire. Both nodes must exist and the input port must be free. */
    public void connect(Edge edge) {
        if (!nodes.containsKey(edge.from().node())) {
            throw new IllegalArgumentException("edge " + edge + ": no node named '" + edge.from().node() + "'");
        }
        if (!nodes.containsKey(edge.to().node())) {
            throw new IllegalArgumentException("edge " + edge + ": no node named '" + edge.to().node() + "'");
        }
        Edge existing = incoming(edge.to().node()).get(edge.to().port());
        if (existing != null) {
            throw new IllegalArgumentException("input " + edge.to() + " is already connected to " + existing.from());
        }
        edges.add(edge);
        incoming.computeIfAbsent(edge.to().node(), k -> new LinkedHashMap<>()).put(edge.to().port(), edge);
        outgoing.computeIfAbsent(edge.from().node(), k -> new ArrayList<>()).add(edge);
        fire(new DesignChange.EdgeChanged(edge));
    }

    public void disconnect(Edge edge) {
        if (!edges.remove(edge)) {
            throw new IllegalArgumentException("no edge " + edge);
        }
        incoming.get(edge.to().node()).remove(edge.to().port());
        outgoing.get(edge.from().node()).remove(edge);
        fire(new DesignChange.EdgeChanged(edge));
    }

    /** {@code base} if free, otherwise base_2, base_3, … */
    public String uniqueId(String base) {
        if (!nodes.containsKey(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            String candidate = base + "_" + i;
            if (!nodes.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    /** A deep copy without listeners. */
    public Design copy() {
        Design d = new Design(name);
        d.description = description;
        for (Node n : nodes.values()) {
            d.addNode(n);
        }
        for (Edge e : edges) {
            d.connect(e);
        }
        for (CompositeDefinition c : composites.values()) {
            d.putComposite(c.copy());
        }
        d.revision = revision;
        return d;
    }

    // ---- composite blocks ------------------------------------------------------------------

    /** The composite blocks defined in this design, sorted by name (empty for the inside of one). */
    public Map<String, CompositeDefinition> composites() {
        return Collections.unmodifiableMap(composites);
    }

    /** The definition named {@code name} in this design's scope. */
    public Optional<CompositeDefinition> composite(String name) {
        return Optional.ofNullable(compositeScope().composites.get(name));
    }

    /**
     * The design that holds the definitions {@code user.*} nodes of this design refer to: this
     * design itself, or for the inside of a composite block, the design that defines it.
     */
    public Design compositeScope() {
        return scope == null ? this : scope;
    }

    /** True when this design is the inside of a composite block of another design. */
    public boolean isCompositeInside() {
        return scope != null;
    }

    /**
     * Bumped (on the scope) whenever a definition is added or removed or the wiring or parameters
     * inside one change: what analyses of {@code user.*} nodes depend on.
     */
    public long compositesRevision() {
        return compositeScope().compositesRevision;
    }

    /**
     * Adds a definition. Its inside must not belong to a design yet; from now on changes inside it
     * are reported to this design's listeners.
     */
    public void putComposite(CompositeDefinition definition) {
        if (scope != null) {
            throw new IllegalStateException("composite blocks are defined in the top-level design, not inside '"
                    + name + "'");
        }
        String key = definition.name();
        if (composites.containsKey(key)) {
            throw new IllegalArgumentException("a composite block named '" + key + "' already exists");
        }
        Design inside = definition.inside();
        if (inside == this || inside.scope != null || !inside.composites.isEmpty()) {
            throw new IllegalArgumentException("the inside of '" + key + "' already belongs to a design");
        }
        inside.scope = this;
        Consumer<DesignChange> relay = change -> insideChanged(key, change);
        inside.addListener(relay);
        relays.put(key, relay);
        composites.put(key, definition);
        compositesRevision++;
        fire(new DesignChange.CompositeChanged(key, null));
    }

    /** Removes a definition (nodes using it stay, and become unknown types); returns it. */
    public CompositeDefinition removeComposite(String key) {
        CompositeDefinition definition = composites.remove(key);
        if (definition == null) {
            throw new IllegalArgumentException("no composite block named '" + key + "'");
        }
        definition.inside().removeListener(relays.remove(key));
        definition.inside().scope = null;
        compositesRevision++;
        fire(new DesignChange.CompositeChanged(key, null));
        return definition;
    }

    /**
     * The names of the composites on a cycle through {@code name} ({@code [A, B, A]} when A
     * contains B and B contains A), or empty when the definition does not contain itself.
     */
    public Optional<List<String>> compositeCycle(String name) {
        Design root = compositeScope();
        List<String> path = new ArrayList<>();
        path.add(name);
        return root.cycleSearch(name, name, path, new java.util.HashSet<>()) ? Optional.of(List.copyOf(path))
                : Optional.empty();
    }

    /** True when definition {@code outer} is, or contains directly or indirectly, {@code inner}. */
    public boolean compositeContains(String outer, String inner) {
        Design root = compositeScope();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        Set<String> seen = new java.util.HashSet<>();
        todo.add(outer);
        while (!todo.isEmpty()) {
            String cur = todo.poll();
            if (cur.equals(inner)) {
                return true;
            }
            CompositeDefinition d = root.composites.get(cur);
            if (d != null && seen.add(cur)) {
                todo.addAll(d.uses());
            }
        }
        return false;
    }

    private boolean cycleSearch(String target, String current, List<String> path, Set<String> seen) {
        CompositeDefinition d = composites.get(current);
        if (d == null || !seen.add(current)) {
            return false;
        }
        for (String used : d.uses()) {
            path.add(used);
            if (used.equals(target) || cycleSearch(target, used, path, seen)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private void insideChanged(String key, DesignChange change) {
        if (!(change instanceof DesignChange.NodeMoved) && !(change instanceof DesignChange.MetadataChanged)) {
            compositesRevision++;
        }
        fire(new DesignChange.CompositeChanged(key, change));
    }

    /**
     * Puts nodes and edges back in the given document order (after an undo re-added them at the
     * end), so that undoing an edit restores the file exactly. The sets must be unchanged; order
     * is not part of the analysis, so listeners are not told.
     */
    public void restoreOrder(List<String> nodeOrder, List<Edge> edgeOrder) {
        if (nodeOrder.size() != nodes.size() || !nodes.keySet().containsAll(nodeOrder)
                || edgeOrder.size() != edges.size() || !new java.util.HashSet<>(edges).containsAll(edgeOrder)) {
            throw new IllegalArgumentException("restoreOrder needs the same nodes and edges");
        }
        LinkedHashMap<String, Node> reordered = new LinkedHashMap<>();
        for (String id : nodeOrder) {
            reordered.put(id, nodes.get(id));
        }
        nodes.clear();
        nodes.putAll(reordered);
        edges.clear();
        edges.addAll(edgeOrder);
        for (LinkedHashMap<String, Edge> in : incoming.values()) {
            in.clear();
        }
        for (List<Edge> out : outgoing.values()) {
            out.clear();
        }
        for (Edge e : edgeOrder) {
            incoming.computeIfAbsent(e.to().node(), k -> new LinkedHashMap<>()).put(e.to().port(), e);
            outgoing.computeIfAbsent(e.from().node(), k -> new ArrayList<>()).add(e);
        }
    }

    /** Node ids in document order. */
    public List<String> nodeOrder() {
        return List.copyOf(nodes.keySet());
    }

    private void fire(DesignChange change) {
        revision++;
        for (Consumer<DesignChange> l : listeners) {
            l.accept(change);
        }
    }
}

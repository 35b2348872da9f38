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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The document: a directed graph of block instances ({@link Node}) and wires ({@link Edge}) with a
 * name and a description. Every mutation bumps {@link #revision()} and tells the listeners what
 * changed, so analysis and views can update only what is affected. The editor changes a design
 * only through undoable commands that call these methods.
 */
public final class Design {
    private String name;
    private String description;
    private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, LinkedHashMap<String, Edge>> incoming = new HashMap<>();
    private final Map<String, List<Edge>> outgoing = new HashMap<>();
    private final List<Consumer<DesignChange>> listeners = new CopyOnWriteArrayList<>();
    private long revision;

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
        d.revision = revision;
        return d;
    }

    private void fire(DesignChange change) {
        revision++;
        for (Consumer<DesignChange> l : listeners) {
            l.accept(change);
        }
    }
}

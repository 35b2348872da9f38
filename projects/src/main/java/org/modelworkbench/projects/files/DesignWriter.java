package org.modelworkbench.projects.files;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;

/**
 * Writes designs as deterministic, human-readable JSON: fixed key order at the top and in nodes,
 * parameters sorted by name, nodes and edges in document order, composite blocks sorted by name,
 * two-space indentation and a final newline, so that the diff of two saves shows only what changed.
 */
public final class DesignWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DesignWriter() {
    }

    public static ObjectNode toTree(Design design) {
        ObjectNode root = F.objectNode();
        root.put("formatVersion", Migrations.CURRENT_VERSION);
        root.put("name", design.name());
        root.put("description", design.description());
        writeGraph(root, design);
        // Only designs with composite blocks carry the (then non-empty) object: others stay as they were.
        if (!design.composites().isEmpty()) {
            ObjectNode composites = root.putObject("composites");
            for (CompositeDefinition c : design.composites().values()) { // sorted by name
                ObjectNode o = composites.putObject(c.name());
                ArrayNode inputs = o.putArray("inputs");
                c.inputs().forEach(inputs::add);
                ArrayNode outputs = o.putArray("outputs");
                c.outputs().forEach(outputs::add);
                writeGraph(o, c.inside());
            }
        }
        return root;
    }

    private static void writeGraph(ObjectNode target, Design design) {
        ArrayNode nodes = target.putArray("nodes");
        for (Node n : design.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("type", n.type());
            ObjectNode params = o.putObject("params");
            for (Map.Entry<String, Object> e : new TreeMap<>(n.params()).entrySet()) {
                params.set(e.getKey(), value(e.getValue()));
            }
            ObjectNode pos = o.putObject("position");
            pos.put("x", round(n.x()));
            pos.put("y", round(n.y()));
        }
        ArrayNode edges = target.putArray("edges");
        for (Edge e : design.edges()) {
            ObjectNode o = edges.addObject();
            o.put("from", e.from().toString());
            o.put("to", e.to().toString());
        }
    }

    public static String toJson(Design design) {
        return toJson(toTree(design));
    }

    static String toJson(JsonNode tree) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(tree) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static JsonNode value(Object v) {
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Double d) {
            return F.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof String s) {
            return F.textNode(s);
        }
        if (v instanceof List<?> list) {
            ArrayNode a = F.arrayNode();
            list.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Number n) {
            return F.numberNode(new java.math.BigDecimal(n.toString()));
        }
        throw new IllegalArgumentException("cannot write parameter value " + v);
    }

    /** Positions with one decimal: sub-pixel noise would make every save differ. */
    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

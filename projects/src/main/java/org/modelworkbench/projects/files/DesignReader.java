package org.modelworkbench.projects.files;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamProblem;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.projects.analysis.DesignTypes;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;

/**
 * Reads project JSON defensively: the text is parsed into a tree with tight limits, migrated to the
 * current format one version at a time, then checked field by field. Every problem found is
 * reported with its JSON path, not only the first; nothing is half-loaded.
 */
public final class DesignReader {
    static final int MAX_PROBLEMS = 50;
    static final int MAX_NODES = 200_000;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(40)
                    .maxStringLength(1_000_000)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final BlockLibrary library;
    private final Migrations migrations;

    public DesignReader(BlockLibrary library, Migrations migrations) {
        this.library = library;
        this.migrations = migrations;
    }

    public DesignReader() {
        this(BlockLibrary.standard(), Migrations.STANDARD);
    }

    /** Parses and validates {@code json}; {@code source} names the file in messages. */
    public Design read(String json, String source) throws ProjectFileException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            throw new ProjectFileException(source, "line " + loc.getLineNr() + ", column " + loc.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "/" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ProjectFileException(source, where, "not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ProjectFileException(source, "/", "the file is empty");
        }
        if (!tree.isObject()) {
            throw new ProjectFileException(source, "/", "a project file is a JSON object with formatVersion, name, "
                    + "nodes and edges; found " + kind(tree));
        }
        JsonNode versionNode = tree.get("formatVersion");
        if (versionNode == null) {
            throw new ProjectFileException(source, "/formatVersion", "missing: every project file states its format version");
        }
        if (!versionNode.canConvertToInt() || !versionNode.isIntegralNumber() || versionNode.intValue() < 1) {
            throw new ProjectFileException(source, "/formatVersion", "must be a positive whole number, got " + versionNode);
        }
        int version = versionNode.intValue();
        if (version > migrations.current()) {
            throw new ProjectFileException(source, "/formatVersion", "the file has format " + version
                    + ", written by a newer Model Workbench; this version reads formats up to " + migrations.current());
        }
        ObjectNode current = migrations.migrate((ObjectNode) tree, version);
        return bind(current, source);
    }

    /** One graph being read: the top-level design or the inside of a composite block. */
    private static final class Graph {
        final Design design;
        final String at;
        final boolean inside;
        final Map<String, BlockType> types = new HashMap<>();
        final Map<String, ParamValues> values = new HashMap<>();
        final Map<String, Integer> index = new HashMap<>();

        Graph(Design design, String at, boolean inside) {
            this.design = design;
            this.at = at;
            this.inside = inside;
        }
    }

    private Design bind(ObjectNode root, String source) throws ProjectFileException {
        List<FileProblem> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("formatVersion", "name", "description", "nodes", "edges", "composites").contains(f)) {
                problems.add(new FileProblem("/" + f,
                        "unknown field (expected formatVersion, name, description, nodes, edges, composites)"));
            }
        }
        String name = text(root, "name", "/name", true, problems);
        String description = text(root, "description", "/description", false, problems);
        Design design = new Design(name == null ? "Untitled" : name);
        if (description != null) {
            design.setDescription(description);
        }
        // Composites first (their names and port lists), so that user.* nodes anywhere can be checked.
        Map<Graph, JsonNode> insides = new LinkedHashMap<>();
        Map<CompositeDefinition, JsonNode> portLists = new LinkedHashMap<>();
        JsonNode composites = root.get("composites");
        if (composites != null && !composites.isObject()) {
            problems.add(new FileProblem("/composites", "must be an object of composite blocks by name, got "
                    + kind(composites)));
        } else if (composites != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = composites.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                CompositeDefinition def = declareComposite(e.getKey(), e.getValue(), problems);
                if (def != null) {
                    design.putComposite(def);
                    insides.put(new Graph(def.inside(), "/composites/" + def.name(), true), e.getValue());
                    portLists.put(def, e.getValue());
                }
            }
        }
        int[] budget = {MAX_NODES};
        for (Map.Entry<Graph, JsonNode> e : insides.entrySet()) {
            nodes(e.getValue().get("nodes"), e.getKey(), budget, problems);
        }
        Graph top = new Graph(design, "", false);
        nodes(root.get("nodes"), top, budget, problems);
        for (Map.Entry<CompositeDefinition, JsonNode> e : portLists.entrySet()) {
            checkBoundary(e.getKey(), e.getValue(), insides, problems);
        }
        for (Map.Entry<Graph, JsonNode> e : insides.entrySet()) {
            edges(e.getValue().get("edges"), e.getKey(), problems);
        }
        edges(root.get("edges"), top, problems);
        if (!problems.isEmpty()) {
            throw new ProjectFileException(source, problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        }
        return design;
    }

    /** A composite's name, fields and port lists; its nodes and edges are read later. */
    private CompositeDefinition declareComposite(String key, JsonNode c, List<FileProblem> problems) {
        String at = "/composites/" + abbreviate(key);
        if (!CompositeDefinition.isValidName(key)) {
            problems.add(new FileProblem(at, CompositeDefinition.nameRule(abbreviate(key))));
            return null;
        }
        if (!c.isObject()) {
            problems.add(new FileProblem(at, "a composite block must be an object with inputs, outputs, nodes and "
                    + "edges, got " + kind(c)));
            return null;
        }
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("inputs", "outputs", "nodes", "edges").contains(f)) {
                problems.add(new FileProblem(at + "/" + f, "unknown field (a composite block has inputs, outputs, nodes, "
                        + "edges)"));
            }
        }
        List<String> inputs = names(c.get("inputs"), at + "/inputs", problems);
        List<String> outputs = names(c.get("outputs"), at + "/outputs", problems);
        Design inside = new Design(key);
        return new CompositeDefinition(key, inside, inputs, outputs);
    }

    /** A list of port names (a missing list is reported; bad entries are reported and skipped). */
    private static List<String> names(JsonNode list, String at, List<FileProblem> problems) {
        List<String> names = new ArrayList<>();
        if (list == null) {
            problems.add(new FileProblem(at, "missing: a list of port names (boundary node ids) is required"));
            return names;
        }
        if (!list.isArray()) {
            problems.add(new FileProblem(at, "must be a list of port names, got " + kind(list)));
            return names;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (!v.isTextual()) {
                problems.add(new FileProblem(at + "/" + i, "must be a text (a port name), got " + kind(v)));
            } else if (names.contains(v.textValue())) {
                problems.add(new FileProblem(at + "/" + i, "'" + abbreviate(v.textValue()) + "' is listed twice"));
            } else {
                names.add(v.textValue());
            }
        }
        return names;
    }

    /** Every listed port is a boundary node of the right kind, and every boundary node is listed. */
    private static void checkBoundary(CompositeDefinition def, JsonNode c, Map<Graph, JsonNode> insides,
                                      List<FileProblem> problems) {
        Graph g = insides.keySet().stream().filter(x -> x.design == def.inside()).findFirst().orElseThrow();
        for (String[] kind : new String[][]{{"inputs", BoundaryBlocks.INPUT_ID, "input"},
                {"outputs", BoundaryBlocks.OUTPUT_ID, "output"}}) {
            JsonNode list = c.get(kind[0]);
            List<String> listed = new ArrayList<>();
            if (list != null && list.isArray()) {
                for (int i = 0; i < list.size(); i++) {
                    if (!list.get(i).isTextual()) {
                        continue;
                    }
                    String p = list.get(i).textValue();
                    listed.add(p);
                    var n = def.inside().node(p);
                    if (n.isEmpty() && !g.types.containsKey(p)) {
                        problems.add(new FileProblem(g.at + "/" + kind[0] + "/" + i, "no " + kind[1] + " node named '"
                                + abbreviate(p) + "' among this composite's nodes"));
                    } else if (n.isPresent() && !n.get().type().equals(kind[1])) {
                        problems.add(new FileProblem(g.at + "/" + kind[0] + "/" + i, "'" + p + "' is a node of type " + n.get().type()
                                + "; a boundary " + kind[2] + " must be an " + kind[1] + " node"));
                    }
                }
            }
            if (list == null || !list.isArray()) {
                continue;
            }
            for (var n : def.inside().nodes()) {
                if (n.type().equals(kind[1]) && !listed.contains(n.id())) {
                    problems.add(new FileProblem(g.at + "/nodes/" + g.index.get(n.id()) + " (node '" + n.id() + "')",
                            "boundary " + kind[2] + " '" + n.id() + "' is not listed in " + g.at + "/" + kind[0]));
                }
            }
        }
    }

    private void nodes(JsonNode nodes, Graph g, int[] budget, List<FileProblem> problems) {
        if (nodes == null || !nodes.isArray()) {
            problems.add(new FileProblem(g.at + "/nodes", nodes == null ? "missing: a list of nodes is required"
                    : "must be a list of nodes, got " + kind(nodes)));
            return;
        }
        if (nodes.size() > budget[0]) {
            problems.add(new FileProblem(g.at + "/nodes", "has " + nodes.size() + " nodes; at most " + MAX_NODES
                    + " are allowed"));
            return;
        }
        budget[0] -= nodes.size();
        for (int i = 0; i < nodes.size() && problems.size() < MAX_PROBLEMS; i++) {
            Node node = node(nodes.get(i), g.at + "/nodes/" + i, g, problems);
            if (node != null) {
                g.design.addNode(node);
                g.index.put(node.id(), i);
            }
        }
    }

    private void edges(JsonNode edges, Graph g, List<FileProblem> problems) {
        if (edges == null) {
            return;
        }
        if (!edges.isArray()) {
            problems.add(new FileProblem(g.at + "/edges", "must be a list of edges, got " + kind(edges)));
            return;
        }
        for (int i = 0; i < edges.size() && problems.size() < MAX_PROBLEMS; i++) {
            edge(edges.get(i), g.at + "/edges/" + i, g.design, g.types, g.values, problems);
        }
    }

    /** The type a node names, or null after reporting why it cannot be used here. */
    private BlockType type(String typeId, Graph g, String at, List<FileProblem> problems) {
        if (BoundaryBlocks.isBoundary(typeId) && !g.inside) {
            problems.add(new FileProblem(at, typeId + " marks a port of a composite block: it can only be used inside "
                    + "one (under /composites)"));
            return null;
        }
        BlockType type = DesignTypes.find(library, g.design, typeId).orElse(null);
        if (type == null) {
            var name = CompositeDefinition.nameOf(typeId);
            if (name.isPresent()) {
                var names = g.design.compositeScope().composites().keySet();
                problems.add(new FileProblem(at, "unknown block type '" + abbreviate(typeId) + "': this file defines no "
                        + "composite block named '" + abbreviate(name.get()) + "'" + (names.isEmpty()
                        ? " (it has no /composites)" : " (it defines " + String.join(", ", names) + ")")));
            } else {
                problems.add(new FileProblem(at, "unknown block type '" + abbreviate(typeId) + "'" + suggestion(typeId)));
            }
        }
        return type;
    }

    private Node node(JsonNode n, String at, Graph g, List<FileProblem> problems) {
        Design design = g.design;
        Map<String, BlockType> types = g.types;
        Map<String, ParamValues> values = g.values;
        if (!n.isObject()) {
            problems.add(new FileProblem(at, "a node must be an object with id, type, params and position, got " + kind(n)));
            return null;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("id", "type", "params", "position").contains(f)) {
                problems.add(new FileProblem(at + "/" + f, "unknown field (a node has id, type, params, position)"));
            }
        }
        String id = text(n, "id", at + "/id", true, problems);
        String typeId = text(n, "type", at + "/type", true, problems);
        if (id == null || typeId == null) {
            return null;
        }
        if (!Node.isValidId(id)) {
            problems.add(new FileProblem(at + "/id", "'" + abbreviate(id) + "' is not a valid node id: use letters, digits, "
                    + "_ and -, starting with a letter or _"));
            return null;
        }
        String where = at + " (node '" + id + "')";
        if (design.node(id).isPresent() || types.containsKey(id)) {
            problems.add(new FileProblem(where + "/id", "another node already has the id '" + id + "'"));
            return null;
        }
        // The id is declared even if the node turns out to be invalid: its edges then add no second problem.
        types.put(id, null);
        BlockType type = type(typeId, g, where + "/type", problems);
        if (type == null) {
            return null;
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        JsonNode params = n.get("params");
        if (params != null && !params.isObject()) {
            problems.add(new FileProblem(where + "/params", "must be an object of parameter values, got " + kind(params)));
            return null;
        }
        if (params != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode huge = extreme(e.getValue());
                if (huge != null) {
                    problems.add(new FileProblem(where + "/params/" + e.getKey(), "out of range: "
                            + abbreviate(huge.toString()) + " is far beyond what any parameter allows"));
                    return null;
                }
                Object v = plain(e.getValue());
                if (v == null) {
                    problems.add(new FileProblem(where + "/params/" + e.getKey(), "must be a number, true/false, a text "
                            + "or a list of numbers, got " + kind(e.getValue())));
                    return null;
                }
                raw.put(e.getKey(), v);
            }
        }
        ParamValues resolved;
        try {
            resolved = type.resolve(raw);
        } catch (InvalidParameterException ex) {
            for (ParamProblem p : ex.problems()) {
                String param = p.param().replaceAll("\\[(\\d+)]$", "/$1");
                problems.add(new FileProblem(where + "/params/" + param, p.message()));
            }
            return null;
        }
        // Keep what the file says, in canonical form (3.0 becomes 3); defaults stay implicit.
        Map<String, Object> canonical = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            canonical.put(key, resolved.get(key));
        }
        double x = 0;
        double y = 0;
        JsonNode pos = n.get("position");
        if (pos != null) {
            JsonNode px = pos.get("x");
            JsonNode py = pos.get("y");
            if (!pos.isObject() || px == null || py == null || !px.isNumber() || !py.isNumber()
                    || !Double.isFinite(px.doubleValue()) || !Double.isFinite(py.doubleValue())
                    || Math.abs(px.doubleValue()) > 1e9 || Math.abs(py.doubleValue()) > 1e9) {
                problems.add(new FileProblem(where + "/position", "must be {\"x\": number, \"y\": number} with "
                        + "coordinates within ±1e9"));
                return null;
            }
            x = px.doubleValue();
            y = py.doubleValue();
        }
        types.put(id, type);
        values.put(id, resolved);
        return new Node(id, typeId, canonical, x, y);
    }

    private void edge(JsonNode e, String at, Design design, Map<String, BlockType> types,
                      Map<String, ParamValues> values, List<FileProblem> problems) {
        if (!e.isObject()) {
            problems.add(new FileProblem(at, "an edge must be an object {\"from\": \"node.port\", \"to\": \"node.port\"}, got "
                    + kind(e)));
            return;
        }
        String from = text(e, "from", at + "/from", true, problems);
        String to = text(e, "to", at + "/to", true, problems);
        if (from == null || to == null) {
            return;
        }
        PortRef src = port(from, at + "/from", design, types, values, false, problems);
        PortRef dst = port(to, at + "/to", design, types, values, true, problems);
        if (src == null || dst == null) {
            return;
        }
        Edge existing = design.incoming(dst.node()).get(dst.port());
        if (existing != null) {
            problems.add(new FileProblem(at + "/to", "input " + dst + " is already connected to " + existing.from()
                    + "; an input takes one edge"));
            return;
        }
        design.connect(new Edge(src, dst));
    }

    private PortRef port(String text, String at, Design design, Map<String, BlockType> types,
                         Map<String, ParamValues> values, boolean input, List<FileProblem> problems) {
        PortRef ref;
        try {
            ref = PortRef.parse(text);
        } catch (IllegalArgumentException ex) {
            problems.add(new FileProblem(at, ex.getMessage()));
            return null;
        }
        if (design.node(ref.node()).isEmpty()) {
            if (!types.containsKey(ref.node())) {
                problems.add(new FileProblem(at, "no node named '" + abbreviate(ref.node()) + "'"));
            }
            return null;
        }
        BlockType type = types.get(ref.node());
        List<PortSpec> ports = input ? type.inputs(values.get(ref.node())) : type.outputs(values.get(ref.node()));
        if (ports.stream().noneMatch(p -> p.name().equals(ref.port()))) {
            problems.add(new FileProblem(at, type.displayName() + " '" + ref.node() + "' has no " + (input ? "input" : "output")
                    + " '" + abbreviate(ref.port()) + "' (" + (input ? "inputs" : "outputs") + ": "
                    + String.join(", ", ports.stream().map(PortSpec::name).toList()) + ")"));
            return null;
        }
        return ref;
    }

    private static String text(JsonNode o, String field, String at, boolean required, List<FileProblem> problems) {
        JsonNode v = o.get(field);
        if (v == null) {
            if (required) {
                problems.add(new FileProblem(at, "missing"));
            }
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new FileProblem(at, "must be a text, got " + kind(v)));
            return null;
        }
        return v.textValue();
    }

    /** A parameter value as plain Java (Integer/Long/BigInteger, Double, Boolean, String, List), or null if unusable. */
    private static Object plain(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue(); // the parameter's own rule decides (3.0 is a fine kernel size, 3.5 is not)
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode x : v) {
                Object o = plain(x);
                if (o == null || o instanceof List || o instanceof String || o instanceof Boolean) {
                    return null;
                }
                list.add(o);
            }
            return list;
        }
        return null;
    }

    /**
     * A number such as 1e999999999 or 1e-999999999 (or a list holding one): short in the file, but
     * written out in full for a message it would fill the memory, so it is refused here.
     */
    private static JsonNode extreme(JsonNode v) {
        if (v.isArray()) {
            for (JsonNode x : v) {
                JsonNode e = extreme(x);
                if (e != null) {
                    return e;
                }
            }
            return null;
        }
        return v.isNumber() && !v.isIntegralNumber() && Math.abs(v.decimalValue().scale()) > 10_000 ? v : null;
    }

    private String suggestion(String typeId) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String id : library.ids()) {
            int d = distance(typeId, id);
            if (d < bestDistance) {
                bestDistance = d;
                best = id;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "; see docs/blocks.md for the list";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String kind(JsonNode v) {
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "the text \"" + abbreviate(v.textValue()) + "\"";
        }
        if (v.isNull()) {
            return "null";
        }
        return abbreviate(v.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

}

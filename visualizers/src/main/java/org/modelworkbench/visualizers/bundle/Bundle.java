package org.modelworkbench.visualizers.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelworkbench.visualizers.io.AtomicFiles;
import org.modelworkbench.visualizers.io.Npy;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/**
 * What a probe of a model hands to a view: named tensors (the raw numbers: activations, attention
 * probabilities, gradients, weights…) and metadata (the design's name, where the weights came from,
 * layer names, class names, grid sizes…). The command line makes one in-process and also writes it;
 * the GUI has a child process write it and reads it back, so the views redraw on every control change
 * without running the model again. On disk: a folder with {@value #INDEX} and one NumPy {@code .npy}
 * file per tensor (so every number behind a figure loads in Python with {@code numpy.load}).
 *
 * <p>Metadata values are strings, numbers, booleans or lists of strings.
 */
public final class Bundle {
    /** The index file of a bundle folder. */
    public static final String INDEX = "bundle.json";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String kind;
    private final Map<String, Object> meta;
    private final Map<String, FloatTensor> tensors;

    private Bundle(String kind, Map<String, Object> meta, Map<String, FloatTensor> tensors) {
        this.kind = kind;
        this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** The view kind this bundle was made for ("attention", "filters", …). */
    public String kind() {
        return kind;
    }

    /** Every metadata entry, in the order added. */
    public Map<String, Object> meta() {
        return meta;
    }

    /** The tensor names, in the order added. */
    public List<String> tensorNames() {
        return List.copyOf(tensors.keySet());
    }

    public boolean has(String tensor) {
        return tensors.containsKey(tensor);
    }

    /** The named tensor; the message lists the names there are when it is missing. */
    public FloatTensor tensor(String name) {
        FloatTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the " + kind + " data has no tensor '" + name + "'; it has: "
                    + String.join(", ", tensors.keySet()));
        }
        return t;
    }

    public Optional<FloatTensor> optionalTensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    public boolean hasMeta(String key) {
        return meta.containsKey(key);
    }

    public String string(String key) {
        return String.valueOf(required(key));
    }

    public String string(String key, String fallback) {
        Object v = meta.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    public int integer(String key) {
        return number(key).intValue();
    }

    public int integer(String key, int fallback) {
        return meta.containsKey(key) ? integer(key) : fallback;
    }

    public double real(String key) {
        return number(key).doubleValue();
    }

    public boolean bool(String key, boolean fallback) {
        Object v = meta.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("metadata '" + key + "' of the " + kind + " data is not true or false: " + v);
    }

    /** A list of strings (layer names, class names…); empty when absent. */
    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        Object v = meta.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<String>) l;
        }
        throw new IllegalArgumentException("metadata '" + key + "' of the " + kind + " data is not a list: " + v);
    }

    private Number number(String key) {
        Object v = required(key);
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("metadata '" + key + "' of the " + kind + " data is not a number: " + v);
    }

    private Object required(String key) {
        Object v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the " + kind + " data has no '" + key + "'");
        }
        return v;
    }

    /**
     * Writes the bundle into {@code folder} (created if needed): the tensors as {@code NN-name.npy},
     * then the index, each file atomically; the index comes last, so a reader never sees it before
     * the tensors it names.
     */
    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kind", kind);
        root.set("meta", JSON.valueToTree(meta));
        ArrayNode list = root.putArray("tensors");
        int i = 0;
        for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
            String file = String.format(java.util.Locale.ROOT, "%02d-%s.npy", i++, safe(e.getKey()));
            Npy.write(folder.resolve(file), e.getValue());
            ObjectNode t = list.addObject();
            t.put("name", e.getKey());
            t.put("file", file);
            ArrayNode shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
        }
        AtomicFiles.write(folder.resolve(INDEX), JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a bundle folder written by {@link #write}; the message names the folder and what is wrong. */
    public static Bundle read(Path folder) throws IOException {
        Path index = folder.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new IOException(folder + " holds no visualizer data (" + INDEX + " is missing)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new IOException(index + " is not valid JSON: " + e.getMessage(), e);
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(index + " has format version " + version + "; this workbench reads " + FORMAT_VERSION);
        }
        Builder b = builder(root.path("kind").asText());
        root.path("meta").fields().forEachRemaining(e -> b.meta.put(e.getKey(), value(e.getValue())));
        for (JsonNode t : root.path("tensors")) {
            String file = t.path("file").asText();
            if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
                throw new IOException(index + " names a tensor file outside its folder: '" + file + "'");
            }
            b.tensor(t.path("name").asText(), Npy.readFloatTensor(folder.resolve(file)));
        }
        return b.build();
    }

    private static Object value(JsonNode n) {
        if (n.isArray()) {
            List<String> l = new ArrayList<>();
            n.forEach(x -> l.add(x.asText()));
            return List.copyOf(l);
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? (Object) n.asInt() : (Object) n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        return n.asText();
    }

    /** File-name-safe form of a tensor name (node paths contain dots and may contain anything). */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.length() > 80) {
            s = s.substring(0, 80);
        }
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    @Override
    public String toString() {
        return "Bundle[" + kind + ", " + tensors.keySet() + "]";
    }

    public static final class Builder {
        private final String kind;
        private final Map<String, Object> meta = new LinkedHashMap<>();
        private final Map<String, FloatTensor> tensors = new LinkedHashMap<>();

        private Builder(String kind) {
            if (kind == null || kind.isBlank()) {
                throw new IllegalArgumentException("a bundle needs a kind");
            }
            this.kind = kind;
        }

        public Builder meta(String key, String value) {
            meta.put(key, value);
            return this;
        }

        public Builder meta(String key, Number value) {
            meta.put(key, value);
            return this;
        }

        public Builder meta(String key, boolean value) {
            meta.put(key, value);
            return this;
        }

        public Builder meta(String key, List<String> values) {
            meta.put(key, List.copyOf(values));
            return this;
        }

        /** Adds (or replaces) a tensor. */
        public Builder tensor(String name, FloatTensor t) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a tensor needs a name");
            }
            tensors.put(name, t);
            return this;
        }

        public Bundle build() {
            return new Bundle(kind, meta, tensors);
        }
    }
}

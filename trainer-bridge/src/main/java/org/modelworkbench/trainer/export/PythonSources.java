package org.modelworkbench.trainer.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hand-written Python twin of each block type (ADR 17), kept as resources under
 * {@code export/python/}: {@code primitives/<type id>.py} and {@code blocks/<type id>.py}, each defining
 * the class {@code classes.properties} names and listing the other types it uses on a {@code # needs:} line.
 */
public final class PythonSources {
    static final String ROOT = "/org/modelworkbench/trainer/export/python/";
    private static final Properties CLASSES = load();

    private PythonSources() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = PythonSources.class.getResourceAsStream(ROOT + "classes.properties")) {
            if (in == null) {
                throw new IllegalStateException("classes.properties is missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The Python class of a block type, if it has one. */
    public static Optional<String> className(String typeId) {
        return Optional.ofNullable(CLASSES.getProperty(typeId));
    }

    /** Every class name the library's Python defines: a design's own classes must not take them. */
    public static Set<String> classNames() {
        Set<String> names = new TreeSet<>();
        CLASSES.values().forEach(v -> names.add(v.toString()));
        return names;
    }

    /** The Python source of a block type, if one is shipped. */
    public static Optional<String> source(String typeId) {
        for (String folder : List.of("primitives/", "blocks/")) {
            Optional<String> text = resource(folder + typeId + ".py");
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    /** A text resource under {@code export/python/}. */
    public static Optional<String> resource(String relative) {
        try (InputStream in = PythonSources.class.getResourceAsStream(ROOT + relative)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The type ids a source names on its {@code # needs:} lines. */
    static List<String> needs(String source) {
        List<String> out = new ArrayList<>();
        for (String line : source.split("\n")) {
            String t = line.strip();
            if (t.startsWith("# needs:")) {
                for (String id : t.substring("# needs:".length()).split(",")) {
                    if (!id.isBlank()) {
                        out.add(id.strip());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The sources {@code typeIds} need, each once, every one after those it uses (primitives first, in
     * id order, then the blocks).
     *
     * @throws ExportException naming a type that has no Python twin
     */
    public static List<String> ordered(Collection<String> typeIds) throws ExportException {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String id : new TreeSet<>(typeIds)) {
            visit(id, order, new LinkedHashSet<>());
        }
        List<String> primitives = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        for (String id : order) {
            (resource("primitives/" + id + ".py").isPresent() ? primitives : blocks).add(id);
        }
        List<String> out = new ArrayList<>(new TreeSet<>(primitives));
        out.addAll(blocks);
        return out;
    }

    private static void visit(String id, LinkedHashSet<String> order, LinkedHashSet<String> path) throws ExportException {
        if (order.contains(id)) {
            return;
        }
        if (!path.add(id)) {
            throw new ExportException("the Python sources use each other in a circle: " + String.join(" → ", path));
        }
        String text = source(id).orElseThrow(() -> new ExportException("block type '" + id
                + "' has no PyTorch twin yet, so a design that uses it cannot be exported"));
        for (String need : needs(text)) {
            visit(need, order, path);
        }
        path.remove(id);
        order.add(id);
    }

    /** The module imports model.py makes once at its top; a source may import nothing else. */
    static final Set<String> HEADER_IMPORTS = Set.of("import math", "import numpy as np", "import torch",
            "import torch.nn.functional as F", "from torch import nn");

    /**
     * A source as model.py includes it: without its {@code # needs:} lines and its module imports (model.py
     * imports those once, at its top).
     *
     * @throws ExportException when the source imports something model.py does not
     */
    static String body(String typeId, String source) throws ExportException {
        List<String> kept = new ArrayList<>();
        for (String line : source.strip().split("\n")) {
            if (line.startsWith("# needs:")) {
                continue;
            }
            if (line.startsWith("import ") || line.startsWith("from ")) {
                if (!HEADER_IMPORTS.contains(line.strip())) {
                    throw new ExportException("the Python twin of '" + typeId + "' imports what model.py does not: "
                            + line.strip());
                }
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept).strip();
    }
}

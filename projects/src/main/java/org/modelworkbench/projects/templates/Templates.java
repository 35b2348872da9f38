package org.modelworkbench.projects.templates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignReader;
import org.modelworkbench.projects.files.ProjectFileException;

/**
 * The templates shipped with the app: ordinary project files under {@code /templates/} on the class
 * path, listed in {@code index.txt}, read by the same reader as a user's files.
 */
public final class Templates {
    private static final String ROOT = "/templates/";
    private static volatile List<TemplateInfo> cached;

    private Templates() {
    }

    public static List<TemplateInfo> list() {
        List<TemplateInfo> list = cached;
        if (list == null) {
            list = new ArrayList<>();
            for (String id : index()) {
                try {
                    Design d = load(id);
                    list.add(new TemplateInfo(id, d.name(), d.description()));
                } catch (ProjectFileException e) {
                    throw new IllegalStateException("shipped template is broken: " + e.getMessage(), e);
                }
            }
            cached = list = List.copyOf(list);
        }
        return list;
    }

    /** Finds a template by id ("resnet18"), file name ("resnet18.json") or display name ("ResNet-18"), ignoring case. */
    public static Optional<TemplateInfo> find(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceFirst("\\.json$", "");
        for (TemplateInfo t : list()) {
            if (t.id().equalsIgnoreCase(k) || t.name().equalsIgnoreCase(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** A fresh copy of the template's design. */
    public static Design load(String id) throws ProjectFileException {
        String resource = ROOT + id + ".json";
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ProjectFileException("template " + id, "/", "no such template");
            }
            return new DesignReader().read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "template " + id);
        } catch (IOException e) {
            throw new ProjectFileException("template " + id, "/", "cannot be read: " + e.getMessage());
        }
    }

    static List<String> index() {
        try (InputStream in = Templates.class.getResourceAsStream(ROOT + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the template index", e);
        }
    }
}

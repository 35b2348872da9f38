package org.modelworkbench.app.docs;

import java.util.stream.Collectors;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.PortSpec;

/**
 * The generated part of docs/file-format.md: every block type id with its ports and its
 * hyper-parameters, their defaults and valid values, so that a design can be written by hand.
 */
public final class FileFormatDoc {
    public static final String BEGIN = "<!-- BEGIN GENERATED BLOCK LIST (./workbench blocks --markdown; FileFormatDocTest) -->";
    public static final String END = "<!-- END GENERATED BLOCK LIST -->";

    private FileFormatDoc() {
    }

    public static String blockList(BlockLibrary library) {
        StringBuilder b = new StringBuilder();
        b.append("| type id | inputs → outputs | parameters: name = default (valid values) |\n|---|---|---|\n");
        for (BlockType t : library.types()) {
            var d = t.defaults();
            String ports = names(t.inputs(d)) + " → " + names(t.outputs(d));
            String params = t.params().isEmpty() ? "none" : t.params().stream().map(FileFormatDoc::param)
                    .collect(Collectors.joining("; "));
            b.append("| `").append(t.id()).append("` | ").append(ports).append(" | ").append(params).append(" |\n");
        }
        return b.toString();
    }

    /** Replaces the generated section of {@code doc} with the current block list. */
    public static String withBlockList(String doc, BlockLibrary library) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("docs/file-format.md lacks the generated-section markers");
        }
        return doc.substring(0, begin + BEGIN.length()) + "\n" + blockList(library) + doc.substring(end);
    }

    private static String names(java.util.List<PortSpec> ports) {
        return ports.isEmpty() ? "–" : ports.stream().map(p -> "`" + p.name() + "`").collect(Collectors.joining(", "));
    }

    private static String param(ParamSpec p) {
        return "`" + p.name() + "` = `" + p.defaultValue() + "` (" + p.rangeText().replace("|", "\\|") + ")";
    }
}

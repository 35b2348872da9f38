package org.modelworkbench.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;

/** docs/file-format.md lists every block type; run with -Ddocs.regenerate=true to refresh it. */
class FileFormatDocTest {
    private static final Path DOC = Path.of("../docs/file-format.md");

    @Test
    void theFileFormatDocumentListsEveryBlockTypeWithItsCurrentParameters() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String expected = FileFormatDoc.withBlockList(doc, BlockLibrary.standard());
        if (Boolean.getBoolean("docs.regenerate")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            doc = expected;
        }
        assertThat(doc).as("docs/file-format.md is stale; rerun with -Ddocs.regenerate=true").isEqualTo(expected);
        for (BlockType t : BlockLibrary.standard().types()) {
            assertThat(doc).contains("`" + t.id() + "`");
        }
    }

    @Test
    void theExampleInTheFileFormatDocumentIsAValidDesign() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf("```json") + "```json".length();
        String json = doc.substring(start, doc.indexOf("```", start));
        var design = new org.modelworkbench.projects.files.DesignReader().read(json, "file-format.md example");
        var analysis = org.modelworkbench.projects.analysis.DesignAnalyzer.analyze(design);
        assertThat(analysis.problems()).isEmpty();
        assertThat(analysis.node("head").outputs().get(0).toAscii()).isEqualTo("1x10");
    }
}

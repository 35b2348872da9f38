package org.modelworkbench.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;

/**
 * docs/blocks.md is generated from the block library and must stay in step with it. After changing
 * a block, refresh it with {@code mvn -pl app test -Dtest=BlockReferenceDocTest -Ddocs.regenerate=true}
 * (or {@code workbench blocks --markdown > docs/blocks.md}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BlockReferenceDocTest {
    /** Tests run in the module folder (app/); the docs live at the repository root. */
    private static final Path DOC = Path.of("../docs/blocks.md");

    @Test
    void the_block_reference_in_the_docs_is_the_one_generated_from_the_library() throws Exception {
        String expected = BlockReference.markdown(BlockLibrary.standard());
        if (Boolean.getBoolean("docs.regenerate")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(DOC).as("docs/blocks.md is missing; run with -Ddocs.regenerate=true").exists();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        assertThat(doc).as("docs/blocks.md is stale; rerun this test with -Ddocs.regenerate=true").isEqualTo(expected);
    }

    @Test
    void the_block_reference_documents_every_block_with_its_description_and_parameters() {
        String md = BlockReference.markdown(BlockLibrary.standard());
        for (BlockType t : BlockLibrary.standard().types()) {
            assertThat(md).contains("### `" + t.id() + "` — " + t.displayName()).contains(t.description());
            t.params().forEach(p -> assertThat(md).contains("| `" + p.name() + "` |"));
        }
        assertThat(md).contains("FLOPs = 2 × MACs");
    }
}

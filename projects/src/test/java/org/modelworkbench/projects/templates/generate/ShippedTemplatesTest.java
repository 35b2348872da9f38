package org.modelworkbench.projects.templates.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.TemplateInfo;
import org.modelworkbench.projects.templates.Templates;

/**
 * The shipped template files are exactly what {@link TemplateGenerator} writes from the template
 * sources, so the two cannot drift. The test only reads them; to refresh them after changing a
 * source, run {@code ./mvnw -B -q -pl projects -am process-classes -Pregenerate-templates}.
 */
class ShippedTemplatesTest {
    /** Tests run in the module folder. */
    private static final Path SHIPPED = Path.of("src/main/resources/templates");
    private static final String HOW = "run ./mvnw -B -q -pl projects -am process-classes -Pregenerate-templates";

    @Test
    void shippedTemplateFilesAreExactlyWhatTheGeneratorWrites() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> f : TemplateGenerator.files().entrySet()) {
            Path file = SHIPPED.resolve(f.getKey());
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(f.getValue())) {
                stale.add(f.getKey());
            }
        }
        assertThat(stale).as("template files that differ from their sources; " + HOW).isEmpty();
        try (Stream<Path> shipped = Files.list(SHIPPED)) {
            assertThat(shipped.map(p -> p.getFileName().toString()))
                    .as("files in the templates folder that no source generates; delete them or add a source")
                    .containsExactlyInAnyOrderElementsOf(TemplateGenerator.files().keySet());
        }
    }

    @Test
    void theGeneratorWritesEveryTemplateAndTheIndexAndRewritesOnlyWhatChanged(@TempDir Path dir) throws IOException {
        List<String> first = TemplateGenerator.write(dir);
        assertThat(first).containsExactlyElementsOf(TemplateGenerator.files().keySet());
        assertThat(Files.readString(dir.resolve("index.txt"))).startsWith(TemplateGenerator.INDEX_HEADER + "\nresnet18\n");

        Files.writeString(dir.resolve("resnet18.json"), "{}");
        assertThat(TemplateGenerator.write(dir)).containsExactly("resnet18.json");
        assertThat(TemplateGenerator.write(dir)).isEmpty();
    }

    @Test
    void theGalleryListsExactlyTheGeneratedTemplatesInTheirOrder() {
        List<String> generated = TemplateCatalog.all().stream()
                .map(s -> s.fileName().replaceFirst("\\.json$", "")).toList();
        assertThat(Templates.list()).extracting(TemplateInfo::id).containsExactlyElementsOf(generated);
        assertThat(generated).as("the shipped templates").hasSize(18);
    }

    @Test
    void everyShippedTemplateLoadsAndAnalysesWithoutProblems() throws Exception {
        for (TemplateInfo info : Templates.list()) {
            Design d = Templates.load(info.id());
            assertThat(DesignAnalyzer.analyze(d).problems()).as(info.id()).isEmpty();
            assertThat(info.description()).as(info.id() + " description").isNotBlank();
        }
    }
}

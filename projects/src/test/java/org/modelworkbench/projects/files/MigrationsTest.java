package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.projects.design.Design;

class MigrationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which steps ran, and at which formatVersion each one found the tree. */
    private final List<String> log = new ArrayList<>();

    /** Format 1 called the name "title"; format 2 called it "label"; format 3 calls it "name". */
    private final Migration titleToLabel = step(1, "title", "label");
    private final Migration labelToName = step(2, "label", "name");

    private Migration step(int from, String oldField, String newField) {
        return new Migration() {
            @Override
            public int from() {
                return from;
            }

            @Override
            public ObjectNode apply(ObjectNode root) {
                log.add(from + "→" + (from + 1) + " saw formatVersion " + root.get("formatVersion").asInt());
                if (root.has(oldField)) {
                    root.set(newField, root.remove(oldField));
                }
                return root;
            }
        };
    }

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void theAppsMigrationsReachTheCurrentVersion() {
        assertThat(Migrations.STANDARD.current()).isEqualTo(Migrations.CURRENT_VERSION);
        assertThat(Migrations.CURRENT_VERSION).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFileIsMigratedOneVersionAtATimeAndStampedWithEachNewVersion() throws Exception {
        Migrations m = new Migrations(3, List.of(titleToLabel, labelToName));
        ObjectNode migrated = m.migrate(tree("{\"formatVersion\": 1, \"title\": \"Old\", \"nodes\": []}"), 1);

        assertThat(log).containsExactly("1→2 saw formatVersion 1", "2→3 saw formatVersion 2");
        assertThat(migrated.get("formatVersion").asInt()).isEqualTo(3);
        assertThat(migrated.get("name").asText()).isEqualTo("Old");
        assertThat(migrated.has("title")).isFalse();
        assertThat(migrated.has("label")).isFalse();
    }

    @Test
    void aFileOfAnIntermediateVersionRunsOnlyTheStepsAfterIt() throws Exception {
        Migrations m = new Migrations(3, List.of(titleToLabel, labelToName));
        ObjectNode migrated = m.migrate(tree("{\"formatVersion\": 2, \"label\": \"Mid\"}"), 2);
        assertThat(log).containsExactly("2→3 saw formatVersion 2");
        assertThat(migrated.get("name").asText()).isEqualTo("Mid");
        assertThat(migrated.get("formatVersion").asInt()).isEqualTo(3);
    }

    @Test
    void aFileOfTheCurrentVersionIsLeftAlone() throws Exception {
        Migrations m = new Migrations(3, List.of(titleToLabel, labelToName));
        ObjectNode root = tree("{\"formatVersion\": 3, \"name\": \"New\"}");
        assertThat(m.migrate(root, 3)).isEqualTo(tree("{\"formatVersion\": 3, \"name\": \"New\"}"));
        assertThat(log).isEmpty();
    }

    @Test
    void theReaderMigratesOldFilesBeforeCheckingThem() throws Exception {
        DesignReader reader = new DesignReader(BlockLibrary.standard(),
                new Migrations(3, List.of(titleToLabel, labelToName)));
        Design d = reader.read("{\"formatVersion\": 1, \"title\": \"From v1\", \"nodes\": "
                + "[{\"id\": \"in\", \"type\": \"io.image_input\"}]}", "old.json");
        assertThat(d.name()).isEqualTo("From v1");
        assertThat(d.node("in")).isPresent();
        assertThat(log).hasSize(2);

        assertThat(reader.read("{\"formatVersion\": 2, \"label\": \"From v2\", \"nodes\": []}", "mid.json").name())
                .isEqualTo("From v2");
        assertThat(reader.read("{\"formatVersion\": 3, \"name\": \"From v3\", \"nodes\": []}", "new.json").name())
                .isEqualTo("From v3");
    }

    @Test
    void theReaderRefusesAFormatNewerThanItsMigrationsReach() {
        DesignReader reader = new DesignReader(BlockLibrary.standard(),
                new Migrations(3, List.of(titleToLabel, labelToName)));
        assertThatThrownBy(() -> reader.read("{\"formatVersion\": 4, \"name\": \"x\", \"nodes\": []}", "future.json"))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage("future.json: /formatVersion: the file has format 4, written by a newer Model Workbench; "
                        + "this version reads formats up to 3");
    }

    @Test
    void aMigratedFileWithProblemsIsReportedAgainstTheMigratedTree() {
        DesignReader reader = new DesignReader(BlockLibrary.standard(),
                new Migrations(3, List.of(titleToLabel, labelToName)));
        // format 1 without a title: after migration the name is missing
        assertThatThrownBy(() -> reader.read("{\"formatVersion\": 1, \"nodes\": []}", "old.json"))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage("old.json: /name: missing");
    }

    @Test
    void theConstructorRefusesAGapInTheChain() {
        Migration fromThree = step(3, "a", "b");
        assertThatThrownBy(() -> new Migrations(4, List.of(titleToLabel, fromThree)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("migration 1 must read version 2");
    }

    @Test
    void theConstructorRefusesStepsInTheWrongOrder() {
        assertThatThrownBy(() -> new Migrations(3, List.of(labelToName, titleToLabel)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("migration 0 must read version 1");
    }

    @Test
    void theConstructorRefusesTooFewOrTooManyStepsForTheCurrentVersion() {
        assertThatThrownBy(() -> new Migrations(3, List.of(titleToLabel)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 2 migrations to reach version 3");
        assertThatThrownBy(() -> new Migrations(1, List.of(titleToLabel)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 0 migrations to reach version 1");
    }
}

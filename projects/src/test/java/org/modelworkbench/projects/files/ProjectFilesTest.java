package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;

class ProjectFilesTest {
    @TempDir
    Path dir;

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Design named(String name) {
        Design d = DesignWriterTest.sample();
        d.setName(name);
        return d;
    }

    // ---- saving --------------------------------------------------------------------------------------------------

    @Test
    void writeCreatesTheFileWithTheWritersTextAndNothingElse() throws Exception {
        Path file = dir.resolve("net.json");
        ProjectFiles.write(named("first"), file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(DesignWriter.toJson(named("first")));
        assertThat(filesIn(dir)).containsExactly("net.json");
    }

    @Test
    void writeCreatesMissingParentFolders() throws Exception {
        Path file = dir.resolve("a/b/c/net.json");
        ProjectFiles.write(named("deep"), file);
        assertThat(ProjectFiles.read(file).name()).isEqualTo("deep");
    }

    @Test
    void aSecondWriteKeepsThePreviousContentAsABackup() throws Exception {
        Path file = dir.resolve("net.json");
        ProjectFiles.write(named("first"), file);
        ProjectFiles.write(named("second"), file);

        assertThat(ProjectFiles.backupOf(file)).isEqualTo(dir.resolve("net.json.bak"));
        assertThat(Files.readString(dir.resolve("net.json.bak"))).isEqualTo(DesignWriter.toJson(named("first")));
        assertThat(Files.readString(file)).isEqualTo(DesignWriter.toJson(named("second")));

        ProjectFiles.write(named("third"), file);
        assertThat(ProjectFiles.read(dir.resolve("net.json.bak")).name()).isEqualTo("second");
        assertThat(ProjectFiles.read(file).name()).isEqualTo("third");
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        Path file = dir.resolve("net.json");
        for (int i = 0; i < 5; i++) {
            ProjectFiles.write(named("version " + i), file);
        }
        assertThat(filesIn(dir)).containsExactly("net.json", "net.json.bak");
    }

    @Test
    void aRelativePathIsSavedNextToWhereItPoints() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.json"));
        ProjectFiles.write(named("relative"), relative);
        assertThat(ProjectFiles.read(dir.resolve("rel.json")).name()).isEqualTo("relative");
    }

    @Test
    void savingOverAFolderFailsAndLeavesTheFolderAndItsSurroundingsAlone() throws Exception {
        Path target = dir.resolve("net.json");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "keep me");

        assertThatThrownBy(() -> ProjectFiles.write(named("x"), target))
                .isInstanceOf(ProjectFileException.class)
                .hasMessageStartingWith(target + ": /: could not be saved")
                .hasMessageContaining("folder");
        assertThat(target).isDirectory();
        assertThat(Files.readString(target.resolve("inside.txt"))).isEqualTo("keep me");
        assertThat(filesIn(dir)).containsExactly("net.json");
    }

    @Test
    void aSaveThatFailsHalfwayLeavesTheOldFileUnchangedAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("net.json");
        ProjectFiles.write(named("old"), file);
        String old = Files.readString(file);
        // the backup cannot be made: a non-empty folder stands where net.json.bak would go
        Path blocker = dir.resolve("net.json.bak");
        Files.createDirectory(blocker);
        Files.writeString(blocker.resolve("x"), "x");

        assertThatThrownBy(() -> ProjectFiles.write(named("new"), file))
                .isInstanceOf(ProjectFileException.class)
                .hasMessageStartingWith(file + ": /: could not be saved")
                .hasMessageContaining("the previous version, if any, is unchanged");
        assertThat(Files.readString(file)).isEqualTo(old);
        assertThat(filesIn(dir)).containsExactly("net.json", "net.json.bak");
    }

    @Test
    void savingIntoAFolderThatCannotBeCreatedFails() throws Exception {
        Path notAFolder = dir.resolve("plain.txt");
        Files.writeString(notAFolder, "I am a file");
        assertThatThrownBy(() -> ProjectFiles.write(named("x"), notAFolder.resolve("net.json")))
                .isInstanceOf(ProjectFileException.class)
                .hasMessageContaining("net.json: /: could not be saved");
        assertThat(Files.readString(notAFolder)).isEqualTo("I am a file");
    }

    @Test
    void savingIntoAReadOnlyFolderFailsAndLeavesTheOldFileUnchanged() throws Exception {
        Path folder = dir.resolve("locked");
        Path file = folder.resolve("net.json");
        ProjectFiles.write(named("old"), file);
        String old = Files.readString(file);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(folder), "permissions are not enforced for this user (root?)");
            assertThatThrownBy(() -> ProjectFiles.write(named("new"), file))
                    .isInstanceOf(ProjectFileException.class)
                    .hasMessageStartingWith(file + ": /: could not be saved");
            assertThat(Files.readString(file)).isEqualTo(old);
            assertThat(filesIn(folder)).containsExactly("net.json");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    // ---- opening -------------------------------------------------------------------------------------------------

    @Test
    void whatIsWrittenIsReadBackAsTheSameDesign() throws Exception {
        Path file = dir.resolve("net.json");
        Design d = named("round trip");
        ProjectFiles.write(d, file);
        Design back = ProjectFiles.read(file);
        assertThat(back.nodes()).hasSameSizeAs(d.nodes());
        assertThat(back.edges()).containsExactlyElementsOf(d.edges());
        assertThat(DesignWriter.toJson(back)).isEqualTo(DesignWriter.toJson(d));
    }

    @Test
    void readingAMissingFileSaysThereIsNoSuchFile() {
        Path file = dir.resolve("missing.json");
        assertThatThrownBy(() -> ProjectFiles.read(file))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage(file + ": /: no such file");
    }

    @Test
    void readingAFolderSaysItIsAFolder() {
        assertThatThrownBy(() -> ProjectFiles.read(dir))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage(dir + ": /: is a folder, not a project file");
    }

    @Test
    @Timeout(20)
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("huge.json");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(70L * 1024 * 1024); // sparse: costs no disk space
        }
        assertThatThrownBy(() -> ProjectFiles.read(file))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage(file + ": /: is 70 MiB; project files are at most 64 MiB");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("latin1.json");
        byte[] text = "{\"formatVersion\": 1, \"name\": \"Caf\u00e9\", \"nodes\": []}".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, text);
        assertThatThrownBy(() -> ProjectFiles.read(file))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage(file + ": /: is not UTF-8 text (is it a project file?)");
        Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x7B, 0x00, 0x7D, 0x00});
        assertThatThrownBy(() -> ProjectFiles.read(file))
                .isInstanceOf(ProjectFileException.class)
                .hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void problemsInsideAFileAreReportedUnderItsPath() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"nodes\": []}");
        assertThatThrownBy(() -> ProjectFiles.read(file))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage(file + ": /name: missing")
                .satisfies(e -> assertThat(((ProjectFileException) e).file()).isEqualTo(file.toString()));
    }

    @Test
    void aUtf8FileWithAByteOrderMarkAsSomeWindowsEditorsWriteLoads() throws Exception {
        Path file = dir.resolve("bom.json");
        Files.write(file, ("\uFEFF" + DesignWriter.toJson(named("bom"))).getBytes(StandardCharsets.UTF_8));
        assertThat(ProjectFiles.read(file).name()).isEqualTo("bom");
    }
}

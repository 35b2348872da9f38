package org.modelworkbench.projects.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;

/** Saving never changes who may read a design: not the saved file, not its .bak. */
class ProjectFilePermissionsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "no POSIX permissions here");
    }

    private static Design sample(String name) {
        Design d = DesignWriterTest.sample();
        d.setName(name);
        return d;
    }

    private static Set<PosixFilePermission> perms(Path p) throws Exception {
        return Files.getPosixFilePermissions(p);
    }

    @Test
    void aNewDesignGetsTheUsersDefaultPermissionsNotOwnerOnly() throws Exception {
        Path reference = Files.createFile(dir.resolve("made-the-ordinary-way"));
        Path file = dir.resolve("net.json");

        ProjectFiles.write(sample("new"), file);

        assertThat(perms(file)).isEqualTo(perms(reference));
        assertThat(PosixFilePermissions.toString(perms(file))).isNotEqualTo("rw-------");
    }

    @Test
    void savingOverADesignKeepsItsPermissionsAndTheBackupHasThemToo() throws Exception {
        Path file = dir.resolve("net.json");
        ProjectFiles.write(sample("v1"), file);
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(file, shared);

        ProjectFiles.write(sample("v2"), file);

        assertThat(perms(file)).isEqualTo(shared);
        assertThat(perms(ProjectFiles.backupOf(file))).isEqualTo(shared);
        assertThat(Files.readString(file)).contains("v2");
    }

    @Test
    void aPrivateDesignStaysPrivate() throws Exception {
        Path file = dir.resolve("net.json");
        ProjectFiles.write(sample("v1"), file);
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(file, owner);

        ProjectFiles.write(sample("v2"), file);

        assertThat(perms(file)).isEqualTo(owner);
        assertThat(perms(ProjectFiles.backupOf(file))).isEqualTo(owner);
    }
}

package org.modelworkbench.visualizers.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryBehind() throws Exception {
        Path file = dir.resolve("figure.csv");
        AtomicFiles.write(file, "old".getBytes());
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessageContaining("figure.csv").hasMessageContaining("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written");
        AtomicFiles.write(written, new byte[] {1});
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFolderInTheWayIsNamedInTheError() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("out.png"));
        assertThatThrownBy(() -> AtomicFiles.write(folder, new byte[1])).isInstanceOf(IOException.class)
                .hasMessageContaining("out.png").hasMessageContaining("folder");
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(blocker.resolve("sub/f.csv"), new byte[1]))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot create the folder");
    }
}

package org.modelworkbench.trainer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
    @TempDir
    Path dir;

    @Test
    void residentSetAndHighWaterMarkAreReadInBytes() throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n");
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal: 1000 kB\nMemAvailable:     2048 kB\n");
        ProcessMemory memory = new ProcessMemory(status, dir.resolve("missing/clear_refs"), meminfo);
        assertThat(memory.rss()).isEqualTo(102400L * 1024);
        assertThat(memory.highWaterMark()).isEqualTo(204800L * 1024);
        assertThat(memory.available()).isEqualTo(2048L * 1024);
    }

    @Test
    void aHighWaterMarkThatCannotBeResetIsReportedAsSuchAndMissingFilesReadAsMinusOne() {
        ProcessMemory memory = new ProcessMemory(dir.resolve("no-status"), dir.resolve("no/clear_refs"), dir.resolve("no-meminfo"));
        assertThat(memory.resetHighWaterMark()).isFalse();
        assertThat(memory.rss()).isEqualTo(-1);
        assertThat(memory.available()).isEqualTo(-1);
    }

    @Test
    void theAllocatorAndTheCpuAreReadFromTheirProcFiles() throws Exception {
        Path maps = Files.writeString(dir.resolve("maps"),
                "7f00 r-xp 00000000 fd:01 1 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.9\n");
        Path plain = Files.writeString(dir.resolve("maps2"), "7f00 r-xp 00000000 fd:01 1 /usr/lib/libc.so.6\n");
        assertThat(Hosts.allocator(maps)).isEqualTo("tcmalloc");
        assertThat(Hosts.allocator(plain)).isEqualTo("glibc malloc");
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"),
                "processor\t: 0\nmodel name\t: AMD EPYC 9R14\nflags\t\t: fpu sse avx2 avx512f avx512_bf16\n");
        assertThat(Hosts.cpu(cpuinfo)).isEqualTo("AMD EPYC 9R14 (avx512_bf16)");
    }
}

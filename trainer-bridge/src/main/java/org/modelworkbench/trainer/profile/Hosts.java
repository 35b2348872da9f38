package org.modelworkbench.trainer.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Reads what the {@link HostInfo} of a profile says: the allocator loaded and the CPU. */
final class Hosts {
    private Hosts() {
    }

    /** The allocator this process has mapped: tcmalloc, jemalloc, or glibc's own. */
    static String allocator(Path maps) {
        try (var lines = Files.lines(maps, StandardCharsets.UTF_8)) {
            List<String> libs = lines.filter(l -> l.contains("malloc")).toList();
            if (libs.stream().anyMatch(l -> l.contains("libtcmalloc"))) {
                return "tcmalloc";
            }
            if (libs.stream().anyMatch(l -> l.contains("libjemalloc"))) {
                return "jemalloc";
            }
            return "glibc malloc";
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return "unknown";
        }
    }

    /** "model name (widest vector extension)" from a cpuinfo file. */
    static String cpu(Path cpuinfo) {
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return System.getProperty("os.arch", "unknown");
        }
        String model = value(lines, "model name");
        String flags = value(lines, "flags");
        Set<String> set = flags == null ? Set.of() : Set.of(flags.split("\\s+"));
        String simd = set.contains("amx_bf16") ? "amx_bf16" : set.contains("avx512_bf16") ? "avx512_bf16"
                : set.contains("avx512f") ? "avx512f" : set.contains("avx2") ? "avx2" : null;
        String name = model == null ? System.getProperty("os.arch", "unknown") : model;
        return simd == null ? name : name + " (" + simd + ")";
    }

    private static String value(List<String> lines, String key) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}

package org.modelworkbench.trainer.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's native memory as Linux reports it in {@code /proc/self/status}: the resident set
 * (VmRSS) and its high-water mark (VmHWM). Writing "5" to {@code /proc/self/clear_refs} resets the
 * high-water mark to the current resident set (Linux 4.0+), where the kernel allows it; elsewhere the
 * profiler falls back to sampling the resident set. Values are bytes, or -1 where unreadable.
 */
final class ProcessMemory {
    private final Path status;
    private final Path clearRefs;
    private final Path meminfo;

    ProcessMemory() {
        this(Path.of("/proc/self/status"), Path.of("/proc/self/clear_refs"), Path.of("/proc/meminfo"));
    }

    ProcessMemory(Path status, Path clearRefs, Path meminfo) {
        this.status = status;
        this.clearRefs = clearRefs;
        this.meminfo = meminfo;
    }

    long rss() {
        return field(status, "VmRSS:");
    }

    long highWaterMark() {
        return field(status, "VmHWM:");
    }

    /** Memory the kernel could give without swapping (MemAvailable), or -1. */
    long available() {
        return field(meminfo, "MemAvailable:");
    }

    /** Resets the high-water mark to the current resident set; false where that is not allowed. */
    boolean resetHighWaterMark() {
        try {
            Files.writeString(clearRefs, "5");
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
        // Check that it took: right after a reset the mark is the resident set (within a page or two).
        long hwm = highWaterMark();
        long rss = rss();
        return hwm >= 0 && rss >= 0 && hwm - rss < 1 << 20;
    }

    private static long field(Path file, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return -1;
        }
        for (String line : lines) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}

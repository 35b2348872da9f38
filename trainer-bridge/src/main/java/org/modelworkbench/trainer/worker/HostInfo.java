package org.modelworkbench.trainer.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a run record says about the machine, read from {@code /proc/cpuinfo} and the environment. */
public final class HostInfo {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private HostInfo() {
    }

    /** "AMD EPYC …", or the OS architecture where /proc/cpuinfo is not there. */
    public static String cpuModel() {
        for (String line : cpuinfo()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    /** Physical cores (distinct physical id and core id pairs); the logical processors where unknown. */
    public static int physicalCores() {
        Set<String> cores = new HashSet<>();
        String physical = "0";
        for (String line : cpuinfo()) {
            if (line.startsWith("physical id")) {
                physical = line.substring(line.indexOf(':') + 1).trim();
            } else if (line.startsWith("core id")) {
                cores.add(physical + "/" + line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return cores.isEmpty() ? Runtime.getRuntime().availableProcessors() : cores.size();
    }

    /** The allocator preloaded into this process: "tcmalloc", "jemalloc" or "glibc". */
    public static String allocator() {
        String preload = System.getenv("LD_PRELOAD");
        if (preload != null && preload.contains("tcmalloc")) {
            return "tcmalloc";
        }
        if (preload != null && preload.contains("jemalloc")) {
            return "jemalloc";
        }
        return "glibc";
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(CPUINFO);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}

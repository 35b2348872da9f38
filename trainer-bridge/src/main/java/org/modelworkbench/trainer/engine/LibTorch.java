package org.modelworkbench.trainer.engine;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The libtorch library DJL's engine has loaded into this process, for the few exported functions
 * that DJL does not wrap (autocast). The library is found in {@code /proc/self/maps}, never searched
 * for on disk: a second copy loaded from another folder would have its own, separate state.
 */
public final class LibTorch {
    /** The library that holds ATen's CPU operators and autocast. */
    public static final String CPU_LIBRARY = "libtorch_cpu.so";

    private LibTorch() {
    }

    /** The path of {@code fileName} as mapped into this process, if it is loaded (Linux only). */
    public static Optional<Path> loaded(String fileName) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try {
            return loaded(fileName, Files.readAllLines(maps));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first mapped file named {@code fileName} in the lines of a {@code /proc/<pid>/maps} file. */
    static Optional<Path> loaded(String fileName, List<String> mapsLines) {
        String suffix = "/" + fileName;
        for (String line : mapsLines) {
            int slash = line.indexOf('/');
            if (slash >= 0) {
                String path = line.substring(slash).trim();
                if (path.endsWith(suffix)) {
                    return Optional.of(Path.of(path));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The malloc this process runs with: "tcmalloc" or "jemalloc" when one is mapped (preloaded by the
     * launcher, or not), otherwise "glibc". The maps name the real file ({@code libtcmalloc_minimal.so.4.5.16}),
     * not the link the launcher preloads, hence the match on the name's start.
     */
    public static String allocator() {
        try {
            return allocator(Files.readAllLines(Path.of("/proc/self/maps")));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String allocator(List<String> mapsLines) {
        for (String line : mapsLines) {
            int slash = line.lastIndexOf('/');
            String name = slash >= 0 ? line.substring(slash + 1) : "";
            if (name.startsWith("libtcmalloc")) {
                return "tcmalloc";
            }
            if (name.startsWith("libjemalloc")) {
                return "jemalloc";
            }
        }
        return "glibc";
    }

    /** libtorch_cpu.so of the running engine, or why it cannot be used. */
    static Path cpuLibrary() throws ModeUnavailableException {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new ModeUnavailableException("libtorch's exported functions are only called on Linux");
        }
        return loaded(CPU_LIBRARY).orElseThrow(() -> new ModeUnavailableException(
                CPU_LIBRARY + " is not loaded in this process (start the PyTorch engine first)"));
    }

    /** dlopen flags: RTLD_LAZY | RTLD_NOLOAD. Never load a second copy, and keep the library's symbols local. */
    private static final int OPEN_LOADED_ONLY = 0x1 | 0x4;

    /**
     * A function of {@code library} by its (mangled) name. The library must already be loaded (by the
     * engine): it is opened with RTLD_NOLOAD, and without RTLD_GLOBAL, so that JNA neither loads it
     * again nor makes its thousands of symbols visible to libraries loaded later.
     */
    static Function function(Path library, String name) {
        return NativeLibrary.getInstance(library.toString(), Map.of(Library.OPTION_OPEN_FLAGS, OPEN_LOADED_ONLY))
                .getFunction(name);
    }
}

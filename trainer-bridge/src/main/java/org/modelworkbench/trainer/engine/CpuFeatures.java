package org.modelworkbench.trainer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the CPU can do, from {@code /proc/cpuinfo}: the model name and the instruction-set flags that
 * decide which execution modes are fast. bf16 autocast runs everywhere, but only {@code avx512_bf16}
 * or AMX makes it fast; without them libtorch emulates bf16 and a step is about 20× slower.
 */
public record CpuFeatures(String model, Set<String> flags, int processors) {
    /** The flags that matter for the execution modes, in the order they are reported. */
    public static final List<String> RELEVANT = List.of("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16",
            "amx_tile");

    public CpuFeatures {
        flags = Set.copyOf(flags);
    }

    private static CpuFeatures current;

    /** This machine's features (read once); an unreadable cpuinfo gives no flags. */
    public static synchronized CpuFeatures current() {
        if (current == null) {
            String text = "";
            try {
                Path info = Path.of("/proc/cpuinfo");
                if (Files.isReadable(info)) {
                    text = Files.readString(info);
                }
            } catch (IOException e) {
                text = "";
            }
            current = parse(text, Runtime.getRuntime().availableProcessors());
        }
        return current;
    }

    /** Reads the first processor's "model name" and "flags" lines of a cpuinfo text. */
    public static CpuFeatures parse(String cpuinfo, int processors) {
        String model = System.getProperty("os.arch", "unknown");
        Set<String> flags = new TreeSet<>();
        boolean haveModel = false;
        boolean haveFlags = false;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (!haveModel && key.equals("model name")) {
                model = value;
                haveModel = true;
            } else if (!haveFlags && (key.equals("flags") || key.equals("Features"))) {
                for (String f : value.split("\\s+")) {
                    if (!f.isEmpty()) {
                        flags.add(f);
                    }
                }
                haveFlags = true;
            }
        }
        return new CpuFeatures(model, flags, processors);
    }

    /** bf16 in hardware: AVX-512 BF16 or AMX. */
    public boolean nativeBf16() {
        return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
    }

    /** The relevant flags this CPU has, e.g. "avx2 avx512f avx512_vnni avx512_bf16". */
    public String relevantFlags() {
        return String.join(" ", RELEVANT.stream().filter(flags::contains).toList());
    }

    /** "AMD EPYC, 2 CPUs, avx2 avx512f avx512_vnni avx512_bf16". */
    public String describe() {
        String f = relevantFlags();
        return model + ", " + processors + " CPU" + (processors == 1 ? "" : "s") + (f.isEmpty() ? "" : ", " + f);
    }
}

package org.modelworkbench.trainer.engine;

import com.sun.jna.Function;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * libtorch's CPU autocast to bf16, switched on and off from Java through JNA. DJL has no autocast, and
 * its own BFLOAT16 arrays abort the JVM, but the operators it calls go through libtorch's dispatcher,
 * which honours autocast: convolutions and matrix products then run in bf16 (oneDNN's AVX-512 bf16
 * kernels), while parameters and their gradients stay fp32.
 *
 * <p>The switch is <b>thread-local</b> in libtorch: {@link #enable()} and {@link #disable()} must run
 * on the thread that runs the forward. The functions are C++ ({@code at::autocast::…}), found by
 * their mangled names in the library's dynamic symbol table; names differ between libtorch versions
 * (2.4 added the device argument), so each known family of names is tried in turn, and a library with
 * none of them makes the mode unavailable with the missing names in the reason.
 */
public final class Autocast {
    /** c10::DeviceType::CPU. */
    static final byte CPU = 0;
    /** c10::ScalarType::BFloat16. */
    static final byte BFLOAT16 = 15;

    /**
     * One libtorch version's names for the five functions. {@code deviceArgument}: the functions take a
     * c10::DeviceType first (libtorch 2.4 and later); otherwise they are the CPU-only variants.
     */
    public record Names(String setEnabled, String isEnabled, String setDtype, String getDtype, String clearCache,
                        boolean deviceArgument) {
        List<String> all() {
            return List.of(setEnabled, isEnabled, setDtype, getDtype, clearCache);
        }
    }

    /** libtorch 2.4 and later (DJL 0.36 bundles 2.7.1). */
    public static final Names DEVICE_TYPED = new Names(
            "_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb",
            "_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE",
            "_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE",
            "_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE",
            "_ZN2at8autocast11clear_cacheEv", true);

    /** libtorch 1.10 to 2.3. */
    public static final Names CPU_ONLY = new Names(
            "_ZN2at8autocast15set_cpu_enabledEb",
            "_ZN2at8autocast14is_cpu_enabledEv",
            "_ZN2at8autocast22set_autocast_cpu_dtypeEN3c1010ScalarTypeE",
            "_ZN2at8autocast22get_autocast_cpu_dtypeEv",
            "_ZN2at8autocast11clear_cacheEv", false);

    public static final List<Names> KNOWN = List.of(DEVICE_TYPED, CPU_ONLY);

    private final Path library;
    private final Names names;
    private final Function setEnabled;
    private final Function isEnabled;
    private final Function setDtype;
    private final Function getDtype;
    private final Function clearCache;

    private Autocast(Path library, Names names) {
        this.library = library;
        this.names = names;
        this.setEnabled = LibTorch.function(library, names.setEnabled());
        this.isEnabled = LibTorch.function(library, names.isEnabled());
        this.setDtype = LibTorch.function(library, names.setDtype());
        this.getDtype = LibTorch.function(library, names.getDtype());
        this.clearCache = LibTorch.function(library, names.clearCache());
    }

    private static volatile Object resolved;

    /**
     * The running engine's autocast, resolved once per process (the answer, yes or no, is kept once the
     * library is loaded; before the engine starts nothing is kept, so a later call can still succeed).
     */
    public static Autocast get() throws ModeUnavailableException {
        Object r = resolved;
        if (r == null) {
            synchronized (Autocast.class) {
                r = resolved;
                if (r == null) {
                    Path library = LibTorch.cpuLibrary();
                    try {
                        r = resolve(library, KNOWN);
                    } catch (ModeUnavailableException e) {
                        r = e.getMessage();
                    }
                    resolved = r;
                }
            }
        }
        if (r instanceof Autocast a) {
            return a;
        }
        throw new ModeUnavailableException((String) r);
    }

    /**
     * Finds the first family of {@code candidates} whose every name {@code library} exports, and checks
     * that switching autocast on really turns it on (then off again) on this thread.
     */
    static Autocast resolve(Path library, List<Names> candidates) throws ModeUnavailableException {
        List<String> prefixes = new ArrayList<>();
        for (Names n : candidates) {
            for (String s : n.all()) {
                prefixes.add(s);
            }
        }
        Set<String> exported;
        try {
            exported = ElfSymbols.functions(library, prefixes);
        } catch (IOException e) {
            throw new ModeUnavailableException("cannot read the symbols of " + library + ": " + e.getMessage());
        }
        Names chosen = null;
        List<String> missing = new ArrayList<>();
        for (Names n : candidates) {
            List<String> absent = n.all().stream().filter(s -> !exported.contains(s)).toList();
            if (absent.isEmpty()) {
                chosen = n;
                break;
            }
            missing.add(String.join(", ", absent));
        }
        if (chosen == null) {
            throw new ModeUnavailableException(library.getFileName() + " does not export libtorch's autocast functions"
                    + " (missing: " + String.join("; or ", missing) + ")");
        }
        Autocast a;
        try {
            a = new Autocast(library, chosen);
        } catch (UnsatisfiedLinkError e) {
            throw new ModeUnavailableException("cannot call libtorch's autocast in " + library + ": " + e.getMessage());
        }
        State before = a.state();
        a.set(true, BFLOAT16);
        State on = a.state();
        a.restore(before);
        if (!on.enabled() || on.dtype() != BFLOAT16) {
            throw new ModeUnavailableException("libtorch's autocast did not switch on (enabled " + on.enabled()
                    + ", dtype " + on.dtype() + ")");
        }
        return a;
    }

    /** Whether autocast is on, and its dtype, on this thread. */
    record State(boolean enabled, byte dtype) {
    }

    State state() {
        Object[] args = names.deviceArgument() ? new Object[] {CPU} : new Object[0];
        boolean on = ((Byte) isEnabled.invoke(Byte.class, args)) != 0;
        byte dtype = (Byte) getDtype.invoke(Byte.class, args);
        return new State(on, dtype);
    }

    private void set(boolean enabled, byte dtype) {
        // A C++ bool must be 0 or 1: JNA would pass a Java Boolean true as -1, which libtorch reads as "off".
        Byte flag = enabled ? (byte) 1 : (byte) 0;
        if (names.deviceArgument()) {
            setDtype.invokeVoid(new Object[] {CPU, dtype});
            setEnabled.invokeVoid(new Object[] {CPU, flag});
        } else {
            setDtype.invokeVoid(new Object[] {dtype});
            setEnabled.invokeVoid(new Object[] {flag});
        }
    }

    /** Switches bf16 autocast on for this thread; returns the state to {@link #restore} afterwards. */
    State enable() {
        State before = state();
        set(true, BFLOAT16);
        return before;
    }

    /**
     * Puts back {@code before} and empties autocast's cache of bf16 weight copies, which would otherwise
     * go stale once the optimizer changes the weights.
     */
    void restore(State before) {
        set(before.enabled(), before.dtype());
        clearCache.invokeVoid(new Object[0]);
    }

    /** The library the functions come from. */
    public Path library() {
        return library;
    }

    /** The family of names found ("device-typed" for libtorch 2.4+, "cpu-only" before). */
    public String describe() {
        return (names.deviceArgument() ? "at::autocast::set_autocast_enabled(CPU)" : "at::autocast::set_cpu_enabled")
                + " in " + library;
    }
}

package org.modelworkbench.trainer.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.Program;

/**
 * Chooses the execution mode for one design and batch size on this machine by measuring: a few timed
 * training steps of fp32 and of each candidate (fp32 channels-last; bf16 autocast only where the CPU
 * has bf16 instructions, since emulated bf16 is about 20× slower), each on a fresh copy of the model
 * with the same initial weights. A candidate wins if it is at least {@link #MARGIN} faster than fp32
 * and its logits agree with fp32's (relative difference within {@link #tolerance}); otherwise fp32.
 * The choice and its figures are remembered per machine, design and batch in {@value #FILE_NAME}, so
 * later runs skip the measurement; an explicit mode always wins.
 *
 * <pre>
 * ModeSelector.Choice c = new ModeSelector(appDataFolder).choose(design, null, batch, ModeSelector.override(config.mode()));
 * events.accept(new TrainingEvent.Log(c.message()));
 * ExecutionHooks hooks = ExecutionModes.hooks(c.mode(), compiled.program());
 * </pre>
 * Run it on the training thread, before seeding and initialising the training model: the trials seed
 * the engine's random generator themselves.
 */
public final class ModeSelector {
    public static final String FILE_NAME = "execution-modes.json";
    /** How much faster than fp32 a candidate must be to be chosen. */
    public static final double MARGIN = 0.10;
    static final int FORMAT = 1;

    /** The measured figures of one mode. */
    public record Trial(ExecutionMode mode, double imagesPerSecond, double deviation, boolean ran, String note) {
        /** A mode that was measured: {@code deviation} is the relative logit difference to fp32 (0 for fp32). */
        public static Trial measured(ExecutionMode mode, double imagesPerSecond, double deviation) {
            return new Trial(mode, imagesPerSecond, deviation, true, "");
        }

        /** A mode that was not measured (or stopped early), and why. */
        public static Trial skipped(ExecutionMode mode, String why) {
            return new Trial(mode, 0, 0, false, why);
        }
    }

    /** What to measure: the seam through which tests inject figures. */
    @FunctionalInterface
    public interface Trials {
        /** Measures {@code modes} (fp32 first) on fresh copies of the model at {@code batch}. */
        List<Trial> measure(ModelSource model, int batch, List<ExecutionMode> modes) throws DesignCompileException;
    }

    /** Makes a fresh, uninitialised copy of the model each time it is asked. */
    @FunctionalInterface
    public interface ModelSource {
        CompiledDesign compile() throws DesignCompileException;
    }

    /**
     * The chosen mode and why, as a sentence for the run log ({@link #message()}); {@code trials} are the
     * figures it was chosen on (remembered ones when {@code remembered}; none when set explicitly).
     */
    public record Choice(ExecutionMode mode, String reason, List<Trial> trials, boolean remembered) {
        public Choice {
            trials = List.copyOf(trials);
        }

        public String message() {
            return "Execution mode " + mode.label() + ": " + reason;
        }
    }

    private final Path folder;
    private final String machine;
    private final Trials trials;
    private final java.util.function.Function<ExecutionMode, ExecutionModes.Availability> availability;
    private final boolean nativeBf16;

    /**
     * Measures on this machine and remembers in {@code folder} (null: remember nothing). Start the engine
     * ({@link DjlRuntime#start}) before {@link #choose}.
     */
    public ModeSelector(Path folder) {
        this(folder, null, new MeasuredTrials(), ExecutionModes::availability, CpuFeatures.current().nativeBf16());
    }

    /** The seam: another machine key (null: {@link #machineKey()}), injected measurements, availability and bf16 hardware. */
    public ModeSelector(Path folder, String machine, Trials trials,
                        java.util.function.Function<ExecutionMode, ExecutionModes.Availability> availability,
                        boolean nativeBf16) {
        this.folder = folder;
        this.machine = machine;
        this.trials = trials;
        this.availability = availability;
        this.nativeBf16 = nativeBf16;
    }

    /** "auto", blank or null: measure; anything else names the mode ("fp32", "fp32-cl", "bf16-autocast"). */
    public static Optional<ExecutionMode> override(String setting) {
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        return Optional.of(ExecutionMode.fromLabel(setting.trim()));
    }

    /** Chooses for {@code design} compiled at {@code input} (null: the design's own input size). */
    public Choice choose(Design design, Shape input, int batch, Optional<ExecutionMode> override)
            throws DesignCompileException, ModeUnavailableException {
        DesignCompiler compiler = new DesignCompiler();
        return choose(() -> compiler.compile(design, input), batch, override);
    }

    public Choice choose(ModelSource model, int batch, Optional<ExecutionMode> override)
            throws DesignCompileException, ModeUnavailableException {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        Program program = model.compile().program();
        if (override.isPresent()) {
            ExecutionMode mode = override.get();
            ExecutionModes.Availability a = availability.apply(mode);
            if (!a.available()) {
                throw new ModeUnavailableException(mode.label() + " is not available: " + a.reason());
            }
            Optional<String> problem = ExecutionModes.problem(mode, program);
            if (problem.isPresent()) {
                throw new ModeUnavailableException(mode.label() + " cannot run this design: " + problem.get());
            }
            String reason = "set explicitly (no measurement)";
            if (mode == ExecutionMode.BF16_AUTOCAST && !nativeBf16) {
                reason += "; this CPU has no bf16 instructions (avx512_bf16 or amx_bf16), so bf16 is emulated and"
                        + " can be many times slower than fp32";
            }
            return new Choice(mode, reason, List.of(), false);
        }
        String design = designKey(program);
        String machine = this.machine != null ? this.machine : machineKey();
        Optional<Choice> remembered = recall(machine, design, batch);
        if (remembered.isPresent() && usable(remembered.get().mode(), program)) {
            return remembered.get();
        }
        List<ExecutionMode> modes = new ArrayList<>(List.of(ExecutionMode.FP32));
        List<Trial> skipped = new ArrayList<>();
        for (ExecutionMode m : List.of(ExecutionMode.FP32_CHANNELS_LAST, ExecutionMode.BF16_AUTOCAST)) {
            ExecutionModes.Availability a = availability.apply(m);
            Optional<String> problem = ExecutionModes.problem(m, program);
            if (!a.available()) {
                skipped.add(Trial.skipped(m, "unavailable: " + a.reason()));
            } else if (problem.isPresent()) {
                skipped.add(Trial.skipped(m, "cannot run this design: " + problem.get()));
            } else if (m == ExecutionMode.BF16_AUTOCAST && !nativeBf16) {
                skipped.add(Trial.skipped(m, "not tried: the CPU has no bf16 instructions (avx512_bf16 or amx_bf16),"
                        + " so bf16 would be emulated and much slower"));
            } else {
                modes.add(m);
            }
        }
        List<Trial> all = new ArrayList<>(trials.measure(model, batch, modes));
        all.addAll(skipped);
        Choice choice = decide(all);
        remember(machine, design, batch, choice);
        return choice;
    }

    private boolean usable(ExecutionMode mode, Program program) {
        return availability.apply(mode).available() && ExecutionModes.problem(mode, program).isEmpty();
    }

    /** The largest relative logit difference to fp32 that a mode may show and still be trusted. */
    public static double tolerance(ExecutionMode mode) {
        return switch (mode) {
            case FP32 -> 0;
            case FP32_CHANNELS_LAST -> 1e-3; // the same arithmetic in another order
            case BF16_AUTOCAST -> 2e-2; // 8-bit mantissas through the whole network (resnet-fmnist: 0.4 %)
        };
    }

    /** The fastest trustworthy mode if it beats fp32 by the margin, else fp32; with the reason in words. */
    static Choice decide(List<Trial> trials) {
        Trial fp32 = trials.stream().filter(t -> t.mode() == ExecutionMode.FP32 && t.ran()).findFirst()
                .orElseThrow(() -> new IllegalStateException("fp32 was not measured"));
        Trial best = null;
        List<String> notes = new ArrayList<>();
        for (Trial t : trials) {
            if (t.mode() == ExecutionMode.FP32) {
                continue;
            }
            if (!t.ran()) {
                notes.add(t.mode().label() + " " + t.note());
            } else if (!(t.deviation() <= tolerance(t.mode())) || !(t.imagesPerSecond() > 0)) {
                notes.add(t.mode().label() + " rejected: its logits differ from fp32's by " + percent(t.deviation())
                        + " (allowed " + percent(tolerance(t.mode())) + ")" + (t.note().isEmpty() ? "" : "; " + t.note()));
            } else if (best == null || t.imagesPerSecond() > best.imagesPerSecond()) {
                best = t;
            }
        }
        StringBuilder reason = new StringBuilder();
        ExecutionMode mode;
        if (best != null && best.imagesPerSecond() >= (1 + MARGIN) * fp32.imagesPerSecond()) {
            mode = best.mode();
            reason.append("measured ").append(rate(best)).append(" against fp32's ").append(rate(fp32)).append(" (")
                    .append(String.format(Locale.ROOT, "%.2f", best.imagesPerSecond() / fp32.imagesPerSecond()))
                    .append("×), logits within ").append(percent(best.deviation())).append(" of fp32");
        } else {
            mode = ExecutionMode.FP32;
            reason.append("fp32 measured ").append(rate(fp32));
            if (best != null) {
                reason.append("; ").append(best.mode().label()).append(" measured ").append(rate(best))
                        .append(", not ").append(Math.round(MARGIN * 100)).append(" % faster");
            }
        }
        for (Trial t : trials) {
            if (t.ran() && t.mode() != ExecutionMode.FP32 && t != best && t.deviation() <= tolerance(t.mode())) {
                reason.append("; ").append(t.mode().label()).append(" measured ").append(rate(t));
            }
        }
        for (String n : notes) {
            reason.append("; ").append(n);
        }
        return new Choice(mode, reason.toString(), trials, false);
    }

    private static String rate(Trial t) {
        return String.format(Locale.ROOT, "%,.0f img/s", t.imagesPerSecond());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, fraction < 0.001 ? "%.4f %%" : "%.2f %%", fraction * 100);
    }

    // ---------------------------------------------------------------------------------------------
    // Keys and memory

    /**
     * This machine as far as speed is concerned: the CPU and its flags, the number of CPUs and intra-op
     * threads, the libtorch version and the allocator in use (tcmalloc, jemalloc or glibc's).
     */
    public static String machineKey() {
        String allocator = LibTorch.allocator();
        String torch = "unknown";
        String threads = "unknown";
        if (DjlRuntime.cacheDir() != null) { // never start the engine from here (it would pick its own cache)
            try {
                torch = ai.djl.engine.Engine.getEngine("PyTorch").getVersion();
                threads = String.valueOf(ai.djl.pytorch.jni.JniUtils.getNumThreads()); // this thread's
            } catch (RuntimeException e) {
                torch = "unknown";
            }
        }
        return CpuFeatures.current().describe() + "; threads " + threads + "; libtorch " + torch + "; malloc " + allocator;
    }

    /** A digest of what the model computes: every primitive's path, type, parameters and input shapes. */
    public static String designKey(Program program) {
        StringBuilder s = new StringBuilder();
        s.append(program.inputShapes()).append('\n');
        for (Op op : program.ops()) {
            s.append(op.path()).append(' ').append(op.type().id()).append(' ').append(op.params()).append(' ')
                    .append(op.inputShapes()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The file's content. */
    record Memory(int format, List<Entry> entries) {
        Memory {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /** One remembered choice. */
    record Entry(String machine, String design, int batch, String mode, String reason, String measured,
                 List<Trial> trials) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Memory read() {
        if (folder == null) {
            return new Memory(FORMAT, List.of());
        }
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new Memory(FORMAT, List.of());
        }
        try {
            Memory m = JSON.readValue(file.toFile(), Memory.class);
            return m.format() == FORMAT ? m : new Memory(FORMAT, List.of());
        } catch (IOException | RuntimeException e) {
            // A damaged or foreign file only costs a new measurement; it is rewritten below.
            return new Memory(FORMAT, List.of());
        }
    }

    private Optional<Choice> recall(String machine, String design, int batch) {
        for (Entry e : read().entries()) {
            if (e.machine().equals(machine) && e.design().equals(design) && e.batch() == batch) {
                try {
                    ExecutionMode mode = ExecutionMode.fromLabel(e.mode());
                    return Optional.of(new Choice(mode, "remembered from a measurement on " + e.measured() + ": "
                            + e.reason(), e.trials() == null ? List.of() : e.trials(), true));
                } catch (IllegalArgumentException unknown) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private void remember(String machine, String design, int batch, Choice choice) {
        if (folder == null) {
            return;
        }
        List<Entry> entries = new ArrayList<>();
        for (Entry e : read().entries()) {
            if (!(e.machine().equals(machine) && e.design().equals(design) && e.batch() == batch)) {
                entries.add(e);
            }
        }
        entries.add(new Entry(machine, design, batch, choice.mode().label(), choice.reason(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), choice.trials()));
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(FILE_NAME);
            Path tmp = Files.createTempFile(folder, FILE_NAME, ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), new Memory(FORMAT, entries));
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // Not remembering only costs the next run a measurement; the choice itself stands.
        }
    }
}

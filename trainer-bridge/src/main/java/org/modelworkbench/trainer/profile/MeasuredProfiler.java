package org.modelworkbench.trainer.profile;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.OpObserver;
import org.modelworkbench.trainer.compile.Program;

/**
 * Measures what a design costs when it runs, on the DJL engine of this process (start it first with
 * {@code DjlRuntime.start}), beside what the analysis says it should cost. Every figure is the median
 * (with the 10th and 90th percentiles) of {@code repeats} runs after {@code warmup} uncounted ones.
 *
 * <h2>Method</h2>
 * <ul>
 * <li><b>Per node, forward</b>: the whole model runs its inference forward (batch-norm running
 *     statistics, no dropout) with an {@link OpObserver}; the wall time between the observer's
 *     before and after calls is the op's time, because libtorch runs CPU ops synchronously. The ops
 *     of a top-level node (a composite's primitives have paths that start with its node id) are
 *     summed into that node. What the model does between ops (Java bookkeeping) is in no node:
 *     {@link MeasuredProfile#forwardCoverage()} says how much of the observed forwards the ops cover.
 *     Observed forwards alternate with plain ones (the whole model's forward time), so that both
 *     come from the same minutes of a host that other programs may share.</li>
 * <li><b>Per node, forward+backward</b>: autograd gives no per-op backward times, so each node's
 *     ops run alone, as a program of their own ({@link CompiledDesign#of}), in training mode, on the
 *     tensors that reached the node in a training forward of the whole model (captured once, copied).
 *     Inputs that come from earlier nodes require gradients, as they do in the whole graph (the
 *     image does not); the backward starts from a fixed random gradient of the node's outputs, so no
 *     loss is timed. The node's parameters are freshly initialised (values do not change the work).
 *     {@link MeasuredProfile#forwardBackwardCoverage()} compares the sum of these with the whole
 *     model's forward+backward: isolation loses what the whole graph shares (caches warm from the
 *     previous node) and gains a few small arrays per run, so the sum is near, not equal to, the whole.
 *     Each round runs every node once and the whole model's forward+backward once.</li>
 * <li><b>Whole model, per batch size</b>: inference forward (no observer, grad mode off, every array
 *     freed after each run); training forward plus backward of a
 *     random gradient of the outputs (no loss, no optimizer step); images per second = batch /
 *     median time. Each size is compiled at that batch size, so its static MACs are exact. A size is
 *     skipped with a note when the analysis's activation memory suggests it would not fit in the
 *     memory available, when it would run longer than {@link ProfileOptions#maxSecondsPerBatch()}
 *     (extrapolated from the previous size), or when the engine fails on it.</li>
 * <li><b>Peak memory</b>: the process's resident set during a few more training steps of the whole
 *     model at each batch size (after the timed runs, with the per-node tensors freed). Before them the
 *     high-water mark (VmHWM) is reset through {@code /proc/self/clear_refs}; where the kernel does
 *     not allow that, the resident set is sampled inside every step instead. The result's
 *     {@code memoryMethod} says which.</li>
 * <li><b>Achieved GMAC/s</b> = static MACs (conv, linear and matmul, at the measured batch size)
 *     / median forward time. A node is flagged slow for its cost when its share of the forward time
 *     is at least {@link ProfileOptions#slowShare()} and at least {@link ProfileOptions#slowFactor()}
 *     times its share of the MACs.</li>
 * </ul>
 *
 * <p>All NDArray work runs on the calling thread. {@link #cancel()} may be called from any thread:
 * the measurement stops before its next run with a {@link CancellationException}.
 */
public final class MeasuredProfiler {
    private static final double NS_PER_MS = 1e6;
    /** Training memory of a step, as a multiple of the analysis's activation memory (saved activations,
     *  their gradients, workspace): the guard that keeps a huge batch size from waking the OOM killer. */
    private static final double MEMORY_FACTOR = 3;
    /** Training steps run once more per batch size for the peak memory, after the timed ones. */
    private static final int MEMORY_RUNS = 2;

    private final ProfileOptions options;
    private final DesignCompiler compiler;
    private final BlockLibrary library;
    private final ProcessMemory memory;
    private volatile boolean cancelled;

    public MeasuredProfiler(ProfileOptions options) {
        this(options, BlockLibrary.standard());
    }

    public MeasuredProfiler(ProfileOptions options, BlockLibrary library) {
        this(options, library, new ProcessMemory());
    }

    MeasuredProfiler(ProfileOptions options, BlockLibrary library, ProcessMemory memory) {
        this.options = options;
        this.library = library;
        this.compiler = new DesignCompiler(library);
        this.memory = memory;
    }

    /** Stops the measurement before its next run (it then throws {@link CancellationException}). */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Measures {@code design}. A design that cannot be compiled (problems, unknown blocks) is refused
     * with the compiler's message, before anything runs.
     */
    public MeasuredProfile measure(Design design, ProfileProgress progress) throws DesignCompileException {
        Shape own = options.input() != null ? options.input() : compiler.flatten(design, null).inputShapes().get(0);
        int batch = options.batch() != null ? options.batch() : own.dim(0);
        Shape input = own.with(0, batch);
        Set<Integer> sizes = new TreeSet<>(options.batches());

        CompiledDesign model = compiler.compile(design, input);
        DesignAnalysis analysis = analysis(design, input);
        Program program = model.program();
        List<String> order = analysis.order();
        int[] opNode = nodeOfEachOp(program, order);
        List<int[]> nodeOps = opsOfEachNode(opNode, order.size());
        int runs = options.warmup() + options.repeats();
        long nodesWithOps = nodeOps.stream().filter(o -> o.length > 0).count();
        long others = sizes.stream().filter(b -> b != batch).count();
        Progress tick = new Progress(progress, runs * (2 + nodesWithOps + 1 + 2 * others) + MEMORY_RUNS * (1 + others));

        Engine engine = Engine.getEngine("PyTorch");
        List<String> notes = new ArrayList<>();
        ForwardPhase forward;
        BackwardPhase backward;
        BatchProfile main;
        Map<Integer, BatchProfile> rows = new HashMap<>();
        boolean hwm = memory.resetHighWaterMark();
        String memoryMethod = hwm
                ? "peak resident set (VmHWM), its high-water mark reset through /proc/self/clear_refs before each batch size"
                : memory.rss() >= 0
                        ? "largest resident set (VmRSS) sampled after each step; the high-water mark could not be reset here"
                        : "not available (no /proc/self/status)";
        try (NDManager base = engine.newBaseManager()) {
            model.initialize(base);
            requireGradients(model);
            ParameterStore store = new ParameterStore(base, false);
            List<NDArray> images = images(base, program, batch);
            List<NDArray> upstream = upstream(base, program.outputShapes(), batch);

            forward = forwardPhase(model, store, images, opNode, order.size(), tick);
            backward = backwardPhase(engine, model, store, images, upstream, nodeOps, order, tick);
            long[] mem = memoryPass(engine, model, store, images, upstream, hwm, tick);
            Timing f = Timing.of(forward.whole);
            Timing fb = Timing.of(backward.whole);
            long macs = analysis.totals().macs();
            main = new BatchProfile(batch, macs, f, fb, batch * 1000.0 / f.medianMs(), batch * 1000.0 / fb.medianMs(),
                    gmacs(macs, f.medianMs()), mem[0] < 0 ? null : mem[0], mem[1] < 0 ? null : mem[1], null);
            rows.put(batch, main);
        }
        BatchProfile previous = main;
        for (int b : sizes) {
            if (b == batch) {
                continue;
            }
            BatchProfile row = otherBatch(engine, design, input.with(0, b), b, previous, hwm, tick);
            rows.put(b, row);
            if (row.measured()) {
                previous = row;
            } else {
                notes.add("batch " + b + " skipped: " + row.skipped());
            }
        }
        tick.done();
        return result(design, analysis, input, batch, order, nodeOps, forward, backward, main,
                sizes.stream().map(rows::get).toList(), memoryMethod, notes, engine);
    }

    // ---- per node ---------------------------------------------------------------------------------

    /**
     * Per run: every node's forward ms ({@code nodes[node][run]}), the share of the observed forward's
     * wall time spent inside ops, and the whole model's forward without observer.
     */
    private record ForwardPhase(double[][] nodes, double[] inOps, double[] whole) {
    }

    /** Per node {isolated forward, isolated forward+backward} (null without ops); the whole model's runs. */
    private record BackwardPhase(Timing[][] nodes, double[] whole) {
    }

    /**
     * Alternates an observed forward (every op timed) with a plain forward of the whole model, so that
     * the node times and the whole time come from the same minutes of a possibly busy host.
     */
    private ForwardPhase forwardPhase(CompiledDesign model, ParameterStore store, List<NDArray> images, int[] opNode,
                                      int nodes, Progress tick) {
        OpClock clock = new OpClock(opNode.length);
        ForwardPhase out = new ForwardPhase(new double[nodes][options.repeats()], new double[options.repeats()],
                new double[options.repeats()]);
        int runs = options.warmup() + options.repeats();
        for (int r = -options.warmup(); r < options.repeats(); r++) {
            checkCancelled();
            clock.reset();
            model.block().setObserver(clock);
            double observed;
            try {
                observed = forward(model, store, images);
            } finally {
                model.block().setObserver(null);
            }
            tick.step("per-node forward (run " + (r + options.warmup() + 1) + " of " + runs + ")");
            checkCancelled();
            double plain = forward(model, store, images);
            tick.step("per-node forward (run " + (r + options.warmup() + 1) + " of " + runs + ")");
            if (r >= 0) {
                long inOps = 0;
                for (int op = 0; op < opNode.length; op++) {
                    if (opNode[op] >= 0) {
                        out.nodes[opNode[op]][r] += clock.nanos[op] / NS_PER_MS;
                        inOps += clock.nanos[op];
                    }
                }
                out.inOps[r] = inOps / NS_PER_MS / observed;
                out.whole[r] = plain;
            }
        }
        return out;
    }

    /**
     * One inference forward of the whole model with grad mode off (whatever the calling thread's default:
     * libtorch enables it on every thread but the engine's first) and every array freed before it
     * returns; its wall time in ms.
     */
    private static double forward(CompiledDesign model, ParameterStore store, List<NDArray> images) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope(); NDManager step = store.getManager().newSubManager()) {
            NDList in = feed(step, images, Set.of());
            long start = System.nanoTime();
            model.block().forward(store, in, false);
            return (System.nanoTime() - start) / NS_PER_MS;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * Each node's ops alone, forward and backward, on tensors captured from the whole model; each round
     * runs every node once and then the whole model's forward+backward once, so they share the host's mood.
     */
    private BackwardPhase backwardPhase(Engine engine, CompiledDesign model, ParameterStore store,
                                        List<NDArray> images, List<NDArray> wholeUpstream, List<int[]> nodeOps,
                                        List<String> order, Progress tick) throws DesignCompileException {
        Program program = model.program();
        Set<Integer> imageSlots = new HashSet<>();
        for (int s : program.inputSlots()) {
            imageSlots.add(s);
        }
        List<Program> parts = new ArrayList<>();
        Set<Integer> needed = new HashSet<>();
        for (int[] ops : nodeOps) {
            Program part = ops.length == 0 ? null : part(program, ops);
            parts.add(part);
            if (part != null) {
                for (int s : part.inputSlots()) {
                    needed.add(s);
                }
            }
        }
        int nodes = order.size();
        double[][] fwd = new double[nodes][options.repeats()];
        double[][] both = new double[nodes][options.repeats()];
        double[] whole = new double[options.repeats()];
        try (NDManager kept = store.getManager().newSubManager()) {
            Map<Integer, NDArray> captured = capture(model, store, images, needed, kept);
            List<Isolated> alone = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                alone.add(parts.get(n) == null ? null : isolate(kept, parts.get(n), captured, imageSlots));
            }
            int runs = options.warmup() + options.repeats();
            for (int r = -options.warmup(); r < options.repeats(); r++) {
                String stage = "per-node forward+backward (run " + (r + options.warmup() + 1) + " of " + runs + ")";
                for (int n = 0; n < nodes; n++) {
                    Isolated node = alone.get(n);
                    if (node == null) {
                        continue;
                    }
                    checkCancelled();
                    double[] t = forwardBackward(engine, node.model, node.store, node.inputs, node.withGrad, node.upstream);
                    if (r >= 0) {
                        fwd[n][r] = t[0];
                        both[n][r] = t[1];
                    }
                    tick.step(stage);
                }
                checkCancelled();
                double[] t = forwardBackward(engine, model, store, images, Set.of(), wholeUpstream);
                if (r >= 0) {
                    whole[r] = t[1];
                }
                tick.step(stage);
            }
        }
        Timing[][] timings = new Timing[nodes][];
        for (int n = 0; n < nodes; n++) {
            if (parts.get(n) != null) {
                timings[n] = new Timing[] {Timing.of(fwd[n]), Timing.of(both[n])};
            }
        }
        return new BackwardPhase(timings, whole);
    }

    /** A node's ops as a model of their own, with its inputs and the gradient its backward starts from. */
    private record Isolated(CompiledDesign model, ParameterStore store, List<NDArray> inputs, Set<Integer> withGrad,
                            List<NDArray> upstream) {
    }

    private static Isolated isolate(NDManager kept, Program part, Map<Integer, NDArray> captured,
                                    Set<Integer> imageSlots) throws DesignCompileException {
        CompiledDesign alone = CompiledDesign.of(part);
        NDManager own = kept.newSubManager(); // closed with kept
        alone.block().initialize(own, ai.djl.ndarray.types.DataType.FLOAT32, alone.inputShapes());
        requireGradients(alone);
        List<NDArray> inputs = new ArrayList<>();
        Set<Integer> withGrad = new HashSet<>();
        for (int i = 0; i < part.inputSlots().length; i++) {
            int slot = part.inputSlots()[i];
            inputs.add(captured.get(slot));
            // Tensors from earlier nodes carry gradients in the whole graph; the image does not.
            if (!imageSlots.contains(slot)) {
                withGrad.add(i);
            }
        }
        List<NDArray> upstream = upstream(own, part.outputShapes(), inputs.get(0).getShape().get(0));
        return new Isolated(alone, new ParameterStore(own, false), inputs, withGrad, upstream);
    }

    /** The tensors in {@code slots} as one training forward of the whole model produces them, copied into {@code kept}. */
    private Map<Integer, NDArray> capture(CompiledDesign model, ParameterStore store, List<NDArray> images,
                                          Set<Integer> slots, NDManager kept) {
        Map<Integer, NDArray> captured = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            int slot = model.program().inputSlots()[i];
            if (slots.contains(slot)) {
                NDArray copy = images.get(i).duplicate();
                copy.attach(kept);
                captured.put(slot, copy);
            }
        }
        OpObserver copier = new OpObserver() {
            @Override
            public void before(int index, Op op, NDList inputs) {
                for (int j = 0; j < op.inputs().length; j++) {
                    int slot = op.inputs()[j];
                    if (slots.contains(slot) && !captured.containsKey(slot)) {
                        NDArray copy = inputs.get(j).duplicate();
                        copy.attach(kept);
                        NDScope.unregister(copy);
                        captured.put(slot, copy);
                    }
                }
            }
        };
        model.block().setObserver(copier);
        try (NDScope scope = new NDScope(); NDManager step = kept.newSubManager()) {
            model.block().forward(store, feed(step, images, Set.of()), true);
        } finally {
            model.block().setObserver(null);
        }
        return captured;
    }

    /**
     * A few training steps of the whole model after the per-node tensors are gone, for its peak
     * memory: {peak resident set, peak minus the resident set before}, -1 where unknown.
     */
    private long[] memoryPass(Engine engine, CompiledDesign model, ParameterStore store, List<NDArray> images,
                              List<NDArray> upstream, boolean hwm, Progress tick) {
        long before = memory.rss();
        if (hwm) {
            memory.resetHighWaterMark();
        }
        long sampled = before;
        for (int r = 0; r < MEMORY_RUNS; r++) {
            checkCancelled();
            sampled = Math.max(sampled, (long) forwardBackwardSampled(engine, model, store, images, upstream)[1]);
            tick.step("peak memory");
        }
        return peak(before, sampled, hwm);
    }

    private long[] peak(long before, long sampled, boolean hwm) {
        long peak = hwm ? Math.max(memory.highWaterMark(), sampled) : sampled;
        return new long[] {peak, peak < 0 || before < 0 ? -1 : Math.max(0, peak - before)};
    }

    /** A whole-model training step: {ms, resident set while its tensors were alive}. */
    private double[] forwardBackwardSampled(Engine engine, CompiledDesign model, ParameterStore store,
                                            List<NDArray> images, List<NDArray> upstream) {
        try (NDScope scope = new NDScope(); NDManager step = store.getManager().newSubManager()) {
            NDList in = feed(step, images, Set.of());
            long start = System.nanoTime();
            try (GradientCollector collector = engine.newGradientCollector()) {
                backward(model.block().forward(store, in, true), upstream);
            }
            double ms = (System.nanoTime() - start) / NS_PER_MS;
            return new double[] {ms, memory.rss()};
        }
    }

    /** One training forward and backward from {@code upstream}; returns {forward ms, forward+backward ms}. */
    private static double[] forwardBackward(Engine engine, CompiledDesign model, ParameterStore store,
                                            List<NDArray> inputs, Set<Integer> withGrad, List<NDArray> upstream) {
        try (NDScope scope = new NDScope(); NDManager step = store.getManager().newSubManager()) {
            NDList in = feed(step, inputs, withGrad);
            long start = System.nanoTime();
            long forwardEnd;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDList out = model.block().forward(store, in, true);
                forwardEnd = System.nanoTime();
                backward(out, upstream);
            }
            long end = System.nanoTime();
            return new double[] {(forwardEnd - start) / NS_PER_MS, (end - start) / NS_PER_MS};
        }
    }

    /**
     * Backward from {@code upstream} through every output that has a gradient function; one that has
     * none (nothing before it is trained) gets no backward, as in the whole graph. DJL's
     * {@code hasGradient()} cannot tell: it reports false for computed tensors (measured: the product
     * of a parameter that requires a gradient says false, yet has MulBackward0), so asking it skipped
     * every backward and "forward+backward" timed a training forward alone. Its gradient
     * function cannot be asked either (libtorch crashes on a tensor without one); libtorch's refusal is
     * the test. The graph is kept for all but the last output, which several outputs share.
     */
    static void backward(NDList out, List<NDArray> upstream) {
        for (int k = 0; k < out.size(); k++) {
            try {
                JniUtils.backward((PtNDArray) out.get(k), (PtNDArray) upstream.get(k), k < out.size() - 1, false);
            } catch (EngineException e) {
                if (e.getMessage() == null || !e.getMessage().contains("does not require grad")) {
                    throw e;
                }
            }
        }
    }

    // ---- whole model ------------------------------------------------------------------------------

    private BatchProfile otherBatch(Engine engine, Design design, Shape input, int b, BatchProfile previous,
                                    boolean hwm, Progress tick) throws DesignCompileException {
        int runs = options.warmup() + options.repeats();
        DesignAnalysis analysis = analysis(design, input);
        long macs = analysis.totals().macs();
        long need = (long) (MEMORY_FACTOR * analysis.totals().activationBytes()) + 4L * 4 * analysis.totals().params();
        long available = memory.available();
        if (available > 0 && need > available) {
            tick.skip(2L * runs + MEMORY_RUNS);
            return BatchProfile.skipped(b, macs, "needs about " + mib(need) + " (3 × the activation memory), "
                    + mib(available) + " available");
        }
        if (previous != null && previous.measured()) {
            double seconds = (previous.forward().medianMs() + previous.forwardBackward().medianMs()) / 1000.0
                    * b / previous.batch() * runs;
            if (seconds > options.maxSecondsPerBatch()) {
                tick.skip(2L * runs + MEMORY_RUNS);
                return BatchProfile.skipped(b, macs, String.format(Locale.ROOT,
                        "would take about %.0f s (limit %.0f s per batch size)", seconds, options.maxSecondsPerBatch()));
            }
        }
        CompiledDesign model = compiler.compile(design, input);
        long before = tick.done;
        try (NDManager base = engine.newBaseManager()) {
            model.initialize(base);
            requireGradients(model);
            ParameterStore store = new ParameterStore(base, false);
            return batch(engine, base, model, store, images(base, model.program(), b), b, macs, hwm, tick);
        } catch (CancellationException e) {
            throw e;
        } catch (EngineException | OutOfMemoryError | IllegalStateException e) {
            tick.skip(2L * runs + MEMORY_RUNS - (tick.done - before));
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return BatchProfile.skipped(b, macs, "the engine failed: " + why);
        }
    }

    /** The whole model at batch {@code b}: forward and forward+backward alternate, then the peak memory. */
    private BatchProfile batch(Engine engine, NDManager base, CompiledDesign model, ParameterStore store,
                               List<NDArray> images, int b, long macs, boolean hwm, Progress tick) {
        List<NDArray> upstream = upstream(base, model.program().outputShapes(), b);
        double[] fwd = new double[options.repeats()];
        double[] both = new double[options.repeats()];
        for (int r = -options.warmup(); r < options.repeats(); r++) {
            checkCancelled();
            double f = forward(model, store, images);
            tick.step("whole model, batch " + b);
            checkCancelled();
            double fb = forwardBackwardSampled(engine, model, store, images, upstream)[0];
            tick.step("whole model, batch " + b);
            if (r >= 0) {
                fwd[r] = f;
                both[r] = fb;
            }
        }
        long[] mem = memoryPass(engine, model, store, images, upstream, hwm, tick);
        Timing f = Timing.of(fwd);
        Timing fb = Timing.of(both);
        return new BatchProfile(b, macs, f, fb, b * 1000.0 / f.medianMs(), b * 1000.0 / fb.medianMs(),
                gmacs(macs, f.medianMs()), mem[0] < 0 ? null : mem[0], mem[1] < 0 ? null : mem[1], null);
    }

    // ---- the result -------------------------------------------------------------------------------

    private MeasuredProfile result(Design design, DesignAnalysis analysis, Shape input, int batch, List<String> order,
                                   List<int[]> nodeOps, ForwardPhase forwardPhase, BackwardPhase backwardPhase,
                                   BatchProfile main,
                                   List<BatchProfile> rows, String memoryMethod, List<String> extraNotes, Engine engine) {
        long totalMacs = analysis.totals().macs();
        Timing[] forward = new Timing[order.size()];
        double forwardSum = 0;
        double isolatedSum = 0;
        for (int n = 0; n < order.size(); n++) {
            if (nodeOps.get(n).length > 0) {
                forward[n] = Timing.of(forwardPhase.nodes()[n]);
                forwardSum += forward[n].medianMs();
                isolatedSum += backwardPhase.nodes()[n][1].medianMs();
            }
        }
        List<NodeProfile> nodes = new ArrayList<>();
        for (int n = 0; n < order.size(); n++) {
            String id = order.get(n);
            NodeAnalysis na = analysis.node(id);
            String type = design.node(id).map(org.modelworkbench.projects.design.Node::type).orElse("?");
            double macShare = totalMacs == 0 ? 0 : (double) na.macs() / totalMacs;
            if (forward[n] == null) {
                nodes.add(new NodeProfile(id, type, 0, na.params(), na.macs(), null, null, null, 0, macShare, null,
                        false, null));
                continue;
            }
            double share = forwardSum == 0 ? 0 : forward[n].medianMs() / forwardSum;
            double gmacs = gmacs(na.macs(), forward[n].medianMs());
            boolean slow = share >= options.slowShare() && share >= options.slowFactor() * macShare;
            String reason = !slow ? null : na.macs() == 0
                    ? String.format(Locale.ROOT, "%.1f%% of the forward time and no MACs", 100 * share)
                    : String.format(Locale.ROOT, "%.1f%% of the forward time for %.1f%% of the MACs (%.2f GMAC/s, "
                            + "the model %.2f)", 100 * share, 100 * macShare, gmacs,
                            gmacs(totalMacs, main.forward().medianMs()));
            nodes.add(new NodeProfile(id, type, nodeOps.get(n).length, na.params(), na.macs(), forward[n],
                    backwardPhase.nodes()[n][0], backwardPhase.nodes()[n][1], share, macShare, gmacs, slow, reason));
        }
        // From the same runs as the node times, so that a noisy host does not skew it.
        double forwardCoverage = Timing.of(forwardPhase.inOps()).medianMs();
        double backwardCoverage = isolatedSum / main.forwardBackward().medianMs();
        String allocator = Hosts.allocator(Path.of("/proc/self/maps"));
        HostInfo host = new HostInfo(engine.getEngineName() + " " + engine.getVersion(), JniUtils.getNumThreads(),
                allocator, Hosts.cpu(Path.of("/proc/cpuinfo")));

        List<String> notes = new ArrayList<>();
        notes.add("Every time is the median (p10-p90) of " + options.repeats() + " runs after " + options.warmup()
                + " warm-up runs, on " + host.threads() + " libtorch thread" + (host.threads() == 1 ? "" : "s") + ".");
        notes.add(String.format(Locale.ROOT, "Forward per node: each node's ops timed in place during the whole "
                + "model's inference forward; the ops take %.0f%% of those forwards' wall time (the rest is the "
                + "model's own bookkeeping between ops).", 100 * forwardCoverage));
        notes.add(String.format(Locale.ROOT, "Forward+backward per node: the node's ops run alone in training mode on "
                + "inputs captured from the whole model, backward from a random output gradient (autograd gives no "
                + "per-op backward times); their sum is %.0f%% of the whole model's forward+backward.",
                100 * backwardCoverage));
        notes.add("Whole model: forward in inference mode; forward+backward in training mode from a random output "
                + "gradient, without loss or optimizer step. GMAC/s = static MACs at the batch size / forward time.");
        notes.add(String.format(Locale.ROOT, "Slow for its cost: at least %.0f%% of the forward time and at least "
                + "%.1f times its share of the MACs.", 100 * options.slowShare(), options.slowFactor()));
        if (allocator.equals("jemalloc")) {
            notes.add("jemalloc is loaded: libtorch runs about 5 times slower with it; start without it "
                    + "(LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 is the fast choice).");
        } else if (allocator.equals("glibc malloc")) {
            notes.add("glibc malloc: preloading tcmalloc (LD_PRELOAD=/usr/lib/x86_64-linux-gnu/"
                    + "libtcmalloc_minimal.so.4, Debian package libtcmalloc-minimal4) makes training about 1.5 times "
                    + "faster.");
        }
        notes.addAll(extraNotes);
        return new MeasuredProfile(MeasuredProfile.FORMAT_VERSION, design.name(), input.toAscii(), batch,
                options.warmup(), options.repeats(), host, analysis.totals().params(), totalMacs, main.forward(),
                main.forwardBackward(), gmacs(totalMacs, main.forward().medianMs()), forwardCoverage, backwardCoverage,
                nodes, rows, memoryMethod, notes);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private DesignAnalysis analysis(Design design, Shape input) throws DesignCompileException {
        try (DesignAnalyzer analyzer = new DesignAnalyzer(design, library, new AnalysisOptions(input))) {
            DesignAnalysis a = analyzer.analysis();
            if (a.hasProblems()) {
                throw new DesignCompileException("the design cannot be measured at " + input.toAscii() + ": "
                        + a.problems().get(0));
            }
            return a;
        }
    }

    /** For each op of the program, the index in {@code order} of the top-level node it belongs to. */
    static int[] nodeOfEachOp(Program program, List<String> order) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        int[] node = new int[program.ops().size()];
        for (int op = 0; op < node.length; op++) {
            node[op] = topLevel(program.ops().get(op).path(), index);
        }
        return node;
    }

    /** The node whose id the path is or starts with (followed by "."); -1 when none. */
    private static int topLevel(String path, Map<String, Integer> index) {
        Integer whole = index.get(path);
        if (whole != null) {
            return whole;
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            Integer n = index.get(path.substring(0, dot));
            if (n != null) {
                return n;
            }
        }
        return -1;
    }

    private static List<int[]> opsOfEachNode(int[] opNode, int nodes) {
        List<List<Integer>> lists = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            lists.add(new ArrayList<>());
        }
        for (int op = 0; op < opNode.length; op++) {
            if (opNode[op] >= 0) {
                lists.get(opNode[op]).add(op);
            }
        }
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    /**
     * The program of some of {@code whole}'s ops: its inputs are the slots they read but do not write,
     * its outputs the slots they write that other ops (or the model's outputs) read.
     */
    static Program part(Program whole, int[] ops) {
        Set<Integer> mine = new HashSet<>();
        for (int op : ops) {
            mine.add(op);
        }
        Set<Integer> written = new HashSet<>();
        Set<Integer> inputs = new LinkedHashSet<>();
        List<Op> list = new ArrayList<>();
        Map<Integer, Shape> shapes = new HashMap<>();
        for (int i : ops) {
            Op op = whole.ops().get(i);
            list.add(op);
            for (int j = 0; j < op.inputs().length; j++) {
                int s = op.inputs()[j];
                if (!written.contains(s)) {
                    inputs.add(s);
                    shapes.put(s, op.inputShapes().get(j));
                }
            }
            for (int j = 0; j < op.outputs().length; j++) {
                written.add(op.outputs()[j]);
                shapes.put(op.outputs()[j], op.outputShapes().get(j));
            }
        }
        Set<Integer> readElsewhere = new HashSet<>();
        for (int i = 0; i < whole.ops().size(); i++) {
            if (!mine.contains(i)) {
                for (int s : whole.ops().get(i).inputs()) {
                    readElsewhere.add(s);
                }
            }
        }
        for (int s : whole.outputSlots()) {
            readElsewhere.add(s);
        }
        List<Integer> outputs = new ArrayList<>();
        for (Op op : list) {
            for (int s : op.outputs()) {
                if (readElsewhere.contains(s) && !outputs.contains(s)) {
                    outputs.add(s);
                }
            }
        }
        if (outputs.isEmpty()) { // nothing reads it: time it up to its last output
            for (int s : list.get(list.size() - 1).outputs()) {
                outputs.add(s);
            }
        }
        int[] in = inputs.stream().mapToInt(Integer::intValue).toArray();
        return new Program(whole.slots(), in, inputs.stream().map(shapes::get).toList(), list,
                outputs.stream().mapToInt(Integer::intValue).toArray(),
                outputs.stream().map(s -> "slot" + s).toList(), outputs.stream().map(shapes::get).toList(), 0);
    }

    private static void requireGradients(CompiledDesign model) {
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    /** Random images for every image input at batch {@code b}. */
    private static List<NDArray> images(NDManager manager, Program program, int b) {
        List<NDArray> images = new ArrayList<>();
        for (Shape s : program.inputShapes()) {
            images.add(manager.randomNormal(djl(s.with(0, b))));
        }
        return images;
    }

    /** A fixed random gradient for every output (its batch dimension set to {@code batch}). */
    private static List<NDArray> upstream(NDManager manager, List<Shape> outputs, long batch) {
        List<NDArray> grads = new ArrayList<>();
        for (Shape s : outputs) {
            grads.add(manager.randomNormal(djl(s.with(0, (int) batch))));
        }
        return grads;
    }

    /** Copies of {@code arrays} in {@code step}; those at {@code withGrad} positions require gradients. */
    private static NDList feed(NDManager step, List<NDArray> arrays, Set<Integer> withGrad) {
        NDList list = new NDList(arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            NDArray copy = arrays.get(i).duplicate();
            copy.attach(step);
            if (withGrad.contains(i)) {
                copy.setRequiresGradient(true);
            }
            list.add(copy);
        }
        return list;
    }

    private static ai.djl.ndarray.types.Shape djl(Shape s) {
        long[] d = new long[s.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.dim(i);
        }
        return new ai.djl.ndarray.types.Shape(d);
    }

    static Double gmacs(long macs, double ms) {
        return ms > 0 ? macs / (ms * 1e6) : null;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }

    private void checkCancelled() {
        if (cancelled) {
            throw new CancellationException("the measurement was cancelled");
        }
    }

    /** Times the ops of one forward; reset before each. */
    private static final class OpClock implements OpObserver {
        final long[] nanos;
        private long start;

        OpClock(int ops) {
            nanos = new long[ops];
        }

        void reset() {
            java.util.Arrays.fill(nanos, 0);
        }

        @Override
        public void before(int index, Op op, NDList inputs) {
            start = System.nanoTime();
        }

        @Override
        public void after(int index, Op op, NDList inputs, NDList outputs) {
            nanos[index] += System.nanoTime() - start;
        }
    }

    /** Counts runs and tells the listener at most every 100 ms (and at each new stage). */
    private static final class Progress {
        private final ProfileProgress listener;
        private final long total;
        long done;
        private long lastNanos;
        private String lastStage;

        Progress(ProfileProgress listener, long total) {
            this.listener = listener == null ? ProfileProgress.NONE : listener;
            this.total = Math.max(1, total);
        }

        void step(String stage) {
            done++;
            tell(stage);
        }

        void skip(long runs) {
            done += Math.max(0, runs);
        }

        void done() {
            done = total;
            listener.update(1, "done");
        }

        private void tell(String stage) {
            long now = System.nanoTime();
            if (!stage.equals(lastStage) || now - lastNanos > 100_000_000L) {
                lastStage = stage;
                lastNanos = now;
                listener.update(Math.min(1, (double) done / total), stage);
            }
        }
    }
}

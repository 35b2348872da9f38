package org.modelworkbench.trainer.capture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modelworkbench.trainer.compile.DesignBlock;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.OpObserver;
import org.modelworkbench.trainer.compile.Program;
import org.modelworkbench.trainer.compile.WindowGeometry;

/**
 * Records, while a {@link DesignBlock} runs with this as its observer, the outputs of requested
 * targets and the internal values (attention probabilities, the scan's Δ, B and C) of requested ops,
 * each copied into plain {@link CapturedTensor}s. Targets are node ids, composite paths or op paths
 * (an op path names its outputs; a node id or composite path the tensors it passes on); internals
 * come from every op inside an internal target.
 * <pre>
 *   ActivationCapture capture = ActivationCapture.of(model.program(), List.of("stage2_block2"), List.of("stage2_block2"));
 *   model.block().setObserver(capture);
 *   model.block().forward(…);
 *   model.block().setObserver(null);
 *   capture.activations(); capture.attention();
 * </pre>
 * Every forward adds to the record until {@link #clear}. Without an observer a forward costs exactly
 * what it did; with one, only the requested tensors are copied.
 */
public final class ActivationCapture implements OpObserver {
    /** The op types whose kernels hand out attention probabilities. */
    static final Set<String> ATTENTION_TYPES = Set.of("attention.sdpa", "swin.window_attention_core");

    private final Map<Integer, List<Integer>> outputs = new HashMap<>();
    private final Map<Integer, String> targetOf = new HashMap<>();
    private final Set<Integer> internals = new java.util.HashSet<>();
    private final List<Activation> activations = new ArrayList<>();
    private final List<AttentionMap> attention = new ArrayList<>();
    private final List<Internal> others = new ArrayList<>();

    private ActivationCapture() {
    }

    /**
     * @param outputTargets   targets whose outputs to record
     * @param internalTargets targets whose ops' internal values to record
     * @throws IllegalArgumentException naming a target the program does not have
     */
    public static ActivationCapture of(Program program, Collection<String> outputTargets,
                                       Collection<String> internalTargets) {
        ActivationCapture c = new ActivationCapture();
        for (String t : outputTargets) {
            Targets.outputsOf(program, t).forEach((op, positions) -> {
                c.outputs.computeIfAbsent(op, x -> new ArrayList<>()).addAll(positions);
                c.targetOf.putIfAbsent(op, t);
            });
        }
        for (String t : internalTargets) {
            c.internals.addAll(Targets.opsOf(program, t));
        }
        return c;
    }

    /** The outputs of {@code targets}, nothing else. */
    public static ActivationCapture outputs(Program program, String... targets) {
        return of(program, List.of(targets), List.of());
    }

    /** The attention probabilities of every attention op of the program (ViT, DeiT, Swin). */
    public static ActivationCapture everyAttention(Program program) {
        ActivationCapture c = new ActivationCapture();
        List<Op> ops = program.ops();
        for (int i = 0; i < ops.size(); i++) {
            if (ATTENTION_TYPES.contains(ops.get(i).type().id())) {
                c.internals.add(i);
            }
        }
        return c;
    }

    @Override
    public boolean wantsInternals(int index, Op op) {
        return internals.contains(index);
    }

    @Override
    public void captured(int index, Op op, String name, NDArray value) {
        CapturedTensor t = CapturedTensor.copyOf(value);
        synchronized (this) {
            if (name.equals("attention") && ATTENTION_TYPES.contains(op.type().id())) {
                boolean windowed = op.type().id().equals("swin.window_attention_core");
                attention.add(new AttentionMap(op.path(), t, windowed ? WindowGeometry.of(op) : null));
            } else {
                others.add(new Internal(op.path(), name, t));
            }
        }
    }

    @Override
    public void after(int index, Op op, NDList inputs, NDList results) {
        List<Integer> positions = outputs.get(index);
        if (positions == null) {
            return;
        }
        for (int j : positions) {
            CapturedTensor t = CapturedTensor.copyOf(results.get(j));
            synchronized (this) {
                activations.add(new Activation(targetOf.get(index), op.path(), j, t));
            }
        }
    }

    /** The recorded outputs, in the order the ops ran. */
    public synchronized List<Activation> activations() {
        return List.copyOf(activations);
    }

    /** The recorded attention maps, in the order the ops ran. */
    public synchronized List<AttentionMap> attention() {
        return List.copyOf(attention);
    }

    /** The other recorded internal values. */
    public synchronized List<Internal> internals() {
        return List.copyOf(others);
    }

    /** Forgets what was recorded; the requests stay. */
    public synchronized void clear() {
        activations.clear();
        attention.clear();
        others.clear();
    }
}

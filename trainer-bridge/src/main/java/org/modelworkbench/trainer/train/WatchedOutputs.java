package org.modelworkbench.trainer.train;

import java.util.LinkedHashMap;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.Program;

/**
 * Which output of each top-level design node the inspector measures: the first tensor the node's ops
 * write that another node reads or that leaves the design. Shared by the {@link Inspector} and the
 * PyTorch export, whose train.py measures the same outputs.
 */
public final class WatchedOutputs {
    private WatchedOutputs() {
    }

    /** The top-level node of an op path or parameter name: its first segment (node ids hold no dots). */
    public static String nodeOf(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** Whether an op is ReLU-like: its dead units are those ≤ 0 (elsewhere those exactly 0). */
    public static boolean reluLike(Op op) {
        String id = op.type().id();
        return id.equals("activation.relu") || id.equals("activation.relu6");
    }

    /** A node's watched output: the slot, and the op that writes it. */
    public record Watched(int slot, Op op) {
    }

    /** Each top-level node, in the order its first op runs, with its watched output (null: none leaves it). */
    public static LinkedHashMap<String, Watched> of(Program program) {
        String[] producer = new String[program.slots()];
        for (Op op : program.ops()) {
            for (int s : op.outputs()) {
                producer[s] = nodeOf(op.path());
            }
        }
        boolean[] escapes = new boolean[program.slots()];
        for (Op op : program.ops()) {
            String reader = nodeOf(op.path());
            for (int s : op.inputs()) {
                if (producer[s] != null && !producer[s].equals(reader)) {
                    escapes[s] = true;
                }
            }
        }
        for (int s : program.outputSlots()) {
            escapes[s] = true;
        }
        LinkedHashMap<String, Watched> watched = new LinkedHashMap<>();
        for (Op op : program.ops()) {
            String node = nodeOf(op.path());
            watched.putIfAbsent(node, null);
            for (int s : op.outputs()) {
                if (escapes[s] && watched.get(node) == null) {
                    watched.put(node, new Watched(s, op));
                }
            }
        }
        return watched;
    }
}

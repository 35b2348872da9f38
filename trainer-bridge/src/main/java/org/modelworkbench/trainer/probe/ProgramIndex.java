package org.modelworkbench.trainer.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.Program;

/**
 * Look-ups over a compiled program that the queries share: ops by path, the ops under a node or
 * composite path, who writes and who reads each slot, and the tensor a target passes on. Paths follow
 * the compiler: a top-level node id, then composite children joined by dots ("stage1_block1.modulation.h").
 */
final class ProgramIndex {
    private final Program program;
    private final List<Op> ops;
    private final Map<String, Integer> byPath = new HashMap<>();
    private final int[] producer;
    private final int[][] readers;

    ProgramIndex(Program program) {
        this.program = program;
        this.ops = program.ops();
        producer = new int[program.slots()];
        Arrays.fill(producer, -1);
        List<List<Integer>> read = new ArrayList<>();
        for (int s = 0; s < program.slots(); s++) {
            read.add(new ArrayList<>());
        }
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            byPath.put(op.path(), i);
            for (int s : op.outputs()) {
                producer[s] = i;
            }
            for (int s : op.inputs()) {
                read.get(s).add(i);
            }
        }
        readers = new int[program.slots()][];
        for (int s = 0; s < readers.length; s++) {
            readers[s] = read.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    Program program() {
        return program;
    }

    List<Op> ops() {
        return ops;
    }

    Op op(int index) {
        return ops.get(index);
    }

    /** The top-level node of an op path: its first segment (node ids hold no dots). */
    static String nodeOf(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** Top-level nodes that compute something, in the order they first run. */
    List<String> nodes() {
        Set<String> nodes = new LinkedHashSet<>();
        for (Op op : ops) {
            nodes.add(nodeOf(op.path()));
        }
        return List.copyOf(nodes);
    }

    /** The op at exactly {@code target}, or every op under it; refuses a path that names nothing. */
    List<Integer> opsUnder(String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("no target given: name a node id or an op path");
        }
        Integer exact = byPath.get(target);
        if (exact != null) {
            return List.of(exact);
        }
        List<Integer> inside = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).path().startsWith(target + ".")) {
                inside.add(i);
            }
        }
        if (inside.isEmpty()) {
            List<String> nodes = nodes();
            throw new IllegalArgumentException("'" + target + "' is no node or op path of the design (nodes: "
                    + String.join(", ", nodes.subList(0, Math.min(10, nodes.size()))) + (nodes.size() > 10 ? ", …" : "")
                    + "); image inputs compute nothing");
        }
        return inside;
    }

    /** The ops under {@code target} that pass {@code filter}; refuses none, and several unless allowed. */
    List<Integer> matching(String target, Predicate<Op> filter, String what) {
        List<Integer> found = opsUnder(target).stream().filter(i -> filter.test(ops.get(i))).toList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("'" + target + "' holds no " + what);
        }
        return found;
    }

    /** Exactly one op under {@code target} passing {@code filter}; several are refused, naming them. */
    int single(String target, Predicate<Op> filter, String what) {
        List<Integer> found = matching(target, filter, what);
        if (found.size() > 1) {
            throw new IllegalArgumentException("'" + target + "' holds " + found.size() + " " + what + "s ("
                    + String.join(", ", found.stream().limit(10).map(i -> ops.get(i).path()).toList())
                    + (found.size() > 10 ? ", …" : "") + "): name one of them");
        }
        return found.get(0);
    }

    /**
     * The one tensor {@code target} passes on, as {op index, output position}: an op path's only output,
     * or the only tensor the ops under a node or composite path leave to the rest of the program.
     */
    int[] singleOutput(String target, String purpose) {
        List<int[]> outs = outputsOf(target);
        if (outs.size() != 1) {
            throw new IllegalArgumentException("'" + target + "' passes on " + outs.size() + " tensors; " + purpose
                    + " needs a target with one output: name one of its ops");
        }
        return outs.get(0);
    }

    /** {op index, output position} of every tensor {@code target} passes on, in op order. */
    List<int[]> outputsOf(String target) {
        List<Integer> inside = opsUnder(target);
        List<int[]> result = new ArrayList<>();
        if (inside.size() == 1 && ops.get(inside.get(0)).path().equals(target)) {
            for (int j = 0; j < ops.get(inside.get(0)).outputs().length; j++) {
                result.add(new int[] {inside.get(0), j});
            }
            return result;
        }
        Set<Integer> mine = new java.util.HashSet<>(inside);
        for (int i : inside) {
            int[] outs = ops.get(i).outputs();
            for (int j = 0; j < outs.length; j++) {
                if (leaves(outs[j], mine)) {
                    result.add(new int[] {i, j});
                }
            }
        }
        return result;
    }

    private boolean leaves(int slot, Set<Integer> mine) {
        if (isDesignOutput(slot)) {
            return true;
        }
        for (int r : readers[slot]) {
            if (!mine.contains(r)) {
                return true;
            }
        }
        return false;
    }

    boolean isDesignOutput(int slot) {
        for (int s : program.outputSlots()) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }

    /** The op that writes {@code slot}, or −1 for an image input. */
    int producer(int slot) {
        return producer[slot];
    }

    /** The ops that read {@code slot}. */
    int[] readers(int slot) {
        return readers[slot].clone();
    }

    /** The layout a reader of {@code slot} takes it in; null when nothing reads it (a design output). */
    Layout layoutOf(int slot) {
        for (int r : readers[slot]) {
            Op op = ops.get(r);
            int[] in = op.inputs();
            for (int k = 0; k < in.length; k++) {
                if (in[k] == slot) {
                    return op.inputLayouts().get(k);
                }
            }
        }
        return null;
    }
}

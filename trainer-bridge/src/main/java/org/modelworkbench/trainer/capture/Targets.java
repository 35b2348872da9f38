package org.modelworkbench.trainer.capture;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.Program;

/**
 * Finds the ops behind a requested target: an op path ("stage1_block1.attention.qkv") names one
 * primitive and all its outputs; a node id or composite path ("stage1_block1", "stage1_block1.mlp")
 * names the tensors its ops leave to the rest of the program (read by an op outside it, or a design
 * output).
 */
final class Targets {
    private Targets() {
    }

    /** The ops inside {@code target}: the op of that path, or every op under it. */
    static List<Integer> opsOf(Program program, String target) {
        List<Op> ops = program.ops();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).path().equals(target)) {
                return List.of(i);
            }
        }
        List<Integer> inside = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).path().startsWith(target + ".")) {
                inside.add(i);
            }
        }
        if (inside.isEmpty()) {
            Set<String> nodes = new LinkedHashSet<>(); // in the order they run
            for (Op op : ops) {
                nodes.add(op.path().contains(".") ? op.path().substring(0, op.path().indexOf('.')) : op.path());
            }
            throw new IllegalArgumentException("'" + target + "' is no node or block path of the design (a node id "
                    + "such as " + String.join(", ", nodes.stream().limit(10).toList())
                    + (nodes.size() > 10 ? ", …" : "") + ", or an op path inside one); image inputs compute nothing");
        }
        return inside;
    }

    /** Op index → positions of its outputs that leave {@code target}, in op order. */
    static Map<Integer, List<Integer>> outputsOf(Program program, String target) {
        List<Integer> inside = opsOf(program, target);
        List<Op> ops = program.ops();
        if (inside.size() == 1 && ops.get(inside.get(0)).path().equals(target)) {
            int n = ops.get(inside.get(0)).outputs().length;
            List<Integer> all = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                all.add(j);
            }
            return Map.of(inside.get(0), all);
        }
        BitSet mine = new BitSet();
        inside.forEach(mine::set);
        BitSet leaving = new BitSet(program.slots());
        for (int s : program.outputSlots()) {
            leaving.set(s);
        }
        for (int i = 0; i < ops.size(); i++) {
            if (!mine.get(i)) {
                for (int s : ops.get(i).inputs()) {
                    leaving.set(s);
                }
            }
        }
        Map<Integer, List<Integer>> result = new LinkedHashMap<>();
        for (int i : inside) {
            int[] outs = ops.get(i).outputs();
            for (int j = 0; j < outs.length; j++) {
                if (leaving.get(outs[j])) {
                    result.computeIfAbsent(i, x -> new ArrayList<>()).add(j);
                }
            }
        }
        return result;
    }
}

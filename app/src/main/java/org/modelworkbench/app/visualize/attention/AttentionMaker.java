package org.modelworkbench.app.visualize.attention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.modelworkbench.app.visualize.BundleMaker;
import org.modelworkbench.app.visualize.CommonData;
import org.modelworkbench.app.visualize.Tensors;
import org.modelworkbench.app.visualize.VisualizeRequest;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.compile.WindowGeometry;
import org.modelworkbench.trainer.probe.AttentionLayer;
import org.modelworkbench.trainer.probe.FocalModulation;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeImages;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.trainer.probe.ScanParameters;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.focal.FocalModulationMaps;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.attention.AttentionBundle;
import org.modelworkbench.visualizers.views.attention.AttentionBundle.Family;

/**
 * The probe half of the attention view ({@link org.modelworkbench.visualizers.views.attention.AttentionView}):
 * every token-mixing layer of the design, in run order, with what the view's controls need to redraw
 * without the model (names in {@link AttentionBundle}):
 * <ul>
 *   <li>global attention: the post-softmax (B,h,N,N) per layer, prefix tokens, patch grid and size;</li>
 *   <li>Swin: the captured (B,nW,h,M²,M²) per block with H, W, M and the shift;</li>
 *   <li>FocalNet: ‖M‖₂ over channels (B,H,W), computed here so the C channels of M stay out of the
 *       bundle, the raw gates (B,L+1,H,W) and the channel-mean kernel of each level;</li>
 *   <li>selective scans: Δ, A, B, C and the directions K, H, W (the L×L matrices are the view's, so
 *       that mode, channel and direction stay interactive).</li>
 * </ul>
 * Default: 4 images; the default layer ({@link CommonData#NODE}) is {@code --node} when given (a layer's
 * name, node or op path), else {@link AttentionBundle#defaultLayer}.
 */
public final class AttentionMaker implements BundleMaker {
    @Override
    public String kind() {
        return AttentionBundle.KIND;
    }

    @Override
    public int defaultImages() {
        return 4;
    }

    /** One probed layer before it is written: where it runs, what it is, and how to write its data. */
    private record Entry(int order, String node, String op, Family family, int windows,
                         Consumer<ProbeLayerWriter> write) {
    }

    /** Writes one layer's tensors and metadata under its position in the bundle. */
    private record ProbeLayerWriter(Bundle.Builder bundle, int index) {
        void tensor(String name, FloatTensor t) {
            bundle.tensor(AttentionBundle.tensor(index, name), t);
        }

        void meta(String key, int value) {
            bundle.meta(AttentionBundle.meta(index, key), value);
        }
    }

    @Override
    public void make(ProbeModel model, ProbeImages images, VisualizeRequest request, Bundle.Builder bundle)
            throws ProbeException {
        List<String> order = model.nodes();
        List<Entry> entries = new ArrayList<>();
        for (AttentionLayer a : model.attention(images)) {
            entries.add(attention(order, a));
        }
        for (String path : model.focalModulations()) {
            FocalModulation f = model.focal(images, path);
            entries.add(focal(order, f));
        }
        for (String path : model.scans()) {
            ScanParameters s = model.scan(images, path);
            entries.add(scan(order, s));
        }
        if (entries.isEmpty()) {
            throw new ProbeException("'" + model.design().name()
                    + "' has no attention, window attention, focal modulation or selective scan");
        }
        // Families are probed one after another; the view lists layers in the order they run.
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::order));
        List<String> names = names(sorted);
        List<String> nodes = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        List<String> families = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Entry e = sorted.get(i);
            nodes.add(e.node());
            ops.add(e.op());
            families.add(e.family().id());
            e.write().accept(new ProbeLayerWriter(bundle, i));
        }
        bundle.meta(AttentionBundle.LAYERS, names);
        bundle.meta(AttentionBundle.LAYER_NODES, nodes);
        bundle.meta(AttentionBundle.LAYER_OPS, ops);
        bundle.meta(AttentionBundle.LAYER_FAMILIES, families);
        bundle.meta(CommonData.NODE, names.get(chosen(request, sorted, names)));
    }

    /** The layer --node names (by name, node or op path, or a path under it), else the view's default. */
    private static int chosen(VisualizeRequest request, List<Entry> entries, List<String> names) {
        String node = request.node();
        if (node == null || node.isBlank()) {
            return AttentionBundle.defaultLayer(entries.stream().map(Entry::family).toList(),
                    entries.stream().map(Entry::windows).toList());
        }
        int found = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (names.get(i).equals(node) || e.op().equals(node) || e.op().startsWith(node + ".")) {
                if (found < 0 || names.get(i).equals(node)) {
                    found = i;
                }
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("--node '" + node + "' is none of the design's attention layers: "
                    + String.join(", ", names));
        }
        return found;
    }

    /** The node id where it is the only probed layer of its node, else the op path. */
    private static List<String> names(List<Entry> entries) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            long same = entries.stream().filter(o -> o.node().equals(e.node())).count();
            out.add(same == 1 ? e.node() : e.op());
        }
        return out;
    }

    private static int position(List<String> order, String node) {
        int i = order.indexOf(node);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static String nodeOf(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static Entry attention(List<String> order, AttentionLayer a) {
        String node = nodeOf(a.op());
        FloatTensor p = Tensors.of(a.map().probabilities());
        if (a.map().windowed()) {
            WindowGeometry g = a.map().windows();
            return new Entry(position(order, node), node, a.op(), Family.SWIN, g.windows(), w -> {
                w.tensor(AttentionBundle.ATTENTION, p);
                w.meta(AttentionBundle.HEIGHT, g.height());
                w.meta(AttentionBundle.WIDTH, g.width());
                w.meta(AttentionBundle.WINDOW, g.window());
                w.meta(AttentionBundle.SHIFT_ROWS, g.shiftH());
                w.meta(AttentionBundle.SHIFT_COLS, g.shiftW());
            });
        }
        return new Entry(position(order, node), node, a.op(), Family.VIT, 0, w -> {
            w.tensor(AttentionBundle.ATTENTION, p);
            w.meta(AttentionBundle.PREFIX_TOKENS, a.prefixTokens());
            w.meta(AttentionBundle.GRID_HEIGHT, a.gridHeight());
            w.meta(AttentionBundle.GRID_WIDTH, a.gridWidth());
            w.meta(AttentionBundle.PATCH_SIZE, a.patchSize());
        });
    }

    private static Entry focal(List<String> order, FocalModulation f) {
        String node = nodeOf(f.path());
        FloatTensor magnitude = FocalModulationMaps.modulatorMagnitude(Tensors.of(f.modulator()));
        FloatTensor gates = gates(f.gates());
        List<FloatTensor> kernels = f.kernels().stream().map(k -> FocalModulationMaps.meanKernel(Tensors.of(k))).toList();
        return new Entry(position(order, node), node, f.path(), Family.FOCAL, 0, w -> {
            w.tensor(AttentionBundle.MODULATOR, magnitude);
            w.tensor(AttentionBundle.GATES, gates);
            for (int l = 0; l < kernels.size(); l++) {
                w.tensor(AttentionBundle.KERNEL + l, kernels.get(l));
            }
            w.meta(AttentionBundle.LEVELS, f.levels());
        });
    }

    /** The L+1 gates, each (B,1,H,W), as one (B,L+1,H,W). */
    static FloatTensor gates(List<CapturedTensor> each) {
        FloatTensor first = Tensors.of(each.get(0));
        int b = first.dim(0);
        int hw = first.dim(2) * first.dim(3);
        int n = each.size();
        float[] out = new float[b * n * hw];
        for (int l = 0; l < n; l++) {
            FloatTensor g = Tensors.of(each.get(l));
            if (g.rank() != 4 || g.dim(0) != b || g.dim(1) != 1 || g.dim(2) * g.dim(3) != hw) {
                throw new IllegalArgumentException("gate " + l + " has shape " + java.util.Arrays.toString(g.shape())
                        + ", gate 0 " + java.util.Arrays.toString(first.shape()));
            }
            for (int i = 0; i < b; i++) {
                System.arraycopy(g.values(), i * hw, out, (i * n + l) * hw, hw);
            }
        }
        return FloatTensor.of(out, b, n, first.dim(2), first.dim(3));
    }

    private static Entry scan(List<String> order, ScanParameters s) {
        String node = nodeOf(s.op());
        int h = s.height();
        int w = s.width();
        int length = h * w;
        // A 1-D Mamba over patch tokens reports 1×L; its tokens are the patch grid in row-major order.
        int side = (int) Math.round(Math.sqrt(length));
        if (h == 1 && side * side == length && side > 1) {
            h = side;
            w = side;
        }
        int height = h;
        int width = w;
        Map<String, FloatTensor> tensors = Map.of(AttentionBundle.DELTA, Tensors.of(s.delta()),
                AttentionBundle.A_MATRIX, Tensors.of(s.a()), AttentionBundle.B_MATRIX, Tensors.of(s.b()),
                AttentionBundle.C_MATRIX, Tensors.of(s.c()));
        return new Entry(position(order, node), node, s.op(), Family.MAMBA, 0, wr -> {
            for (String name : List.of(AttentionBundle.DELTA, AttentionBundle.A_MATRIX, AttentionBundle.B_MATRIX,
                    AttentionBundle.C_MATRIX)) {
                wr.tensor(name, tensors.get(name));
            }
            wr.meta(AttentionBundle.DIRECTIONS, s.directions());
            wr.meta(AttentionBundle.HEIGHT, height);
            wr.meta(AttentionBundle.WIDTH, width);
        });
    }
}

package org.modelworkbench.visualizers.views.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.tensor.FloatTensor;

/** Small planted attention bundles, as the maker lays them out, and a reader for the panels' CSV. */
final class AttentionBundles {
    private AttentionBundles() {
    }

    /** Builds layer lists and their data. */
    static final class Maker {
        private final Bundle.Builder b = Bundle.builder(AttentionBundle.KIND);
        private final List<String> names = new ArrayList<>();
        private final List<String> families = new ArrayList<>();

        private int next(String name, AttentionBundle.Family f) {
            names.add(name);
            families.add(f.id());
            return names.size() - 1;
        }

        /** Global attention (B,h,N,N) over a g×g grid. */
        Maker vit(String name, FloatTensor attention, int prefix, int grid, int patch) {
            int i = next(name, AttentionBundle.Family.VIT);
            b.tensor(AttentionBundle.tensor(i, AttentionBundle.ATTENTION), attention);
            b.meta(AttentionBundle.meta(i, AttentionBundle.PREFIX_TOKENS), prefix);
            b.meta(AttentionBundle.meta(i, AttentionBundle.GRID_HEIGHT), grid);
            b.meta(AttentionBundle.meta(i, AttentionBundle.GRID_WIDTH), grid);
            b.meta(AttentionBundle.meta(i, AttentionBundle.PATCH_SIZE), patch);
            return this;
        }

        /** Window attention (B,nW,h,M²,M²) on an h×w map. */
        Maker swin(String name, FloatTensor attention, int height, int width, int window, int shift) {
            int i = next(name, AttentionBundle.Family.SWIN);
            b.tensor(AttentionBundle.tensor(i, AttentionBundle.ATTENTION), attention);
            b.meta(AttentionBundle.meta(i, AttentionBundle.HEIGHT), height);
            b.meta(AttentionBundle.meta(i, AttentionBundle.WIDTH), width);
            b.meta(AttentionBundle.meta(i, AttentionBundle.WINDOW), window);
            b.meta(AttentionBundle.meta(i, AttentionBundle.SHIFT_ROWS), shift);
            b.meta(AttentionBundle.meta(i, AttentionBundle.SHIFT_COLS), shift);
            return this;
        }

        Maker focal(String name, FloatTensor modulator, FloatTensor gates, FloatTensor... kernels) {
            int i = next(name, AttentionBundle.Family.FOCAL);
            b.tensor(AttentionBundle.tensor(i, AttentionBundle.MODULATOR), modulator);
            b.tensor(AttentionBundle.tensor(i, AttentionBundle.GATES), gates);
            for (int l = 0; l < kernels.length; l++) {
                b.tensor(AttentionBundle.kernel(i, l), kernels[l]);
            }
            b.meta(AttentionBundle.meta(i, AttentionBundle.LEVELS), kernels.length);
            return this;
        }

        Maker mamba(String name, FloatTensor delta, FloatTensor a, FloatTensor bm, FloatTensor c, int height, int width) {
            int i = next(name, AttentionBundle.Family.MAMBA);
            b.tensor(AttentionBundle.tensor(i, AttentionBundle.DELTA), delta);
            b.tensor(AttentionBundle.tensor(i, AttentionBundle.A_MATRIX), a);
            b.tensor(AttentionBundle.tensor(i, AttentionBundle.B_MATRIX), bm);
            b.tensor(AttentionBundle.tensor(i, AttentionBundle.C_MATRIX), c);
            b.meta(AttentionBundle.meta(i, AttentionBundle.DIRECTIONS), delta.dim(1));
            b.meta(AttentionBundle.meta(i, AttentionBundle.HEIGHT), height);
            b.meta(AttentionBundle.meta(i, AttentionBundle.WIDTH), width);
            return this;
        }

        Maker node(String layer) {
            b.meta(AttentionBundle.NODE, layer);
            return this;
        }

        Maker images(FloatTensor images) {
            b.tensor(AttentionBundle.IMAGES, images);
            return this;
        }

        Bundle build() {
            b.meta(AttentionBundle.LAYERS, names);
            b.meta(AttentionBundle.LAYER_NODES, names);
            b.meta(AttentionBundle.LAYER_OPS, names.stream().map(n -> n + ".attn").toList());
            b.meta(AttentionBundle.LAYER_FAMILIES, families);
            return b.build();
        }
    }

    static Maker bundle() {
        return new Maker();
    }

    /** One image, one head: (1,1,N,N) from rows. */
    static FloatTensor oneHead(double[][] rows) {
        int n = rows.length;
        float[] v = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = (float) rows[i][j];
            }
        }
        return FloatTensor.of(v, 1, 1, n, n);
    }

    static FloatTensor filled(float value, int... shape) {
        FloatTensor t = FloatTensor.zeros(shape);
        Arrays.fill(t.values(), value);
        return t;
    }

    /** The numbers of a wide CSV table without its header row and first (label) column. */
    static double[][] numbers(Csv csv) {
        List<String> lines = csv.text().lines().toList();
        double[][] out = new double[lines.size() - 1][];
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            out[r - 1] = new double[cells.length - 1];
            for (int c = 1; c < cells.length; c++) {
                out[r - 1][c - 1] = Double.parseDouble(cells[c]);
            }
        }
        return out;
    }
}

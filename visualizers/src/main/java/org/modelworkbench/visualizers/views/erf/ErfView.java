package org.modelworkbench.visualizers.views.erf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.erf.EffectiveReceptiveField;
import org.modelworkbench.visualizers.erf.EffectiveReceptiveField.AreaRatio;
import org.modelworkbench.visualizers.io.Csv;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.LineChart;
import org.modelworkbench.visualizers.render.ValueRange;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.View;
import org.modelworkbench.visualizers.views.ViewOptions;

/**
 * The effective receptive field of a layer (views-exact.md §7; Luo et al., NeurIPS 2016; RepLKNet, CVPR
 * 2022): the mean non-negative input gradient of the centre unit of the layer's feature map, shown as
 * {@code log10(g + 1) / max}, with the layer's theoretical receptive field outlined and the high-contribution
 * area ratios (t = 0.2, 0.3, 0.5, 0.99; {@link EffectiveReceptiveField#areaRatios}). A second figure, a
 * workbench extension, gives the cumulative share of the map inside centred squares of growing side.
 *
 * <p>Bundle: {@value #MEAN_GRADIENT} (H×W, the mean over images of ReLU(∂s/∂x) summed over input channels, or
 * |∂s/∂x| for luo2016); meta {@value #TARGET}, {@value #METHOD} (replknet or luo2016), {@value #COUNT} (images
 * averaged), {@value #SKIPPED} (images skipped for a NaN gradient), {@value #OUTPUT_HEIGHT} and
 * {@value #OUTPUT_WIDTH} (the target map's size; its centre unit is (H'/2, W'/2)), and the theoretical field
 * {@value #FIELD_SIZE}, {@value #FIELD_JUMP}, {@value #FIELD_START} (input pixels), {@value #FIELD_GLOBAL}.
 */
public final class ErfView implements View {
    public static final String KIND = "erf";
    public static final String MEAN_GRADIENT = "meanGradient";
    public static final String TARGET = "target";
    public static final String METHOD = "method";
    public static final String COUNT = "count";
    public static final String SKIPPED = "skipped";
    public static final String OUTPUT_HEIGHT = "outputHeight";
    public static final String OUTPUT_WIDTH = "outputWidth";
    public static final String FIELD_SIZE = "fieldSize";
    public static final String FIELD_JUMP = "fieldJump";
    public static final String FIELD_START = "fieldStart";
    public static final String FIELD_GLOBAL = "fieldGlobal";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String title() {
        return "Effective receptive field";
    }

    @Override
    public String description() {
        return "How far the centre unit of a layer really looks (Luo et al., NeurIPS 2016; RepLKNet's recipe, CVPR "
                + "2022): the gradient of that unit (ReLU of its channels, summed) with respect to the input pixels, "
                + "made non-negative, summed over colour channels and averaged over test images, shown as "
                + "log10(g + 1) scaled to 0…1. Bright = pixels that move the unit. The dashed square is the "
                + "theoretical receptive field (what the kernels and strides could reach); a small bright blob inside a "
                + "large square is the classic finding that the effective field is much smaller. The area ratios give "
                + "the smallest centred square holding more than 20/30/50/99 % of the (log-scaled) map, as a share of "
                + "the image. '--option method=luo2016' uses a unit gradient at the centre without the ReLU. The "
                + "second figure (workbench extension) gives the share inside centred squares of growing side.";
    }

    @Override
    public List<Panel> render(Bundle bundle, ViewOptions options) {
        FloatTensor mean = bundle.tensor(MEAN_GRADIENT);
        if (mean.rank() != 2) {
            throw new IllegalArgumentException("the mean gradient must be H×W, got rank " + mean.rank());
        }
        int h = mean.dim(0);
        int w = mean.dim(1);
        EffectiveReceptiveField acc = new EffectiveReceptiveField(h, w);
        acc.add(mean.reshape(1, 1, h, w)); // non-negative already: ReLU is the identity, so display() = log10(g+1)/max
        FloatTensor display = acc.display();
        List<Optional<AreaRatio>> ratios = EffectiveReceptiveField.areaRatios(display, EffectiveReceptiveField.THRESHOLDS);
        String target = bundle.string(TARGET, "?");
        int count = bundle.integer(COUNT, 0);
        String method = bundle.string(METHOD, "replknet");

        int zoom = Math.max(1, 320 / Math.max(h, w));
        HeatmapFigure.Builder b = HeatmapFigure.builder(display).size(w * zoom, h * zoom).range(ValueRange.fixed(0, 1))
                .colorBar("log10(g + 1) / max")
                .title(String.format(Locale.ROOT, "ERF of %s (%d images, %s)", target, count, method));
        String field;
        boolean global = bundle.bool(FIELD_GLOBAL, false);
        if (bundle.hasMeta(FIELD_SIZE) && !global) {
            int size = bundle.integer(FIELD_SIZE);
            int jump = bundle.integer(FIELD_JUMP);
            double start = bundle.real(FIELD_START);
            int oh = bundle.integer(OUTPUT_HEIGHT, h);
            int ow = bundle.integer(OUTPUT_WIDTH, w);
            int top = first(start, jump, size, oh / 2);
            int left = first(start, jump, size, ow / 2);
            b.outline(top, left, top + size - 1, left + size - 1);
            field = String.format(Locale.ROOT, "theoretical field %d×%d px (dashed%s)", size, size,
                    size >= Math.max(h, w) ? ", larger than the image: drawn along its border" : "");
            b.title(String.format(Locale.ROOT, "ERF of %s (%d images, %s) — theoretical field %d px", target, count,
                    method, size));
        } else {
            field = global ? "theoretical field: the whole image (attention, a scan or a global pool on the way)"
                    : "theoretical field unknown";
        }
        HeatmapFigure map = b.build();

        Csv ratioTable = Csv.withHeader("threshold", "side", "area_ratio");
        StringBuilder words = new StringBuilder();
        for (Optional<AreaRatio> r : ratios) {
            int k = ratioTable.rows();
            double t = EffectiveReceptiveField.THRESHOLDS[k];
            if (r.isPresent()) {
                ratioTable.add(t, r.get().side(), r.get().ratio());
                words.append(String.format(Locale.ROOT, "%s%.0f %%: %d px (%.1f %% of the image)", k == 0 ? "" : "; ",
                        t * 100, r.get().side(), r.get().ratio() * 100));
            } else {
                ratioTable.add(t, null, null);
                words.append(String.format(Locale.ROOT, "%s%.0f %%: no centred square", k == 0 ? "" : "; ", t * 100));
            }
        }
        String skipped = bundle.integer(SKIPPED, 0) > 0 ? " (" + bundle.integer(SKIPPED) + " skipped for NaN)" : "";
        Panel erf = new Panel("erf", "Effective receptive field of " + target, map,
                java.util.Map.of("", map.csv(), "ratios", ratioTable),
                "Centred squares holding more than " + words + ". " + field + "; " + count + " images" + skipped + ".",
                null);

        // Workbench extension: the share of the map inside centred squares of side 1, 3, 5, …
        List<Double> sides = new ArrayList<>();
        List<Double> logShare = new ArrayList<>();
        List<Double> rawShare = new ArrayList<>();
        cumulative(display, sides, logShare);
        cumulative(mean, new ArrayList<>(), rawShare);
        LineChart.Builder chart = LineChart.numeric()
                .series("log-scaled ERF (as the area ratios)", doubles(sides), doubles(logShare))
                .series("raw mean gradient", doubles(sides), doubles(rawShare))
                .title("Cumulative contribution by centred square (workbench extension)")
                .xLabel("square side, input pixels").yLabel("share of the total").yRange(0, 1);
        if (bundle.hasMeta(FIELD_SIZE) && !global && bundle.integer(FIELD_SIZE) <= Math.max(h, w)) {
            double s = bundle.integer(FIELD_SIZE);
            chart.series("theoretical field side", new double[] {s, s}, new double[] {0, 1});
        }
        LineChart curve = chart.markers(false).build();
        Panel cumulative = Panel.of("erf-cumulative", "Cumulative contribution by centred square", curve, curve.csv(),
                "Workbench extension: the share of the map inside the centred square of each side (log-scaled as the "
                        + "area ratios are, and of the raw gradient); a curve that rises fast means a compact field.");
        return List.of(erf, cumulative);
    }

    /** The first input pixel of unit {@code index}'s field (the rounding of TheoreticalField.Field#first). */
    static int first(double start, int jump, int size, int index) {
        return (int) Math.round(start + (double) index * jump - (size - 1) / 2.0);
    }

    /** Share of the total inside the centred square of side 2i + 1, i = 0 … while it fits (clipped at the edges). */
    private static void cumulative(FloatTensor m, List<Double> sides, List<Double> shares) {
        int h = m.dim(0);
        int w = m.dim(1);
        float[] v = m.values();
        double total = 0;
        for (float x : v) {
            total += x;
        }
        int cy = h / 2;
        int cx = w / 2;
        for (int i = 0; i <= Math.max(h, w) / 2; i++) {
            double s = 0;
            for (int r = Math.max(0, cy - i); r <= Math.min(h - 1, cy + i); r++) {
                for (int c = Math.max(0, cx - i); c <= Math.min(w - 1, cx + i); c++) {
                    s += v[r * w + c];
                }
            }
            sides.add(2.0 * i + 1);
            shares.add(total > 0 ? s / total : Double.NaN);
        }
    }

    private static double[] doubles(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

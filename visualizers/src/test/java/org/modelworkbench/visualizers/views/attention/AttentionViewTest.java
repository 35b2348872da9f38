package org.modelworkbench.visualizers.views.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.modelworkbench.visualizers.views.attention.AttentionBundles.bundle;
import static org.modelworkbench.visualizers.views.attention.AttentionBundles.filled;
import static org.modelworkbench.visualizers.views.attention.AttentionBundles.numbers;
import static org.modelworkbench.visualizers.views.attention.AttentionBundles.oneHead;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.render.Cell;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.render.LineChart;
import org.modelworkbench.visualizers.render.MatrixFigure;
import org.modelworkbench.visualizers.render.Png;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.OptionSpec;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

class AttentionViewTest {
    static final double TOL = 1e-5;
    final AttentionView view = new AttentionView();

    /** views-exact §1, R2: the planted 5-token attention (CLS + 2×2 patches). */
    static final double[][] R2 = {
            {.30, .26, .21, .14, .09},
            {.11, .42, .19, .16, .12},
            {.07, .18, .44, .20, .11},
            {.06, .13, .17, .49, .15},
            {.08, .10, .12, .22, .48}};

    static double[][] uniform(int n) {
        double[][] a = new double[n][n];
        for (double[] r : a) {
            java.util.Arrays.fill(r, 1.0 / n);
        }
        return a;
    }

    static Bundle r2Vit() {
        return bundle().vit("block1", oneHead(R2), 1, 2, 16).build();
    }

    static Panel panel(List<Panel> panels, String name) {
        return panels.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static Point2D centre(Rectangle2D r) {
        return new Point2D.Double(r.getCenterX(), r.getCenterY());
    }

    @Test
    void theViewIsRegisteredAsAttention() {
        assertThat(Views.of("attention")).isInstanceOf(AttentionView.class);
        assertThat(view.title()).isNotBlank();
        assertThat(view.description()).contains("rollout", "Swin", "FocalNet", "hidden attention");
    }

    @Test
    void aVitLayerHasQueryRolloutDistanceAndEntropyPanels() {
        List<Panel> panels = view.render(r2Vit(), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).containsExactly("query", "rollout", "distance", "entropy");
        assertThat(panels).allSatisfy(p -> {
            assertThat(p.caption()).isNotBlank();
            assertThat(p.tables()).containsKey("");
        });
        assertThat(panel(panels, "distance").tables()).containsKey("heads");
    }

    @Test
    void rolloutWithoutDiscardIsTheCLSRowNormalisedByItsMaximum() {
        // R1: identity except the CLS row [0,.5,.3,.2,0] → [[1,.6],[.4,0]]; two identical layers give the same map
        double[][] a = {{0, .5, .3, .2, 0}, {0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}};
        Bundle one = bundle().vit("block1", oneHead(a), 1, 2, 16).build();
        Bundle two = bundle().vit("block1", oneHead(a), 1, 2, 16).vit("block2", oneHead(a), 1, 2, 16).build();

        double[][] expected = {{1, .6}, {.4, 0}};
        assertMap(panel(view.render(one, ViewOptions.defaults()), "rollout"), expected);
        assertMap(panel(view.render(two, ViewOptions.defaults()), "rollout"), expected);
    }

    @Test
    void rolloutFollowsTheDiscardAndCompatOptions() {
        Bundle b = r2Vit();
        ViewOptions o = ViewOptions.defaults();

        assertMap(panel(view.render(b, o), "rollout"), new double[][] {{1, .807692}, {.538462, .346154}});
        assertMap(panel(view.render(b, o.with("compat", "true")), "rollout"), new double[][] {{1, .807692}, {.538462, .346154}});
        assertMap(panel(view.render(b, o.with("discard", "0.2")), "rollout"), new double[][] {{1, .807692}, {.538462, 0}});
        assertMap(panel(view.render(b, o.with("discard", "0.2").with("compat", "true")), "rollout"),
                new double[][] {{1, .836987}, {.555115, 0}});
    }

    @Test
    void rolloutOfUniformAttentionThroughThreeLayersIsAllOnes() {
        Bundle b = bundle().vit("b1", oneHead(uniform(5)), 1, 2, 16).vit("b2", oneHead(uniform(5)), 1, 2, 16)
                .vit("b3", oneHead(uniform(5)), 1, 2, 16).build();
        assertMap(panel(view.render(b, ViewOptions.defaults()), "rollout"), new double[][] {{1, 1}, {1, 1}});
    }

    @Test
    void rolloutRunsThroughTheLayersUpToTheChosenOne() {
        double[][] a = {{0, .5, .3, .2, 0}, {0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}};
        Bundle b = bundle().vit("b1", oneHead(a), 1, 2, 16).vit("b2", oneHead(uniform(5)), 1, 2, 16).build();

        assertMap(panel(view.render(b, ViewOptions.defaults().withLayer("b1")), "rollout"), new double[][] {{1, .6}, {.4, 0}});
        assertThat(panel(view.render(b, ViewOptions.defaults().withLayer("b2")), "rollout").figure())
                .isInstanceOf(HeatmapFigure.class);
    }

    @Test
    void theQueryPanelShowsTheQueryPatchsRowOverThePatchesAndAClickPicksAPatch() {
        Panel p = panel(view.render(r2Vit(), ViewOptions.defaults().withQuery(0, 1)), "query");

        // token 2 = patch (0,1): row [.07 | .18 .44 .20 .11]
        assertMap(p, new double[][] {{.18, .44}, {.20, .11}});
        assertThat(p.caption()).contains("0.070");
        HeatmapFigure fig = (HeatmapFigure) p.figure();
        Point2D c = centre(fig.cellBounds(1, 0));
        assertThat(p.picker().queryAt(c.getX(), c.getY())).contains(new Cell(1, 0));
        assertThat(p.picker().queryAt(-5, -5)).isEmpty();
    }

    @Test
    void theQueryPanelShowsOneHeadOrTheirMean() {
        float[] v = new float[2 * 25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                v[i * 5 + j] = (float) R2[i][j];
                v[25 + i * 5 + j] = 0.2f;
            }
        }
        Bundle b = bundle().vit("block1", FloatTensor.of(v, 1, 2, 5, 5), 1, 2, 16).build();

        assertMap(panel(view.render(b, ViewOptions.defaults().withQuery(0, 1).withHead(1)), "query"),
                new double[][] {{.2, .2}, {.2, .2}});
        assertMap(panel(view.render(b, ViewOptions.defaults().withQuery(0, 1)), "query"),
                new double[][] {{.19, .32}, {.20, .155}});
        assertThat(view.heads(b, ViewOptions.defaults())).isEqualTo(2);
    }

    @Test
    void distanceAndEntropyFollowViewsExactAndTheirTableHasOneRowPerLayerAndHead() {
        // 5-token uniform softmax, patch 16, CLS dropped → 10.925483 px; entropy ln 5 with CLS, ln 4 without
        Bundle b = bundle().vit("b1", oneHead(uniform(5)), 1, 2, 16).vit("b2", oneHead(uniform(5)), 1, 2, 16).build();
        List<Panel> panels = view.render(b, ViewOptions.defaults());

        String heads = panel(panels, "distance").tables().get("heads").text();
        List<String> lines = heads.lines().toList();
        assertThat(lines.get(0)).isEqualTo("layer,node,head,mean_attention_distance_px,entropy_nats");
        assertThat(lines).hasSize(3);
        String[] row = lines.get(1).split(",");
        assertThat(Double.parseDouble(row[3])).isCloseTo(10.925483, within(TOL));
        assertThat(Double.parseDouble(row[4])).isCloseTo(Math.log(5), within(TOL));
        assertThat(panel(panels, "entropy").caption()).contains("CLS included");

        List<Panel> excluded = view.render(b, ViewOptions.defaults().with("cls", "exclude"));
        String[] ex = panel(excluded, "distance").tables().get("heads").text().lines().toList().get(1).split(",");
        assertThat(Double.parseDouble(ex[4])).isCloseTo(Math.log(4), within(TOL));
        assertThat(panel(excluded, "entropy").caption()).contains("CLS excluded");
    }

    @Test
    void identityAttentionHasDistanceZeroAndEntropyZero() {
        double[][] id = new double[5][5];
        for (int i = 0; i < 5; i++) {
            id[i][i] = 1;
        }
        Bundle b = bundle().vit("b1", oneHead(id), 1, 2, 16).build();
        String[] row = panel(view.render(b, ViewOptions.defaults()), "distance").tables().get("heads").text().lines()
                .toList().get(1).split(",");
        assertThat(Double.parseDouble(row[3])).isCloseTo(0, within(TOL));
        assertThat(Double.parseDouble(row[4])).isCloseTo(0, within(TOL));
    }

    @Test
    void clickingALayerOnTheChartsAcrossDepthSelectsItsNode() {
        Bundle b = bundle().vit("b1", oneHead(uniform(5)), 1, 2, 16).vit("b2", oneHead(R2), 1, 2, 16)
                .vit("b3", oneHead(uniform(5)), 1, 2, 16).build();
        for (String name : List.of("distance", "entropy")) {
            Panel p = panel(view.render(b, ViewOptions.defaults()), name);
            LineChart chart = (LineChart) p.figure();
            for (int i = 0; i < 3; i++) {
                Point2D at = chart.pixelOf(0, i);
                assertThat(p.picker().nodeAt(at.getX() + 3, at.getY())).contains("b" + (i + 1));
            }
            assertThat(p.picker().nodeAt(1, 1)).isEmpty();
        }
    }

    /** Swin, H = W = 8, M = 4, s = 2: every query attends one-hot to token 15 of its window. */
    static Bundle swin() {
        int nw = 4;
        int t = 16;
        float[] v = new float[nw * t * t];
        for (int w = 0; w < nw; w++) {
            for (int q = 0; q < t; q++) {
                v[(w * t + q) * t + 15] = 1;
            }
        }
        FloatTensor a = FloatTensor.of(v, 1, nw, 1, t, t);
        FloatTensor single = filled(1f / 16, 1, 1, 1, 16, 16);
        return bundle().swin("s1", a, 8, 8, 4, 2).swin("s2", single, 4, 4, 4, 0).build();
    }

    @Test
    void aSwinQueryMapsItsWindowBackToOriginalCoordinatesWithNaNOutside() {
        // window 0, token 0 is original (2,2); its token 15 is shifted (3,3) → original (5,5)
        Panel p = panel(view.render(swin(), ViewOptions.defaults().withLayer("s1").withQuery(2, 2)), "query");
        double[][] m = numbers(p.tables().get(""));
        assertThat(m[5][5]).isEqualTo(1.0);
        int nan = 0;
        int zeros = 0;
        for (double[] r : m) {
            for (double x : r) {
                nan += Double.isNaN(x) ? 1 : 0;
                zeros += x == 0 ? 1 : 0;
            }
        }
        assertThat(nan).isEqualTo(64 - 16);
        assertThat(zeros).isEqualTo(15);
        assertThat(p.figure().width()).isPositive();
        assertThat(p.title()).isNotBlank();
        assertThat(((HeatmapFigure) p.figure()).scale()).isNotNull();

        // window 3, token 15 is original (1,1): the query there attends to itself
        double[][] w3 = numbers(panel(view.render(swin(), ViewOptions.defaults().withLayer("s1").withQuery(1, 1)), "query")
                .tables().get(""));
        assertThat(w3[1][1]).isEqualTo(1.0);
        assertThat(Double.isNaN(w3[2][2])).isTrue();
    }

    @Test
    void swinPrefersTheLastBlockWithSeveralWindowsUnlessTheMakerChoseOne() {
        assertThat(view.render(swin(), ViewOptions.defaults()).get(0).figure()).isInstanceOf(HeatmapFigure.class);
        assertThat(AttentionView.layer(swin(), AttentionBundle.layers(swin()), null).name()).isEqualTo("s1");
        Bundle chosen = bundle().swin("s1", swin().tensor("layer0.attention"), 8, 8, 4, 2)
                .swin("s2", filled(1f / 16, 1, 1, 1, 16, 16), 4, 4, 4, 0).node("s2").build();
        assertThat(AttentionView.layer(chosen, AttentionBundle.layers(chosen), null).name()).isEqualTo("s2");
        assertThat(view.heads(swin(), ViewOptions.defaults().withLayer("s1"))).isEqualTo(1);
        assertThat(view.layers(swin())).containsExactly("s1", "s2");
    }

    @Test
    void aClickOnTheSwinMapPicksTheToken() {
        Panel p = panel(view.render(swin(), ViewOptions.defaults().withLayer("s1")), "query");
        Point2D c = centre(((HeatmapFigure) p.figure()).cellBounds(6, 3));
        assertThat(p.picker().queryAt(c.getX(), c.getY())).contains(new Cell(6, 3));
    }

    static Bundle focal() {
        FloatTensor modulator = FloatTensor.of(new float[] {5, 1, 2, 3, 0, 0, 0, 0}, 2, 2, 2);
        FloatTensor gates = FloatTensor.of(new float[] {-1, 2, 3, 4, 5, 6, 7, -8, 9, 10, 11, 12,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 2, 3, 2, 2);
        return bundle().focal("f1", modulator, gates, filled(0.5f, 3, 3), filled(-0.25f, 5, 5)).build();
    }

    @Test
    void aFocalLayerShowsTheModulatorTheRawGatesAndTheKernels() {
        List<Panel> panels = view.render(focal(), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).containsExactly("modulator", "gates", "kernels");
        assertThat(numbers(panel(panels, "modulator").tables().get(""))).isDeepEqualTo(new double[][] {{5, 1}, {2, 3}});
        List<String> gates = panel(panels, "gates").tables().get("").text().lines().skip(1).toList();
        assertThat(gates).hasSize(3 * 4);
        assertThat(gates).anySatisfy(l -> assertThat(l).contains("global").endsWith(",9.0"));
        assertThat(gates).anySatisfy(l -> assertThat(l).endsWith(",-8.0"));
        List<String> kernels = panel(panels, "kernels").tables().get("").text().lines().skip(1).toList();
        assertThat(kernels).hasSize(9 + 25);
        assertThat(view.heads(focal(), ViewOptions.defaults())).isZero();
        assertThat(view.images(focal())).isEqualTo(2);
        assertThat(numbers(panel(view.render(focal(), ViewOptions.defaults().withImage(1)), "modulator").tables().get("")))
                .isDeepEqualTo(new double[][] {{0, 0}, {0, 0}});
    }

    /** views-exact §4, M1: D = N = 1, A = −1, Δ = ln 2, B = C = 1, L = 3 (a 1×3 map, one direction). */
    static Bundle m1(int directions) {
        float ln2 = (float) Math.log(2);
        return bundle().mamba("m1", filled(ln2, 1, directions, 1, 3), filled(-1f, directions, 1, 1),
                filled(1f, 1, directions, 1, 3), filled(1f, 1, directions, 1, 3), 1, 3).build();
    }

    @Test
    void theHiddenAttentionOfAQueryIsRowIOfAlpha() {
        ViewOptions o = ViewOptions.defaults().withQuery(0, 2).with("direction", "0");
        List<Panel> panels = view.render(m1(1), o);

        assertThat(panels).extracting(Panel::name).containsExactly("hidden", "matrix");
        assertThat(numbers(panel(panels, "hidden").tables().get(""))[0])
                .containsExactly(new double[] {.173287, .346574, .693147}, within(TOL));
        double[][] alpha = numbers(panel(panels, "matrix").tables().get(""));
        double[][] expected = {{.693147, 0, 0}, {.346574, .693147, 0}, {.173287, .346574, .693147}};
        for (int i = 0; i < 3; i++) {
            assertThat(alpha[i]).containsExactly(expected[i], within(TOL));
        }
        assertThat(view.heads(m1(1), o)).isEqualTo(1);
    }

    @Test
    void allDirectionsIsTheMinMaxOfTheirSumAndCbDropsTheDecay() {
        double[][] all = numbers(panel(view.render(m1(1), ViewOptions.defaults()), "matrix").tables().get(""));
        assertThat(all[2]).containsExactly(new double[] {.25, .5, 1}, within(TOL));

        double[][] cb = numbers(panel(view.render(m1(1), ViewOptions.defaults().with("direction", "0").with("mode", "cb")),
                "matrix").tables().get(""));
        assertThat(cb[2]).containsExactly(new double[] {1, 1, 1}, within(TOL));
        assertThat(cb[0]).containsExactly(new double[] {1, 0, 0}, within(TOL));
    }

    @Test
    void theReversedDirectionReadsTheMapBackwardsAndAClickOnItsMatrixPicksThatPosition() {
        // K = 2: direction 1 scans cells 2, 1, 0, so cell (0,0) is its last position and sees all three
        ViewOptions o = ViewOptions.defaults().withQuery(0, 0).with("direction", "1");
        List<Panel> panels = view.render(m1(2), o);
        assertThat(numbers(panel(panels, "hidden").tables().get(""))[0])
                .containsExactly(new double[] {.693147, .346574, .173287}, within(TOL));

        Panel matrix = panel(panels, "matrix");
        Point2D row0 = centre(((MatrixFigure) matrix.figure()).cellBounds(0, 0));
        assertThat(matrix.picker().queryAt(row0.getX(), row0.getY())).contains(new Cell(0, 2));
    }

    @Test
    void theScanOrdersPutVMambasDirectionsBackInRowMajorOrder() {
        // views-exact §4, M2: H = W = 2, a one-hot α at (q=1, k=0)
        ScanOrder order = new ScanOrder(4, 2, 2);
        float[] hot = new float[16];
        hot[1 * 4 + 0] = 1;
        float[] d1 = order.toRowMajor(1, hot, 4);
        assertThat(d1[2 * 4 + 0]).isEqualTo(1f);
        float[] d2 = order.toRowMajor(2, hot, 4);
        assertThat(d2[2 * 4 + 3]).isEqualTo(1f);
        assertThat(order.cell(3, 0)).isEqualTo(3);
        for (int k = 0; k < 4; k++) {
            for (int p = 0; p < 4; p++) {
                assertThat(order.cell(k, order.position(k, p))).isEqualTo(p);
            }
        }
    }

    @Test
    void aScanLongerThanTheMatrixLimitShowsOnlyTheHiddenMap() {
        int side = 21;
        int len = side * side;
        Bundle b = bundle().mamba("m", filled(0.1f, 1, 1, 1, len), filled(-1f, 1, 1, 1), filled(1f, 1, 1, 1, len),
                filled(1f, 1, 1, 1, len), side, side).build();
        assertThat(view.render(b, ViewOptions.defaults())).extracting(Panel::name).containsExactly("hidden");
    }

    @Test
    void optionsAreOfferedForTheFamiliesTheBundleHolds() {
        assertThat(view.options(r2Vit())).extracting(OptionSpec::key).containsExactly("fusion", "discard", "compat", "cls");
        assertThat(view.options(m1(1))).extracting(OptionSpec::key).containsExactly("direction", "mode");
        assertThat(view.options(focal())).isEmpty();
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndWhatIsAllowed() {
        ViewOptions o = ViewOptions.defaults();
        assertThatThrownBy(() -> view.render(r2Vit(), o.with("fusion", "avg")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fusion").hasMessageContaining("mean, max or min");
        assertThatThrownBy(() -> view.render(r2Vit(), o.with("discard", "1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discard").hasMessageContaining("0.99");
        assertThatThrownBy(() -> view.render(r2Vit(), o.with("compat", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compat");
        assertThatThrownBy(() -> view.render(m1(1), o.with("direction", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direction").hasMessageContaining("nall");
        assertThatThrownBy(() -> view.render(m1(1), o.with("direction", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m1 scans 1 direction");
        assertThatThrownBy(() -> view.render(m1(1), o.with("mode", "fast")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
        assertThatThrownBy(() -> view.render(r2Vit(), o.withQuery(2, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2×2 grid of block1");
        assertThatThrownBy(() -> view.render(r2Vit(), o.withHead(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head 1").hasMessageContaining("1 heads");
        assertThatThrownBy(() -> view.render(r2Vit(), o.withLayer("block9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block9").hasMessageContaining("block1");
        assertThatThrownBy(() -> view.render(r2Vit(), o.withImage(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image position 1");
        assertThatThrownBy(() -> view.render(Bundle.builder("attention").build(), o))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no layers");
    }

    @Test
    void aLayerIsFoundByItsNameNodeOrOpPath() {
        Bundle b = bundle().vit("b1", oneHead(uniform(5)), 1, 2, 16).vit("b2", oneHead(R2), 1, 2, 16).build();
        List<AttentionBundle.Layer> layers = AttentionBundle.layers(b);
        assertThat(AttentionView.layer(b, layers, "b2.attn").name()).isEqualTo("b2");
        assertThat(AttentionView.layer(b, layers, "b1").family()).isEqualTo(AttentionBundle.Family.VIT);
        assertThat(AttentionView.layer(b, layers, null).name()).isEqualTo("b2");
    }

    @Test
    void everyPanelOfEveryFamilyDrawsAPngOverTheImage(@TempDir Path dir) throws Exception {
        FloatTensor image = filled(0.5f, 1, 1, 8, 8);
        Bundle vit = bundle().vit("b1", oneHead(R2), 1, 2, 16).images(image).build();
        Bundle sw = bundle().swin("s1", swin().tensor("layer0.attention"), 8, 8, 4, 2).images(image).build();
        Bundle fo = bundle().focal("f1", FloatTensor.of(new float[] {5, 1, 2, 3}, 1, 2, 2),
                filled(0.3f, 1, 3, 2, 2), filled(0.5f, 3, 3), filled(-0.25f, 5, 5)).images(image).build();
        float ln2 = (float) Math.log(2);
        Bundle ma = bundle().mamba("m1", filled(ln2, 1, 4, 2, 16), filled(-1f, 4, 2, 3), filled(0.5f, 1, 4, 3, 16),
                filled(1f, 1, 4, 3, 16), 4, 4).images(image).build();
        int files = 0;
        for (Bundle b : List.of(vit, sw, fo, ma)) {
            for (String direction : List.of("all", "nall", "2")) {
                for (Panel p : view.render(b, ViewOptions.defaults().withOpacity(0.4).with("direction", direction))) {
                    Path png = dir.resolve(b.strings(AttentionBundle.LAYERS).get(0) + "-" + direction + "-" + p.name() + ".png");
                    Png.write(p.figure(), png);
                    BufferedImage read = ImageIO.read(png.toFile());
                    assertThat(read.getWidth()).isEqualTo(p.figure().width());
                    assertThat(read.getHeight()).isEqualTo(p.figure().height());
                    files++;
                }
            }
        }
        assertThat(files).isEqualTo(3 * (4 + 1 + 3 + 2));
        try (var list = Files.list(dir)) {
            assertThat(list.count()).isEqualTo(files);
        }
        assertThat(view.images(ma)).isEqualTo(1);
        Optional<Cell> none = Optional.empty();
        assertThat(view.render(fo, ViewOptions.defaults()).get(0).picker().queryAt(10, 10)).isEqualTo(none);
    }

    static void assertMap(Panel p, double[][] expected) {
        double[][] m = numbers(p.tables().get(""));
        assertThat(m.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(m[i]).containsExactly(expected[i], within(TOL));
        }
    }
}

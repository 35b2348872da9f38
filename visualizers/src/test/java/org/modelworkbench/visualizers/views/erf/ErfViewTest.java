package org.modelworkbench.visualizers.views.erf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.render.HeatmapFigure;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

class ErfViewTest {
    private final ErfView view = new ErfView();

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** views-exact §7's planted gradient: 1/25 on the centred 5×5 of 28×28; a 7-pixel theoretical field. */
    static Bundle planted(boolean global) {
        float[] g = new float[28 * 28];
        for (int r = 12; r <= 16; r++) {
            for (int c = 12; c <= 16; c++) {
                g[r * 28 + c] = 1f / 25;
            }
        }
        return Bundle.builder("erf").meta(ErfView.TARGET, "stage3").meta(ErfView.METHOD, "replknet")
                .meta(ErfView.COUNT, 32).meta(ErfView.SKIPPED, 0).meta(ErfView.OUTPUT_HEIGHT, 7)
                .meta(ErfView.OUTPUT_WIDTH, 7).meta(ErfView.FIELD_SIZE, 7).meta(ErfView.FIELD_JUMP, 4)
                .meta(ErfView.FIELD_START, 1.5).meta(ErfView.FIELD_GLOBAL, global)
                .tensor(ErfView.MEAN_GRADIENT, FloatTensor.of(g, 28, 28)).build();
    }

    @Test
    void theAreaRatiosOfTheCentredFiveByFiveAreThoseOfSectionSeven() {
        assertThat(Views.of("erf")).isInstanceOf(ErfView.class);
        List<Panel> panels = view.render(planted(false), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name).containsExactly("erf", "erf-cumulative");
        List<String> rows = panels.get(0).tables().get("ratios").text().lines().toList();
        assertThat(rows.get(0)).isEqualTo("threshold,side,area_ratio");
        int[] sides = {3, 3, 5, 5};
        double[] ratios = {0.011480, 0.011480, 0.031888, 0.031888};
        for (int i = 0; i < 4; i++) {
            String[] cells = rows.get(i + 1).split(",");
            assertThat(Integer.parseInt(cells[1])).isEqualTo(sides[i]);
            assertThat(Double.parseDouble(cells[2])).isCloseTo(ratios[i], org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(panels.get(0).caption()).contains("20 %: 3 px").contains("theoretical field 7×7 px");
        // the display map: log10(1/25 + 1) / max = 1 inside the square, 0 outside
        String map = panels.get(0).tables().get("").text();
        assertThat(map.lines().skip(15).findFirst().orElseThrow()).startsWith("14,0.0,");
    }

    @Test
    void theTheoreticalFieldIsOutlinedAroundTheCentreUnitAndLeftOutWhenGlobal() {
        // centre unit 3: centre 1.5 + 3·4 = 13.5, so pixels 10.5 … 16.5 rounded: 11 … 17
        assertThat(ErfView.first(1.5, 4, 7, 3)).isEqualTo(11);
        HeatmapFigure a = (HeatmapFigure) view.render(planted(false), ViewOptions.defaults()).get(0).figure();
        HeatmapFigure b = (HeatmapFigure) view.render(planted(true), ViewOptions.defaults()).get(0).figure();
        assertThat(a.mapBounds()).isEqualTo(b.mapBounds());
        BufferedImage framed = a.render();
        BufferedImage open = b.render();
        java.awt.Rectangle m = a.mapBounds();
        java.awt.geom.Rectangle2D unit = a.cellBounds(11, 11);
        assertThat(framed.getRGB((int) unit.getX() + 1, (int) unit.getCenterY())).isNotEqualTo(
                open.getRGB((int) unit.getX() + 1, (int) unit.getCenterY()));
        boolean differs = false;
        for (int y = m.y + 1; y < m.y + m.height - 1 && !differs; y++) {
            for (int x = m.x + 1; x < m.x + m.width - 1 && !differs; x++) {
                differs = framed.getRGB(x, y) != open.getRGB(x, y);
            }
        }
        assertThat(differs).as("the outline is drawn").isTrue();
        assertThat(view.render(planted(true), ViewOptions.defaults()).get(0).caption()).contains("whole image");
    }

    @Test
    void theCumulativeCurveReachesOneOnceTheSquareHoldsTheWholeGradient() {
        Panel curve = view.render(planted(false), ViewOptions.defaults()).get(1);
        String csv = curve.tables().get("").text();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("series,x,y");
        assertThat(csv).contains("raw mean gradient,5.0,1.0").contains("raw mean gradient,3.0,0.36")
                .contains("theoretical field side,7.0,");
        assertThat(curve.caption()).contains("Workbench extension");
    }
}

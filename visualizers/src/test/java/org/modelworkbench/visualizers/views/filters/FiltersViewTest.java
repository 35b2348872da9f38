package org.modelworkbench.visualizers.views.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.filters.DogTemplates;
import org.modelworkbench.visualizers.render.MatrixFigure;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

class FiltersViewTest {
    private final FiltersView view = new FiltersView();

    /** 7 DoG-family templates (7×7, σ₁ = 1) and 3 checkerboards: 70% named (views-exact.md §5). */
    static FloatTensor plantedDepthwise() {
        DogTemplates t = DogTemplates.of(7);
        float[] v = new float[10 * 49];
        DogTemplates.Template[] shapes = {DogTemplates.Template.DOG, DogTemplates.Template.DX, DogTemplates.Template.DY,
            DogTemplates.Template.DXX, DogTemplates.Template.DYY, DogTemplates.Template.DXY, DogTemplates.Template.D_DIAGONAL};
        for (int i = 0; i < 7; i++) {
            System.arraycopy(t.template(shapes[i], 2).values(), 0, v, i * 49, 49);
        }
        for (int i = 7; i < 10; i++) {
            for (int k = 0; k < 49; k++) {
                v[i * 49 + k] = ((k / 7 + k % 7) % 2 == 0 ? 1 : -1) * (i - 6);
            }
        }
        return FloatTensor.of(v, 10, 1, 7, 7);
    }

    static FloatTensor randomConv(int out, int in, int k, long seed) {
        Random r = new Random(seed);
        float[] v = new float[out * in * k * k];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return FloatTensor.of(v, out, in, k, k);
    }

    static Bundle bundle() {
        return Bundle.builder("filters")
                .meta(FilterData.LAYERS, List.of("stem.conv", "block1.dw"))
                .meta(FilterData.LAYER_TYPES, List.of("conv.conv2d", "conv.depthwise"))
                .meta(FilterData.NODE, "block1.dw")
                .tensor(FilterData.weight("stem.conv"), randomConv(6, 2, 3, 1))
                .tensor(FilterData.weight("block1.dw"), plantedDepthwise())
                .build();
    }

    @Test
    void theViewIsRegisteredAndListsTheBundlesLayers() {
        assertThat(Views.of("filters")).isInstanceOf(FiltersView.class);
        assertThat(view.layers(bundle())).containsExactly("stem.conv", "block1.dw");
        assertThat(view.options(bundle())).extracting(o -> o.key()).containsExactly("k", "tau");
    }

    @Test
    void thePanelsOfTheDefaultLayerRenderWithTheirTables() {
        List<Panel> panels = view.render(bundle(), ViewOptions.defaults());

        assertThat(panels).extracting(Panel::name)
                .containsExactly("clusters", "mosaic", "shapes", "shapes-by-layer", "kernel-spectrum");
        for (Panel p : panels) {
            assertThat(p.figure().render().getWidth()).as(p.name()).isPositive();
            assertThat(p.caption()).as(p.name()).isNotBlank();
            assertThat(p.tables()).as(p.name()).containsKey("");
        }
        assertThat(panels.get(0).caption()).contains("10 kernels of 7×7").contains("Dead kernels");
        assertThat(panels.get(2).caption()).contains("Workbench definition").contains("30% of this layer's 10 kernels");
    }

    @Test
    void thePerKernelTableHasOneRowPerKernelWithItsNameAndFlags() {
        Panel clusters = view.render(bundle(), ViewOptions.defaults()).get(0);
        String csv = clusters.tables().get("kernels").text();
        List<String> lines = csv.lines().toList();

        assertThat(lines.get(0)).isEqualTo("index,out,in,norm,dead,duplicate,cluster,name,score");
        assertThat(lines).hasSize(11);
        assertThat(lines.get(1)).startsWith("0,0,0,").contains(",+DoG,");
        assertThat(lines.get(8)).contains(",unassigned,");
        // checkerboards 7, 8, 9 are the same kernel up to scale: duplicates
        assertThat(lines.get(9).split(",")[5]).isEqualTo("true");
        assertThat(lines.get(1).split(",")[5]).isEqualTo("false");
    }

    @Test
    void theShapeShareTableOfTheLayerMatchesThePlantedSeventyPercent() {
        Panel shapes = view.render(bundle(), ViewOptions.defaults()).get(2);
        List<String> lines = shapes.tables().get("").text().lines().toList();

        assertThat(lines.get(0)).isEqualTo("shape,count,share,meanScore");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("+DoG,1,0.1,"));
        assertThat(lines.get(lines.size() - 1)).startsWith("unassigned,3,0.3,");
    }

    @Test
    void aClickOnAColumnOfTheShapesByLayerTableSelectsThatLayer() {
        Panel byLayer = view.render(bundle(), ViewOptions.defaults()).get(3);
        MatrixFigure fig = (MatrixFigure) byLayer.figure();
        var cell = fig.cellBounds(0, 1);

        assertThat(byLayer.picker().nodeAt(cell.getCenterX(), cell.getCenterY())).contains("block1.dw");
        Rectangle m = fig.matrixBounds();
        assertThat(byLayer.picker().nodeAt(m.x - 20, m.y - 20)).isEmpty();
        assertThat(byLayer.tables().get("").text().lines().findFirst().orElseThrow())
                .isEqualTo("shape,stem.conv,block1.dw");
    }

    @Test
    void aGivenKMakesThatManyClustersAndANodeIdSelectsItsFirstConvolution() {
        Panel clusters = view.render(bundle(), ViewOptions.defaults().withLayer("stem").with("k", "3")).get(0);

        assertThat(clusters.caption()).contains("k = 3 given").contains("12 kernels of 3×3");
        assertThat(clusters.tables().get("kernels").text()).contains(",c3,").doesNotContain(",c4,");
    }

    @Test
    void badOptionsAndLayersAreRefusedNamingThem() {
        assertThatThrownBy(() -> view.render(bundle(), ViewOptions.defaults().with("k", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> view.render(bundle(), ViewOptions.defaults().with("tau", "1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tau'");
        assertThatThrownBy(() -> view.render(bundle(), ViewOptions.defaults().with("k", "two")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'two'");
        assertThatThrownBy(() -> view.render(bundle(), ViewOptions.defaults().withLayer("head.fc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head.fc").hasMessageContaining("stem.conv");
    }
}

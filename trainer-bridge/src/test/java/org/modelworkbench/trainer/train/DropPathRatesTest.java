package org.modelworkbench.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.compile.DesignCompiler;

class DropPathRatesTest {
    static final BlockLibrary LIBRARY = BlockLibrary.standard();

    @Test
    void ratesRiseLinearlyFromZeroToTheMaximumOverTheBlocksInDepthOrderLikeTimm() throws Exception {
        Design convnext = Templates.load("convnext-fmnist");
        String before = DesignWriter.toJson(convnext);

        Design trained = DropPathRates.apply(convnext, 0.2, LIBRARY);

        List<String> blocks = DropPathRates.blocks(convnext, LIBRARY);
        assertThat(blocks).containsExactly("stage1_block1", "stage1_block2", "stage2_block1", "stage2_block2",
                "stage2_block3");
        double[] expected = {0, 0.05, 0.1, 0.15, 0.2}; // torch.linspace(0, 0.2, 5)
        for (int i = 0; i < blocks.size(); i++) {
            Object rate = trained.node(blocks.get(i)).orElseThrow().params().get(DropPathRates.PARAM);
            assertThat((Double) rate).as(blocks.get(i)).isCloseTo(expected[i], within(1e-12));
        }
        assertThat(DesignWriter.toJson(convnext)).as("the user's design is untouched").isEqualTo(before);
    }

    @Test
    void theCompiledDesignGainsDropPathOpsButNoParameters() throws Exception {
        Design convnext = Templates.load("convnext-fmnist");
        Shape input = Shape.of(2, 1, 28, 28);
        var plain = new DesignCompiler(LIBRARY).flatten(convnext, input);
        var dropping = new DesignCompiler(LIBRARY).flatten(DropPathRates.apply(convnext, 0.1, LIBRARY), input);

        long plainDrops = plain.ops().stream().filter(o -> o.type().id().equals("regularization.drop_path")).count();
        long drops = dropping.ops().stream().filter(o -> o.type().id().equals("regularization.drop_path")).count();
        assertThat(plainDrops).isZero();
        assertThat(drops).as("every block but the first (rate 0) gets its drop-path branch").isEqualTo(4);
        assertThat(dropping.staticParams()).isEqualTo(plain.staticParams());
    }

    @Test
    void aZeroRateKeepsTheDesignsOwnRates() throws Exception {
        Design convnext = Templates.load("convnext-fmnist");
        assertThat(DropPathRates.apply(convnext, 0, LIBRARY)).isSameAs(convnext);
    }
}

package org.modelworkbench.blocks.resnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.innerIds;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class ResNetBlocksTest {

    // ---------------------------------------------------------------- basic block

    @Test
    void basicBlockWithIdentityShortcutAt64ChannelsHas73984ParametersAnd231MMacs() throws Exception {
        Evaluation e = evaluate(ResNetBlocks.BASIC_BLOCK, Map.of("out_channels", 64), Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 64, 56, 56));
        // 9·64·64 + 9·64² + 4·64
        assertThat(e.params()).isEqualTo(73_984);
        // 56²·(9·64·64 + 9·64²)
        assertThat(e.macs()).isEqualTo(231_211_008L);
        assertThat(innerIds(ResNetBlocks.BASIC_BLOCK, Map.of("out_channels", 64), Shape.of(1, 64, 56, 56)))
                .doesNotContain("downsample_conv", "downsample_bn");
    }

    @Test
    void stridedBasicBlockProjectsTheShortcutAndHalvesTheMap() throws Exception {
        Map<String, Object> p = Map.of("out_channels", 128, "stride", 2);
        Evaluation e = evaluate(ResNetBlocks.BASIC_BLOCK, p, Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 128, 28, 28));
        // 9·64·128 + 9·128² + 4·128 + (64·128 + 2·128)
        assertThat(e.params()).isEqualTo(230_144);
        // 28²·(9·64·128 + 9·128² + 64·128)
        assertThat(e.macs()).isEqualTo(179_830_784L);
        assertThat(innerIds(ResNetBlocks.BASIC_BLOCK, p, Shape.of(1, 64, 56, 56)))
                .contains("downsample_conv", "downsample_bn");
    }

    @Test
    void basicBlockProjectsTheShortcutWhenOnlyTheWidthChanges() throws Exception {
        Evaluation e = evaluate(ResNetBlocks.BASIC_BLOCK, Map.of("out_channels", 64), Shape.of(2, 32, 8, 8));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 64, 8, 8));
        // 9·32·64 + 9·64² + 4·64 + 32·64 + 2·64
        assertThat(e.params()).isEqualTo(57_728);
        // batch 2 × 8²·(9·32·64 + 9·64² + 32·64)
        assertThat(e.macs()).isEqualTo(2L * 3_670_016L);
    }

    @Test
    void basicBlockOnAnOddMapRoundsTheStridedSizeUp() throws Exception {
        Evaluation e = evaluate(ResNetBlocks.BASIC_BLOCK, Map.of("out_channels", 32, "stride", 2), Shape.of(1, 16, 7, 7));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 32, 4, 4));
    }

    @Test
    void basicBlockRejectsAnInputThatIsNotAnImageMap() {
        assertThatThrownBy(() -> evaluate(ResNetBlocks.BASIC_BLOCK, Map.of(), Shape.of(1, 196, 64)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expects a 4-D tensor")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    @Test
    void basicBlockRejectsAStrideBeyondItsRange() {
        assertThatThrownBy(() -> ResNetBlocks.BASIC_BLOCK.resolve(Map.of("stride", 0)))
                .hasMessageContaining("stride");
    }

    // ---------------------------------------------------------------- bottleneck

    @Test
    void resNet50FirstBottleneckHas75008Parameters() throws Exception {
        Evaluation e = evaluate(ResNetBlocks.BOTTLENECK, Map.of("planes", 64), Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 256, 56, 56));
        assertThat(e.params()).isEqualTo(75_008);
        // 56²·(64·64 + 9·64² + 64·256 + 64·256)
        assertThat(e.macs()).isEqualTo(231_211_008L);
    }

    @Test
    void bottleneckWithIdentityShortcutHas70400Parameters() throws Exception {
        Evaluation e = evaluate(ResNetBlocks.BOTTLENECK, Map.of("planes", 64), Shape.of(1, 256, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 256, 56, 56));
        // 256·64 + 9·64² + 64·256 + 4·64 + 2·256
        assertThat(e.params()).isEqualTo(70_400);
        assertThat(e.macs()).isEqualTo(3136L * (16_384 + 36_864 + 16_384));
        assertThat(innerIds(ResNetBlocks.BOTTLENECK, Map.of("planes", 64), Shape.of(1, 256, 56, 56)))
                .containsExactly("conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "conv3", "bn3", "add", "relu");
    }

    @Test
    void stridedBottleneckRunsItsFirst1x1AtTheInputResolution() throws Exception {
        Evaluation e = evaluate(ResNetBlocks.BOTTLENECK, Map.of("planes", 128, "stride", 2), Shape.of(1, 256, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 512, 28, 28));
        // 256·128 + 9·128² + 128·512 + 4·128 + 2·512 + (256·512 + 2·512)
        assertThat(e.params()).isEqualTo(379_392);
        // 56²·256·128 + 28²·(9·128² + 128·512 + 256·512)
        assertThat(e.macs()).isEqualTo(102_760_448L + 269_746_176L);
    }

    @Test
    void resNeXtBottleneckWith32GroupsOfWidth4Has63488Parameters() throws Exception {
        Map<String, Object> p = Map.of("planes", 64, "groups", 32, "base_width", 4);
        Evaluation e = evaluate(ResNetBlocks.BOTTLENECK, p, Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 256, 56, 56));
        // w = ⌊64·4/64⌋·32 = 128: 64·128 + 9·128²/32 + 128·256 + 4·128 + 2·256 + 64·256 + 2·256
        assertThat(e.params()).isEqualTo(63_488);
        assertThat(e.macs()).isEqualTo(3136L * (8_192 + 4_608 + 32_768 + 16_384));
    }

    @Test
    void wideBottleneckDoublesTheInnerWidth() throws Exception {
        Evaluation e = evaluate(ResNetBlocks.BOTTLENECK, Map.of("planes", 64, "base_width", 128), Shape.of(1, 64, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 256, 56, 56));
        // w = 128: 64·128 + 9·128² + 128·256 + 4·128 + 2·256 + 64·256 + 2·256
        assertThat(e.params()).isEqualTo(206_336);
    }

    @Test
    void bottleneckWithExpansion1KeepsPlanesChannels() throws Exception {
        Evaluation e = evaluate(ResNetBlocks.BOTTLENECK, Map.of("planes", 32, "expansion", 1), Shape.of(1, 32, 10, 10));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 32, 10, 10));
        // 32·32 + 9·32² + 32·32 + 4·32 + 2·32, identity shortcut
        assertThat(e.params()).isEqualTo(11_456);
    }

    @Test
    void innerWidthFollowsTorchvisionsFormula() {
        assertThat(ResNetBlocks.innerWidth(64, 64, 1)).isEqualTo(64);
        assertThat(ResNetBlocks.innerWidth(256, 4, 32)).isEqualTo(512);
        assertThat(ResNetBlocks.innerWidth(128, 8, 32)).isEqualTo(512);
        assertThat(ResNetBlocks.innerWidth(512, 128, 1)).isEqualTo(1024);
        assertThat(ResNetBlocks.innerWidth(10, 6, 1)).isZero();
    }

    /** ResNet-50, ResNeXt-50 32×4d and Wide ResNet-50-2 summed block by block, with the stem and the FC head. */
    private static long bottleneckNetworkParams(int groups, int baseWidth) throws Exception {
        long params = 64 * 3 * 49 + 2 * 64;                       // stem conv7×7 + BN
        int[] depths = {3, 4, 6, 3};
        int cin = 64;
        int size = 56;
        for (int stage = 0; stage < 4; stage++) {
            int planes = 64 << stage;
            for (int b = 0; b < depths[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                Evaluation e = evaluate(ResNetBlocks.BOTTLENECK,
                        Map.of("planes", planes, "stride", stride, "groups", groups, "base_width", baseWidth),
                        Shape.of(1, cin, size, size));
                params += e.params();
                cin = e.outputs().get(0).dim(1);
                size = e.outputs().get(0).dim(2);
            }
        }
        return params + 2048L * 1000 + 1000;                     // FC
    }

    @Test
    void bottlenecksReproduceResNet50ResNeXt50AndWideResNet50Totals() throws Exception {
        assertThat(bottleneckNetworkParams(1, 64)).isEqualTo(25_557_032L);    // torchvision resnet50
        assertThat(bottleneckNetworkParams(32, 4)).isEqualTo(25_028_904L);    // torchvision resnext50_32x4d
        assertThat(bottleneckNetworkParams(1, 128)).isEqualTo(68_883_240L);   // torchvision wide_resnet50_2
    }

    @Test
    void bottleneckRejectsAnInnerWidthOfZero() {
        assertThatThrownBy(() -> evaluate(ResNetBlocks.BOTTLENECK, Map.of("planes", 10, "base_width", 6),
                Shape.of(1, 64, 8, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("planes = 10 and base_width = 6")
                .hasMessageContaining("inner width");
    }

    @Test
    void bottleneckRejectsGroupsBeyondTheirRange() {
        assertThatThrownBy(() -> ResNetBlocks.BOTTLENECK.resolve(Map.of("groups", 0)))
                .hasMessageContaining("groups");
    }

    @Test
    void bottleneckRejectsAnInputThatIsNotAnImageMap() {
        assertThatThrownBy(() -> evaluate(ResNetBlocks.BOTTLENECK, Map.of(), Shape.of(1, 64)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expects a 4-D tensor");
    }

    @Test
    void bothBlocksAreInTheStandardLibrary() {
        assertThat(BlockLibrary.standard().ids()).contains("resnet.basic_block", "resnet.bottleneck");
        assertThat(ResNetBlocks.BOTTLENECK.description()).contains("ResNeXt", "Wide ResNet");
    }
}

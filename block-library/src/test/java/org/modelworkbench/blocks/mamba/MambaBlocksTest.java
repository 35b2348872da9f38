package org.modelworkbench.blocks.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.modelworkbench.blocks.BlockFixtures.evaluate;
import static org.modelworkbench.blocks.BlockFixtures.innerIds;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.graph.BlockGraph;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.graph.CompositeBlockType;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.ShapeException;

class MambaBlocksTest {

    private static final Shape STAGE1 = Shape.of(1, 56, 56, 96);
    private static final Shape STAGE2 = Shape.of(1, 28, 28, 192);

    // ---------------------------------------------------------------- cross-scan

    @Test
    void crossScanTurnsA56x56MapIntoFourSequencesOf3136() throws Exception {
        Evaluation e = evaluate(MambaBlocks.CROSS_SCAN, Map.of(), Shape.of(2, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 4, 96, 3136));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
    }

    @Test
    void crossScanWithTwoDirectionsGivesTwoSequences() throws Exception {
        assertThat(evaluate(MambaBlocks.CROSS_SCAN, Map.of("directions", 2), Shape.of(1, 8, 4, 6)).outputs())
                .containsExactly(Shape.of(1, 2, 8, 24));
    }

    @Test
    void crossScanRejectsThreeDirections() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.CROSS_SCAN, Map.of("directions", 3), Shape.of(1, 8, 4, 6)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("directions = 3");
    }

    @Test
    void crossScanRejectsAChannelsLastTokenTensor() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.CROSS_SCAN, Map.of(), Shape.of(1, 3136, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---------------------------------------------------------------- selective scan

    @Test
    void selectiveScanOfVmambaStage1Has6528ParametersAnd21676032Macs() throws Exception {
        // K·D·(2R+3N+2) = 4·96·17; MACs T·K·D·((R+2N) + R + (3N+1)) = 3136·384·(8 + 6 + 4)
        Evaluation e = evaluate(MambaBlocks.SELECTIVE_SCAN, Map.of("d_state", 1, "dt_rank", 6), Shape.of(1, 4, 96, 3136));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 4, 96, 3136));
        assertThat(e.params()).isEqualTo(6_528L);
        assertThat(e.macs()).isEqualTo(21_676_032L);
    }

    @Test
    void selectiveScanAtD384R12Has44544ParametersAndCountsTheWholeBatch() throws Exception {
        // 4·384·(24+3+2) = 44,544; MACs 784·1536·(14 + 12 + 4) = 36,126,720 per image, ×3 images
        Evaluation e = evaluate(MambaBlocks.SELECTIVE_SCAN, Map.of("d_state", 1, "dt_rank", 12), Shape.of(3, 4, 384, 784));
        assertThat(e.params()).isEqualTo(44_544L);
        assertThat(e.macs()).isEqualTo(3 * 36_126_720L);
    }

    @Test
    void selectiveScanWithStateSize16UsesThreeMacsPerState() throws Exception {
        // K=1, D=10, T=5, R=2, N=16: params 10·(4+48+2) = 540; MACs 5·10·((2+32) + 2 + 49) = 4,250
        Evaluation e = evaluate(MambaBlocks.SELECTIVE_SCAN, Map.of("d_state", 16, "dt_rank", 2), Shape.of(1, 1, 10, 5));
        assertThat(e.params()).isEqualTo(540L);
        assertThat(e.macs()).isEqualTo(4_250L);
    }

    @Test
    void selectiveScanRejectsAMapThatWasNotCrossScanned() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.SELECTIVE_SCAN, Map.of(), Shape.of(1, 96, 3136)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D tensor N×K×D×T");
    }

    @Test
    void selectiveScanRejectsAZeroDtRank() {
        assertThatThrownBy(() -> MambaBlocks.SELECTIVE_SCAN.resolve(Map.of("dt_rank", 0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("dt_rank");
    }

    // ---------------------------------------------------------------- cross-merge

    private static Evaluation merge(Shape y, Shape like) throws Exception {
        return MambaBlocks.CROSS_MERGE.evaluate(List.of(y, like), MambaBlocks.CROSS_MERGE.defaults());
    }

    @Test
    void crossMergeFoldsTheSequencesBackIntoAChannelsLastMap() throws Exception {
        Evaluation e = merge(Shape.of(2, 4, 96, 3136), Shape.of(2, 96, 56, 56));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 56, 56, 96));
        assertThat(e.params()).isZero();
        assertThat(e.macs()).isZero();
    }

    @Test
    void crossMergeTakesHeightAndWidthFromTheScannedMap() throws Exception {
        assertThat(merge(Shape.of(1, 4, 8, 24), Shape.of(1, 8, 4, 6)).outputs()).containsExactly(Shape.of(1, 4, 6, 8));
    }

    @Test
    void crossMergeRejectsAMapOfAnotherSize() {
        assertThatThrownBy(() -> merge(Shape.of(1, 4, 96, 3136), Shape.of(1, 96, 55, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("the 55×56 map has 3080 positions but the scanned sequences have T = 3136")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("like"));
    }

    @Test
    void crossMergeRejectsAMapWithOtherChannels() {
        assertThatThrownBy(() -> merge(Shape.of(1, 4, 96, 3136), Shape.of(1, 192, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("batch and channels must match");
    }

    @Test
    void crossMergeRejectsThreeDirectionsAndWrongRanks() {
        assertThatThrownBy(() -> merge(Shape.of(1, 3, 96, 3136), Shape.of(1, 96, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("K = 3")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("y"));
        assertThatThrownBy(() -> merge(Shape.of(4, 96, 3136), Shape.of(1, 96, 56, 56)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D");
        assertThatThrownBy(() -> merge(Shape.of(1, 4, 96, 3136), Shape.of(1, 3136, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("like"));
    }

    // ---------------------------------------------------------------- causal conv1d

    @Test
    void causalConv1dHasKTapsAndABiasPerChannel() throws Exception {
        // 1536·4 + 1536 = 7,680; MACs 2·100·1536·4 = 1,228,800
        Evaluation e = evaluate(MambaBlocks.CAUSAL_CONV1D, Map.of(), Shape.of(2, 1536, 100));
        assertThat(e.outputs()).containsExactly(Shape.of(2, 1536, 100));
        assertThat(e.params()).isEqualTo(7_680L);
        assertThat(e.macs()).isEqualTo(1_228_800L);
        assertThat(evaluate(MambaBlocks.CAUSAL_CONV1D, Map.of("bias", false), Shape.of(2, 1536, 100)).params())
                .isEqualTo(6_144L);
    }

    @Test
    void causalConv1dRejectsAnImage() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.CAUSAL_CONV1D, Map.of(), Shape.of(1, 3, 8, 8)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("3-D");
    }

    // ---------------------------------------------------------------- SS2D

    @Test
    void ss2dOfVmambaTinyStage1Has26016ParametersAnd82188288Macs() throws Exception {
        // 2·C·D + 9D + K·D·(2R+3N+2) + 2D = 18,432 + 864 + 6,528 + 192
        // MACs 3136·(2·96·96 + 9·96 + 2·4·96·(6+1) + 4·96·4) = 3136·(18,432 + 864 + 5,376 + 1,536)
        Evaluation e = evaluate(MambaBlocks.SS2D, Map.of(), STAGE1);
        assertThat(e.outputs()).containsExactly(STAGE1);
        assertThat(e.params()).isEqualTo(26_016L);
        assertThat(e.macs()).isEqualTo(82_188_288L);
    }

    @Test
    void ss2dAtC192WithSsmRatio2Has196224ParametersAnd154441728Macs() throws Exception {
        // D = 384, R = 12: 147,456 + 3,456 + 4·384·29 = 44,544 + 768 = 196,224
        // MACs 784·(147,456 + 3,456 + 2·4·384·13 = 39,936 + 4·384·4 = 6,144) = 784·196,992
        Evaluation e = evaluate(MambaBlocks.SS2D, Map.of("ssm_ratio", 2.0), STAGE2);
        assertThat(e.outputs()).containsExactly(STAGE2);
        assertThat(e.params()).isEqualTo(196_224L);
        assertThat(e.macs()).isEqualTo(154_441_728L);
    }

    @Test
    void ss2dTakesTheAutoDtRankFromTheInputWidthNotFromD() throws Exception {
        BlockGraph g = ((CompositeBlockType) MambaBlocks.SS2D).expand(List.of(STAGE2),
                MambaBlocks.SS2D.resolve(Map.of("ssm_ratio", 2.0)));
        BlockGraph.Node scan = g.nodes().stream().filter(n -> n.id().equals("selective_scan")).findFirst().orElseThrow();
        assertThat(scan.params().integer("dt_rank")).isEqualTo(12);
        assertThat(scan.params().integer("d_state")).isEqualTo(1);
    }

    @Test
    void ss2dWithAnExplicitDtRankAndStateSizeFollowsTheFormula() throws Exception {
        // C = D = 64, R = 8, N = 4: 8,192 + 576 + 4·64·(16+12+2) = 7,680 + 128 = 16,576
        // MACs 2·16·(8,192 + 576 + 2·4·64·12 = 6,144 + 4·64·13 = 3,328) = 32·18,240
        Evaluation e = evaluate(MambaBlocks.SS2D, Map.of("dt_rank", 8, "d_state", 4), Shape.of(2, 4, 4, 64));
        assertThat(e.params()).isEqualTo(16_576L);
        assertThat(e.macs()).isEqualTo(583_680L);
    }

    @Test
    void ss2dInsideReadsLikeVmamba() throws Exception {
        assertThat(innerIds(MambaBlocks.SS2D, Map.of(), STAGE1)).containsExactly("in_proj", "to_channels_first",
                "conv2d", "act", "cross_scan", "selective_scan", "cross_merge", "out_norm", "out_proj");
    }

    @Test
    void ss2dWithoutConvDropsTheNineDWeights() throws Exception {
        // 26,016 − 9·96; MACs 82,188,288 − 3136·864
        Evaluation e = evaluate(MambaBlocks.SS2D, Map.of("conv_kernel", 1), STAGE1);
        assertThat(e.params()).isEqualTo(25_152L);
        assertThat(e.macs()).isEqualTo(79_478_784L);
        assertThat(innerIds(MambaBlocks.SS2D, Map.of("conv_kernel", 0), STAGE1)).doesNotContain("conv2d");
    }

    @Test
    void ss2dWithZGateDoublesTheInputProjection() throws Exception {
        // + C·D = 9,216 params and 3136·9,216 MACs
        Evaluation e = evaluate(MambaBlocks.SS2D, Map.of("z_gate", true), STAGE1);
        assertThat(e.outputs()).containsExactly(STAGE1);
        assertThat(e.params()).isEqualTo(35_232L);
        assertThat(e.macs()).isEqualTo(111_089_664L);
        assertThat(innerIds(MambaBlocks.SS2D, Map.of("z_gate", true), STAGE1)).contains("split_xz", "z_act", "gate");
    }

    @Test
    void ss2dRejectsAnEvenConvKernel() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.SS2D, Map.of("conv_kernel", 4), STAGE1))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("conv_kernel = 4 must be odd");
    }

    @Test
    void ss2dRejectsARatioThatLeavesNoChannels() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.SS2D, Map.of("ssm_ratio", 0.01), Shape.of(1, 8, 8, 32)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("ssm_ratio = 0.01 gives no scanned channels for the width 32");
    }

    @Test
    void ss2dRejectsTokensAndChannelsFirstMapsOfTheWrongRank() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.SS2D, Map.of(), Shape.of(1, 3136, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D tensor N×H×W×C")
                .satisfies(t -> assertThat(((ShapeException) t).port()).isEqualTo("x"));
    }

    // ---------------------------------------------------------------- VSS block

    @Test
    void vssBlockOfVmambaTinyStage1Has100608ParametersAnd313399296Macs() throws Exception {
        // Params SS2D 26,016 + 4C (two LNs) 384 + 8C² 73,728 + 5C 480 = 100,608 (blocks-exact §8.3 check).
        // MACs 3136·(2·C·D + 9D + 2·K·D·(R+N) + K·D·(3N+1) + 8C²) = 3136·(26,208 + 73,728) = 3136·99,936
        Evaluation e = evaluate(MambaBlocks.VSS_BLOCK, Map.of(), STAGE1);
        assertThat(e.outputs()).containsExactly(STAGE1);
        assertThat(e.params()).isEqualTo(100_608L);
        assertThat(e.macs()).isEqualTo(313_399_296L);
    }

    @Test
    void vssBlockOfVmambaTinyStage2Has394752Parameters() throws Exception {
        // C = D = 192, R = 12: SS2D 73,728 + 1,728 + 4·192·29 = 22,272 + 384 = 98,112; + 768 + 294,912 + 960
        // MACs 784·(73,728 + 1,728 + 2·4·192·13 = 19,968 + 4·192·4 = 3,072 + 294,912) = 784·393,408
        Evaluation e = evaluate(MambaBlocks.VSS_BLOCK, Map.of(), STAGE2);
        assertThat(e.params()).isEqualTo(394_752L);
        assertThat(e.macs()).isEqualTo(308_431_872L);
    }

    @Test
    void vssBlockAtC192WithSsmRatio2Has492864ParametersAnd385652736Macs() throws Exception {
        // SS2D 196,224 + 768 + 294,912 + 960; MACs 154,441,728 + 784·294,912
        Evaluation e = evaluate(MambaBlocks.VSS_BLOCK, Map.of("ssm_ratio", 2.0), STAGE2);
        assertThat(e.outputs()).containsExactly(STAGE2);
        assertThat(e.params()).isEqualTo(492_864L);
        assertThat(e.macs()).isEqualTo(385_652_736L);
    }

    @Test
    void vssBlockInsideReadsLikeThePaperWithDropPathOnlyWhenAsked() throws Exception {
        assertThat(innerIds(MambaBlocks.VSS_BLOCK, Map.of(), STAGE1))
                .containsExactly("norm", "op", "add1", "norm2", "mlp", "add2");
        assertThat(innerIds(MambaBlocks.VSS_BLOCK, Map.of("drop_path", 0.1), STAGE1))
                .containsExactly("norm", "op", "drop_path1", "add1", "norm2", "mlp", "drop_path2", "add2");
        assertThat(evaluate(MambaBlocks.VSS_BLOCK, Map.of("drop_path", 0.1), STAGE1).params()).isEqualTo(100_608L);
    }

    @Test
    void vssBlockWithoutMlpIsTheSs2dBranchAlone() throws Exception {
        // SS2D 26,016 + LN 192
        Evaluation e = evaluate(MambaBlocks.VSS_BLOCK, Map.of("mlp_ratio", 0.0), STAGE1);
        assertThat(e.params()).isEqualTo(26_208L);
        assertThat(e.macs()).isEqualTo(82_188_288L);
        assertThat(innerIds(MambaBlocks.VSS_BLOCK, Map.of("ssm_ratio", 0.0), STAGE1))
                .containsExactly("norm2", "mlp", "add2");
    }

    @Test
    void vssBlockRejectsBothBranchesOff() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.VSS_BLOCK, Map.of("ssm_ratio", 0.0, "mlp_ratio", 0.0), STAGE1))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("ssm_ratio and mlp_ratio are both 0");
    }

    @Test
    void vssBlockReportsAnInnerProblemByTheInnerNode() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.VSS_BLOCK, Map.of("conv_kernel", 2), STAGE1))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("in op")
                .hasMessageContaining("conv_kernel = 2 must be odd");
    }

    @Test
    void vssBlockRejectsTokens() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.VSS_BLOCK, Map.of(), Shape.of(1, 3136, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D");
    }

    // ---------------------------------------------------------------- stem and downsample

    @Test
    void stemOfVmambaTinyHas43200ParametersAnd146313216Macs() throws Exception {
        // conv 3→48 3×3/2: 1,296 + 48; LN 96; conv 48→96 3×3/2: 41,472 + 96; LN 192
        // MACs 112²·48·27 + 56²·96·432 = 16,257,024 + 130,056,192
        Evaluation e = evaluate(MambaBlocks.STEM, Map.of(), Shape.of(1, 3, 224, 224));
        assertThat(e.outputs()).containsExactly(STAGE1);
        assertThat(e.params()).isEqualTo(43_200L);
        assertThat(e.macs()).isEqualTo(146_313_216L);
        assertThat(evaluate(MambaBlocks.STEM, Map.of("output", "channels_first"), Shape.of(1, 3, 224, 224)).outputs())
                .containsExactly(Shape.of(1, 96, 56, 56));
    }

    @Test
    void stemRejectsAnOddWidthOrPatch() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.STEM, Map.of("embed_dim", 95), Shape.of(1, 3, 224, 224)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("embed_dim = 95 must be even");
        assertThatThrownBy(() -> evaluate(MambaBlocks.STEM, Map.of("patch", 3), Shape.of(1, 3, 224, 224)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("patch = 3 must be even");
    }

    @Test
    void downsampleV3HalvesTheMapAndDoublesTheWidth() throws Exception {
        // 192·96·9 + 192 + 384 = 166,464; MACs 784·192·864 = 130,056,192
        Evaluation e = evaluate(MambaBlocks.DOWNSAMPLE, Map.of(), STAGE1);
        assertThat(e.outputs()).containsExactly(STAGE2);
        assertThat(e.params()).isEqualTo(166_464L);
        assertThat(e.macs()).isEqualTo(130_056_192L);
    }

    @Test
    void downsampleV2UsesATwoByTwoConv() throws Exception {
        // 192·96·4 + 192 + 384 = 74,304; MACs 784·192·384 = 57,802,752
        Evaluation e = evaluate(MambaBlocks.DOWNSAMPLE, Map.of("version", "v2"), STAGE1);
        assertThat(e.outputs()).containsExactly(STAGE2);
        assertThat(e.params()).isEqualTo(74_304L);
        assertThat(e.macs()).isEqualTo(57_802_752L);
    }

    @Test
    void downsampleRejectsAChannelsFirstTokenTensor() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.DOWNSAMPLE, Map.of(), Shape.of(1, 3136, 96)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("4-D");
    }

    // ---------------------------------------------------------------- Mamba mixer (1-D)

    @Test
    void mambaBlockOfMamba130mHas3770880Parameters() throws Exception {
        // C = 768, D = 1536, R = 48, N = 16: in_proj 2,359,296 + conv 7,680 + x_proj 122,880 + dt_proj 75,264
        // + A_log 24,576 + D 1,536 + out_proj 1,179,648
        // MACs per token 3·768·1536 + 1536·4 + 2·1536·64 + 1536·49 = 3,816,960
        Evaluation e = evaluate(MambaBlocks.MAMBA_BLOCK, Map.of(), Shape.of(1, 1024, 768));
        assertThat(e.outputs()).containsExactly(Shape.of(1, 1024, 768));
        assertThat(e.params()).isEqualTo(3_770_880L);
        assertThat(e.macs()).isEqualTo(3_908_567_040L);
    }

    @Test
    void mambaBlockAtC64FollowsTheFormula() throws Exception {
        // D = 128, R = 4, N = 16: 3·64·128 + 128·4 + 128 + 128·(8+48+2) = 24,576 + 640 + 7,424
        // MACs 100·(24,576 + 512 + 2·128·20 + 128·49) = 100·36,480
        Evaluation e = evaluate(MambaBlocks.MAMBA_BLOCK, Map.of(), Shape.of(1, 100, 64));
        assertThat(e.params()).isEqualTo(32_640L);
        assertThat(e.macs()).isEqualTo(3_648_000L);
    }

    @Test
    void mambaBlockInsideReadsLikeMambaSimple() throws Exception {
        assertThat(innerIds(MambaBlocks.MAMBA_BLOCK, Map.of(), Shape.of(1, 100, 64))).containsExactly("in_proj",
                "to_channels_first", "split_xz", "conv1d", "act", "one_direction", "selective_scan", "sequence", "z_act",
                "gate", "to_tokens", "out_proj");
    }

    @Test
    void mambaBlockRejectsAMap() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.MAMBA_BLOCK, Map.of(), STAGE1))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("3-D tensor N×T×C");
    }

    @Test
    void mambaBlockRejectsAnExpandThatLeavesNoChannels() {
        assertThatThrownBy(() -> evaluate(MambaBlocks.MAMBA_BLOCK, Map.of("expand", 0.05), Shape.of(1, 10, 16)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expand = 0.05 gives no inner channels");
    }

    // ---------------------------------------------------------------- library

    @Test
    void everyBlockIsInTheMambaCategoryAndInTheStandardLibrary() {
        BlockLibrary lib = BlockLibrary.standard();
        for (BlockType t : MambaBlocks.ALL) {
            assertThat(t.category()).isEqualTo(Category.MAMBA);
            assertThat(t.id()).startsWith("mamba.");
            assertThat(lib.find(t.id())).contains(t);
            assertThat(t.description()).isNotBlank();
        }
    }
}

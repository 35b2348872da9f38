package org.modelworkbench.trainer.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.engine.TestEngine;

class MeasuredProfilerTest {
    /** Measured once for the tests that only read it (a measurement takes a few seconds). */
    static MeasuredProfile resnet;
    static List<Double> fractions = new ArrayList<>();

    @BeforeAll
    static void measureTheResNetOnce() throws Exception {
        TestEngine.start();
        ProfileOptions options = ProfileOptions.DEFAULT.withBatch(2).withBatches(List.of(1, 2)).withRepeats(5, 2);
        resnet = new MeasuredProfiler(options).measure(Templates.load("resnet-fmnist"),
                (fraction, stage) -> fractions.add(fraction));
    }

    @Test
    void everyTopLevelNodeThatRunsOpsGetsPositiveForwardAndForwardBackwardTimes() {
        assertThat(resnet.input()).isEqualTo("2x1x28x28");
        assertThat(resnet.nodes()).extracting(NodeProfile::nodeId).startsWith("input", "stem_conv", "stem_bn")
                .contains("stage2_block1", "head");
        NodeProfile input = resnet.node("input").orElseThrow();
        assertThat(input.ops()).isZero();
        assertThat(input.forward()).isNull();
        for (NodeProfile n : resnet.nodes()) {
            if (n.ops() > 0) {
                assertThat(n.forward().medianMs()).as(n.nodeId()).isPositive();
                assertThat(n.forward().p10Ms()).as(n.nodeId()).isLessThanOrEqualTo(n.forward().medianMs());
                assertThat(n.forward().p90Ms()).as(n.nodeId()).isGreaterThanOrEqualTo(n.forward().medianMs());
                assertThat(n.forward().samples()).isEqualTo(5);
                assertThat(n.forwardBackward().medianMs()).as(n.nodeId()).isPositive();
                assertThat(n.isolatedForward().medianMs()).as(n.nodeId()).isPositive();
            }
        }
        // A basic block is a composite: its convolutions, norms, activations and the residual add are its ops.
        assertThat(resnet.node("stage1_block1").orElseThrow().ops()).isGreaterThanOrEqualTo(6);
        assertThat(resnet.node("stem_conv").orElseThrow().ops()).isEqualTo(1);
    }

    @Test
    void theNodesForwardTimesAddUpToTheWholeForwardWithinASaneFactor() {
        // Ops are timed inside the forwards they belong to: they cover most of each forward, never more.
        assertThat(resnet.forwardCoverage()).isBetween(0.3, 1.0);
        // Against the plain forwards run in between. This shared 2-core host swings 3x from run to run
        // (node medians and whole-run medians do not swing alike), so the band only catches gross
        // errors such as a unit mix-up; the figures above are the precise check.
        double sum = resnet.nodes().stream().filter(NodeProfile::measured).mapToDouble(n -> n.forward().medianMs()).sum();
        assertThat(sum / resnet.forward().medianMs()).isBetween(0.1, 10.0);
        double isolated = resnet.nodes().stream().filter(NodeProfile::measured)
                .mapToDouble(n -> n.forwardBackward().medianMs()).sum();
        assertThat(isolated / resnet.forwardBackward().medianMs()).isBetween(0.05, 20.0);
        assertThat(resnet.forwardBackwardCoverage()).isCloseTo(isolated / resnet.forwardBackward().medianMs(), within(1e-9));
        double shares = resnet.nodes().stream().mapToDouble(NodeProfile::forwardShare).sum();
        assertThat(shares).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void achievedGmacPerSecondIsTheStaticMacsAtTheMeasuredBatchOverTheForwardTime() throws Exception {
        DesignAnalysis analysis = DesignAnalyzer.analyze(Templates.load("resnet-fmnist"),
                new AnalysisOptions(Shape.of(2, 1, 28, 28)));
        assertThat(resnet.macs()).isEqualTo(analysis.totals().macs());
        for (NodeProfile n : resnet.nodes()) {
            assertThat(n.macs()).as(n.nodeId()).isEqualTo(analysis.node(n.nodeId()).macs());
            if (n.measured()) {
                assertThat(n.gmacPerSecond()).as(n.nodeId())
                        .isCloseTo(n.macs() / (n.forward().medianMs() * 1e6), within(1e-9));
            }
        }
        assertThat(resnet.node("stem_bn").orElseThrow().gmacPerSecond()).isZero();
        assertThat(resnet.forwardGmacPerSecond()).isCloseTo(resnet.macs() / (resnet.forward().medianMs() * 1e6),
                within(1e-9));
    }

    @Test
    void aNodeIsFlaggedSlowExactlyWhenItsShareOfTimeIsLargeAndFarAboveItsShareOfMacs() {
        for (NodeProfile n : resnet.nodes()) {
            boolean expected = n.measured() && n.forwardShare() >= 0.05 && n.forwardShare() >= 2 * n.macShare();
            assertThat(n.slow()).as(n.nodeId()).isEqualTo(expected);
            assertThat(n.slowReason() != null).as(n.nodeId()).isEqualTo(expected);
        }
    }

    @Test
    void theThroughputTableHasARowPerBatchSizeWithImagesPerSecondFromTheMedian() {
        assertThat(resnet.batches()).extracting(BatchProfile::batch).containsExactly(1, 2);
        for (BatchProfile b : resnet.batches()) {
            assertThat(b.measured()).isTrue();
            assertThat(b.forwardImagesPerSecond()).isCloseTo(b.batch() * 1000 / b.forward().medianMs(), within(1e-9));
            assertThat(b.trainingImagesPerSecond())
                    .isCloseTo(b.batch() * 1000 / b.forwardBackward().medianMs(), within(1e-9));
            assertThat(b.peakRssBytes()).isPositive();
            assertThat(b.stepMemoryBytes()).isNotNull().isNotNegative();
        }
        assertThat(resnet.batches().get(0).macs() * 2).isEqualTo(resnet.batches().get(1).macs());
        assertThat(resnet.memoryMethod()).isNotBlank();
        assertThat(resnet.host().threads()).isPositive();
        assertThat(resnet.host().engine()).startsWith("PyTorch");
    }

    @Test
    void progressRisesFromZeroToOne() {
        assertThat(fractions).isNotEmpty().isSortedAccordingTo(Double::compare);
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
        assertThat(fractions).allMatch(f -> f >= 0 && f <= 1);
    }

    @Test
    void theProfileSurvivesAJsonRoundTrip() throws Exception {
        String json = ProfileJson.write(resnet);
        assertThat(json).contains("\"nodes\"", "\"batches\"", "\"gmacPerSecond\"");
        assertThat(ProfileJson.read(json)).isEqualTo(resnet);
    }

    @Test
    void everyOpOfTheCompiledModelIsCountedInExactlyOneTopLevelNode() throws Exception {
        var program = new DesignCompiler().flatten(Templates.load("resnet-fmnist"), Shape.of(2, 1, 28, 28));
        assertThat(resnet.nodes().stream().mapToInt(NodeProfile::ops).sum()).isEqualTo(program.ops().size());
        int[] nodeOf = MeasuredProfiler.nodeOfEachOp(program, resnet.nodes().stream().map(NodeProfile::nodeId).toList());
        assertThat(nodeOf).doesNotContain(-1);
    }

    @Test
    void aBatchSizeThatWouldRunTooLongIsSkippedWithANoteAndTheOthersAreStillMeasured() throws Exception {
        ProfileOptions options = ProfileOptions.DEFAULT.withBatch(1).withBatches(List.of(1, 64)).withRepeats(1, 0)
                .withMaxSecondsPerBatch(1e-6);
        MeasuredProfile p = new MeasuredProfiler(options).measure(Templates.load("resnet-fmnist"), ProfileProgress.NONE);
        assertThat(p.batches()).extracting(BatchProfile::batch).containsExactly(1, 64);
        assertThat(p.batches().get(0).measured()).isTrue();
        BatchProfile skipped = p.batches().get(1);
        assertThat(skipped.measured()).isFalse();
        assertThat(skipped.skipped()).startsWith("would take about");
        assertThat(skipped.forward()).isNull();
        assertThat(skipped.macs()).isEqualTo(64 * p.batches().get(0).macs());
        assertThat(p.notes()).anyMatch(n -> n.startsWith("batch 64 skipped: would take about"));
    }

    @Test
    void aCancelledMeasurementStopsBeforeItsNextRun() {
        ProfileOptions options = ProfileOptions.DEFAULT.withBatch(2).withBatches(List.of(2)).withRepeats(1000, 0);
        MeasuredProfiler profiler = new MeasuredProfiler(options);
        List<String> stages = new ArrayList<>();
        long start = System.nanoTime();
        assertThatThrownBy(() -> profiler.measure(Templates.load("resnet-fmnist"), (fraction, stage) -> {
            stages.add(stage);
            profiler.cancel();
        })).isInstanceOf(CancellationException.class);
        assertThat(stages).hasSize(1);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    @Test
    void aDesignWithProblemsIsRefusedWithTheProblemBeforeAnythingRuns() throws Exception {
        Design design = Templates.load("resnet-fmnist");
        design.disconnect(design.incoming("stem_bn").values().iterator().next());
        assertThatThrownBy(() -> new MeasuredProfiler(ProfileOptions.DEFAULT).measure(design, ProfileProgress.NONE))
                .isInstanceOf(DesignCompileException.class).hasMessageContaining("stem_bn");
    }
}

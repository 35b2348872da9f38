package org.modelworkbench.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.engine.TestEngine;

/**
 * Every block type, with its default parameters, on the first small input it accepts: channels-first,
 * channels-last, tokens, a channels-first sequence, a vector or scan sequences, at a few widths and
 * sizes. Templates use only some parameters of some blocks; this reaches the rest (Mamba's 1-D
 * block, padding, sin-cos positions, the MobileNet and ResNet variants …).
 */
class EveryBlockTypeRunsTest {
    private static final int BATCH = 2;

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    /** The tensor the block gets, made from an N×C×H×W image; returns the port that carries it. */
    private static String prepare(DesignBuilder b, String layout, int channels, int size) {
        String x = b.input("in", channels, size, size);
        return switch (layout) {
            case "nhwc" -> b.add("prep", "tensor.permute", Map.of("dims", List.of(0, 2, 3, 1)), x);
            case "tokens" -> b.add("prep2", "tensor.permute", Map.of("dims", List.of(0, 2, 1)),
                    b.add("prep", "tensor.flatten", Map.of("start_dim", 2), x));
            case "ncl" -> b.add("prep", "tensor.flatten", Map.of("start_dim", 2), x);
            case "vector" -> b.add("prep", "pool.global_avg", Map.of(), x);
            case "scan" -> b.add("prep", "mamba.cross_scan", Map.of(), x);
            default -> x;
        };
    }

    private static Design candidate(BlockType type, String layout, int channels, int size) {
        DesignBuilder b = new DesignBuilder(type.id());
        String x = prepare(b, layout, channels, size);
        int inputs = type.inputs(type.defaults()).size();
        String[] sources = Collections.nCopies(inputs, x).toArray(String[]::new);
        if (type.id().equals("mamba.cross_merge")) { // the scanned sequences and the map they came from
            sources = new String[] {b.add("scan", "mamba.cross_scan", Map.of(), x), x};
        }
        b.add("block", type.id(), Map.of(), sources);
        return b.build();
    }

    @Test
    void everyBlockTypeWithItsDefaultsRunsAtTheFirstInputItAcceptsWithTheAnalysedParamsAndShapes() throws Exception {
        List<String> notExercised = new ArrayList<>();
        for (BlockType type : BlockLibrary.standard().types()) {
            if (type.id().equals("io.image_input")) {
                continue;
            }
            Design fit = null;
            search:
            for (String layout : List.of("nchw", "nhwc", "tokens", "ncl", "vector", "scan")) {
                for (int channels : List.of(48, 64, 96, 144)) {
                    for (int size : List.of(28, 32)) {
                        Design d = candidate(type, layout, channels, size);
                        DesignAnalysis a = DesignAnalyzer.analyze(d, new AnalysisOptions(Shape.of(BATCH, channels, size, size)));
                        if (!a.hasProblems()) {
                            fit = d;
                            break search;
                        }
                    }
                }
            }
            if (fit == null) {
                notExercised.add(type.id());
                continue;
            }
            Map<String, Object> image = fit.node("in").orElseThrow().params();
            Shape input = Shape.of(BATCH, (Integer) image.get("channels"), (Integer) image.get("height"),
                    (Integer) image.get("width"));
            long params = DesignAnalyzer.analyze(fit, new AnalysisOptions(input)).totals().params();
            CompiledDesign model = new DesignCompiler().compile(fit, input);
            try (NDManager manager = NDManager.newBaseManager()) {
                model.initialize(manager);
                assertThat(model.trainableParameterCount()).as(type.id()).isEqualTo(params);
                NDList out = model.block().forward(new ParameterStore(manager, false),
                        new NDList(manager.randomNormal(model.inputShapes()[0])), true);
                for (int i = 0; i < out.size(); i++) {
                    long[] dims = Arrays.stream(model.program().outputShapes().get(i).dims()).asLongStream().toArray();
                    assertThat(out.get(i).getShape().getShape()).as(type.id()).containsExactly(dims);
                }
            }
        }
        assertThat(notExercised).as("block types no candidate input fits").isEmpty();
    }
}

package org.modelworkbench.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;
import org.modelworkbench.trainer.engine.TestEngine;

class UserCompositeCompilationTest {

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    /** in (1×4×8×8) → user.Pair (conv 3×3 4→4, ReLU) → user.Pair: two copies of the inside, own parameters. */
    static Design twoPairs() {
        List<BlockType> types = new ArrayList<>(BlockLibrary.standard().types());
        types.addAll(BoundaryBlocks.ALL);
        DesignBuilder inside = new DesignBuilder("Pair", new BlockLibrary(types));
        String x = inside.add("x", BoundaryBlocks.INPUT_ID, Map.of("shape", List.of(1, 4, 8, 8)));
        String y = inside.add("conv", "conv.conv2d", Map.of("out_channels", 4), x);
        y = inside.add("act", "activation.relu", Map.of(), y);
        inside.add("y", BoundaryBlocks.OUTPUT_ID, Map.of(), y);

        DesignBuilder outer = new DesignBuilder("outer");
        outer.input("in", 4, 8, 8);
        Design design = outer.build();
        design.putComposite(new CompositeDefinition("Pair", inside.build(), List.of("x"), List.of("y")));
        design.addNode(new Node("first", "user.Pair", Map.of(), 0, 100));
        design.addNode(new Node("second", "user.Pair", Map.of(), 0, 200));
        design.connect(new Edge(new PortRef("in", "y"), new PortRef("first", "x")));
        design.connect(new Edge(new PortRef("first", "y"), new PortRef("second", "x")));
        return design;
    }

    @Test
    void aUserCompositeCompilesToItsInsideOncePerUseWithTheAnalysedParameterCount() throws Exception {
        Design design = twoPairs();
        assertThat(DesignAnalyzer.analyze(design).problems()).isEmpty();
        CompiledDesign model = new DesignCompiler().compile(design, null);

        assertThat(model.program().ops()).extracting(Op::path)
                .containsExactly("first.conv", "first.act", "second.conv", "second.act");
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initialize(manager);
            assertThat(model.trainableParameterCount()).isEqualTo(2 * (4 * 4 * 9 + 4))
                    .isEqualTo(DesignAnalyzer.analyze(design).totals().params());
            NDList out = model.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.ones(new ai.djl.ndarray.types.Shape(3, 4, 8, 8))), false);
            assertThat(out.singletonOrThrow().getShape().getShape()).containsExactly(3, 4, 8, 8);
        }
        assertThat(model.program().outputNames()).containsExactly("second.y");
    }
}

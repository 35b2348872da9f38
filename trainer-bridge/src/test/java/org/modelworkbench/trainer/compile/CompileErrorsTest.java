package org.modelworkbench.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockSpec;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PrimitiveBlockType;
import org.modelworkbench.projects.design.DesignBuilder;

/** What the compiler says when it cannot compile; none of this needs the engine. */
class CompileErrorsTest {

    @Test
    void aDesignTheAnalysisFindsWrongIsRefusedNamingTheFirstProblemAndCountingTheRest() {
        DesignBuilder b = new DesignBuilder("broken");
        String x = b.input("in", 3, 28, 28);
        String conv = b.add("conv", "conv.conv2d", Map.of("out_channels", 8), x);
        b.add("sum", "merge.add", Map.of(), x, conv); // 3 channels + 8 channels
        b.add("sum2", "merge.add", Map.of(), conv, x); // 8 channels + 3 channels

        assertThatThrownBy(() -> new DesignCompiler().compile(b.build(), null))
                .isInstanceOf(DesignCompileException.class)
                .hasMessageStartingWith("the design cannot be compiled: node 'sum', input 'b': ")
                .hasMessageEndingWith("(and 1 more problem)");
    }

    @Test
    void aDesignWithoutAnImageInputIsRefused() {
        assertThatThrownBy(() -> new DesignCompiler().compile(new DesignBuilder("empty").build(), null))
                .isInstanceOf(DesignCompileException.class).hasMessageContaining("no image input");
    }

    @Test
    void aPrimitiveWithoutAKernelIsRefusedNamingItsTypeAndNode() {
        BlockType mystery = new PrimitiveBlockType(
                BlockSpec.builder("test.mystery", "Mystery", Category.ACTIVATION).input("x", "any").output("y", "any").build(),
                (in, p) -> Evaluation.of(in.get(0), 0, 0));
        List<BlockType> types = new ArrayList<>(BlockLibrary.standard().types());
        types.add(mystery);
        BlockLibrary library = new BlockLibrary(types);
        DesignBuilder b = new DesignBuilder("odd", library);
        b.add("odd", "test.mystery", Map.of(), b.input("in", 1, 4, 4));

        assertThatThrownBy(() -> new DesignCompiler(library).compile(b.build(), null))
                .isInstanceOfSatisfying(UnsupportedBlockException.class, e -> {
                    assertThat(e.blockType()).isEqualTo("test.mystery");
                    assertThat(e.nodeId()).isEqualTo("odd");
                })
                .hasMessage("block type 'test.mystery' (node 'odd') has no DJL implementation yet");
    }

    @Test
    void everyPrimitiveOfTheLibraryHasAKernelSoNoBlockTypeIsStillUnsupported() {
        List<String> primitives = BlockLibrary.standard().types().stream()
                .filter(t -> !t.isComposite()).map(BlockType::id)
                .filter(id -> !id.equals("io.image_input")) // the model's input, not an op
                .toList();
        List<String> unsupported = primitives.stream().filter(id -> !Kernels.supports(id)).toList();

        assertThat(unsupported).as("primitives without a DJL kernel").isEmpty();
        assertThat(Kernels.supported()).as("kernels of types the library no longer has")
                .containsExactlyInAnyOrderElementsOf(primitives);
    }
}

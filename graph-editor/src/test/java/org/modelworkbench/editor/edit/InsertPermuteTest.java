package org.modelworkbench.editor.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.editor.command.CommandStack;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.Problem;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;

/** The quick fix of a layout mismatch is one undoable edit that inserts the right permute. */
class InsertPermuteTest {

    private static Design vssOnChannelsFirst() {
        DesignBuilder b = new DesignBuilder("stem feeding VSS");
        String x = b.input("input", 3, 64, 64);
        x = b.add("stem", "mamba.stem", Map.of("embed_dim", 32, "output", "channels_first"), x);
        b.add("block", "mamba.vss_block", Map.of(), x);
        return b.build();
    }

    @Test
    void theFixInsertsAPermuteOnTheWireAndTheDesignIsValidAfterwards() {
        Design d = vssOnChannelsFirst();
        Problem p = DesignAnalyzer.analyze(d).problems().get(0);
        assertThat(p.fix().description()).isEqualTo("Insert a permute [0, 2, 3, 1] (NCHW → NHWC) before block");

        InsertPermute fix = new InsertPermute(d, p.fix());
        CommandStack stack = new CommandStack();
        stack.execute(fix);

        var a = DesignAnalyzer.analyze(d);
        assertThat(a.problems()).isEmpty();
        assertThat(fix.permuteId()).isEqualTo("to_nhwc");
        assertThat(d.node("to_nhwc").orElseThrow().params()).containsEntry("dims", List.of(0, 2, 3, 1));
        assertThat(a.node("to_nhwc").outputLayouts()).containsExactly(Layout.NHWC);
        assertThat(d.incoming("block").get("x").from().node()).isEqualTo("to_nhwc");
        assertThat(stack.undoDescriptionProperty().get()).isEqualTo(p.fix().description());
    }

    @Test
    void undoRestoresTheOriginalWireAndRedoTheSamePermute() {
        Design d = vssOnChannelsFirst();
        List<String> before = d.edges().stream().map(Object::toString).toList();
        CommandStack stack = new CommandStack();
        stack.execute(new InsertPermute(d, DesignAnalyzer.analyze(d).problems().get(0).fix()));

        stack.undo();
        assertThat(d.node("to_nhwc")).isEmpty();
        assertThat(d.edges().stream().map(Object::toString).toList()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(DesignAnalyzer.analyze(d).problems()).hasSize(1);

        stack.redo();
        assertThat(d.node("to_nhwc")).isPresent();
        assertThat(DesignAnalyzer.analyze(d).problems()).isEmpty();
    }
}

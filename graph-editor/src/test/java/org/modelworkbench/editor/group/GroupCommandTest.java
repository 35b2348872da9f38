package org.modelworkbench.editor.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.analysis.Totals;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.templates.Templates;

class GroupCommandTest {

    private static EditorModel residualModel() {
        return new EditorModel(GroupFixtures.residual());
    }

    @Test
    void groupingIsOneUndoStepThatUndoAndRedoTakeBackAndReplayExactly() {
        EditorModel m = residualModel();
        String before = DesignWriter.toJson(m.design());
        Totals totals = m.analysis().totals();
        m.selection().addAll(GroupFixtures.UNIT);

        String node = CompositeActions.group(m, "ResidualUnit");
        String grouped = DesignWriter.toJson(m.design());

        assertThat(node).isEqualTo("residual_unit");
        assertThat(m.selection()).containsExactly("residual_unit");
        assertThat(m.commands().undoDescriptionProperty().get()).isEqualTo("Group 5 blocks as ResidualUnit");
        assertThat(m.design().composites()).containsOnlyKeys("ResidualUnit");
        assertThat(m.analysis().problems()).isEmpty();
        assertThat(m.analysis().totals()).isEqualTo(totals);

        m.undo();
        assertThat(DesignWriter.toJson(m.design())).isEqualTo(before);
        assertThat(m.commands().canUndoProperty().get()).isFalse();
        m.redo();
        assertThat(DesignWriter.toJson(m.design())).isEqualTo(grouped);
        assertThat(m.analysis().totals()).isEqualTo(totals);
    }

    @Test
    void groupThenUngroupRestoresTheDesignAndBothUndoAsSingleSteps() {
        EditorModel m = residualModel();
        Design original = GroupFixtures.residual();
        String before = DesignWriter.toJson(m.design());
        m.selection().addAll(GroupFixtures.UNIT);
        String node = CompositeActions.group(m, "ResidualUnit");
        String grouped = DesignWriter.toJson(m.design());

        List<String> inlined = CompositeActions.ungroup(m, node);
        assertThat(inlined).containsExactlyInAnyOrderElementsOf(GroupFixtures.UNIT);
        assertThat(m.selection()).containsExactlyInAnyOrderElementsOf(GroupFixtures.UNIT);
        assertThat(m.commands().undoDescriptionProperty().get()).isEqualTo("Ungroup residual_unit");
        assertThat(new HashSet<>(m.design().nodes())).isEqualTo(new HashSet<>(original.nodes()));
        assertThat(new HashSet<>(m.design().edges())).isEqualTo(new HashSet<>(original.edges()));
        assertThat(m.design().composites()).isEmpty();

        m.undo(); // the ungroup
        assertThat(DesignWriter.toJson(m.design())).isEqualTo(grouped);
        m.undo(); // the group
        assertThat(DesignWriter.toJson(m.design())).isEqualTo(before);
        m.redo();
        m.redo();
        assertThat(new HashSet<>(m.design().nodes())).isEqualTo(new HashSet<>(original.nodes()));
        assertThat(m.analysis().totals()).isEqualTo(new EditorModel(original).analysis().totals());
    }

    @Test
    void aRefusedGroupChangesNothingAndSaysWhy() {
        EditorModel m = residualModel();
        m.selection().addAll(List.of("conv1", "add"));
        assertThat(CompositeActions.canGroup(m, "Gap")).hasValueSatisfying(r -> assertThat(r).contains("'bn1'"));
        assertThatThrownBy(() -> CompositeActions.group(m, "Gap")).isInstanceOf(IllegalArgumentException.class);
        assertThat(m.commands().canUndoProperty().get()).isFalse();
        assertThat(m.selection()).containsExactlyInAnyOrder("conv1", "add");
    }

    @Test
    void suggestedNamesAreFree() {
        EditorModel m = residualModel();
        assertThat(CompositeActions.suggestName(m)).isEqualTo("Block1");
        m.selection().add("relu2");
        CompositeActions.group(m, CompositeActions.suggestName(m));
        assertThat(CompositeActions.suggestName(m)).isEqualTo("Block2");
    }

    @Test
    void aLibraryBlockCanBeUngroupedIntoItsLayersAsOneStep() throws Exception {
        EditorModel m = new EditorModel(Templates.load("resnet-fmnist"));
        Totals totals = m.analysis().totals();
        assertThat(CompositeActions.isComposite(m, "stage2_block1")).isTrue();
        assertThat(CompositeActions.isUserComposite(m, "stage2_block1")).isFalse();

        List<String> inlined = CompositeActions.ungroup(m, "stage2_block1");
        assertThat(inlined).contains("downsample_conv", "downsample_bn", "conv1", "add");
        assertThat(m.analysis().problems()).isEmpty();
        assertThat(m.analysis().totals().params()).isEqualTo(totals.params());
        assertThat(m.analysis().totals().macs()).isEqualTo(totals.macs());
        m.undo();
        assertThat(m.design().node("stage2_block1")).isPresent();
        assertThat(m.design().node("downsample_conv")).isEmpty();
    }

    @Test
    void userCompositeNodesAreResolvedByTheModel() {
        EditorModel m = residualModel();
        m.selection().addAll(GroupFixtures.UNIT);
        String node = CompositeActions.group(m, "ResidualUnit");
        assertThat(m.typeOf(node)).hasValueSatisfying(t -> {
            assertThat(t.id()).isEqualTo("user.ResidualUnit");
            assertThat(t.isComposite()).isTrue();
        });
        // the palette's "My blocks" can add another one
        String second = m.addNode("user.ResidualUnit", 0, 600);
        assertThat(m.typeOf(second)).isPresent();
    }
}

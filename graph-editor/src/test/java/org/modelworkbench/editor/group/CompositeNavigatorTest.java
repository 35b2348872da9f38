package org.modelworkbench.editor.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.templates.Templates;

class CompositeNavigatorTest {

    private static EditorModel grouped() {
        EditorModel m = new EditorModel(GroupFixtures.residual());
        m.selection().addAll(GroupFixtures.UNIT);
        CompositeActions.group(m, "ResidualUnit");
        m.commands().markSaved();
        return m;
    }

    @Test
    void openingAUserCompositeShowsAnEditableModelOverItsDefinition() {
        EditorModel root = grouped();
        CompositeNavigator nav = new CompositeNavigator(root);
        CompositeNavigator.Level level = nav.open("residual_unit");

        assertThat(nav.path()).hasSize(2);
        assertThat(nav.current()).isSameAs(level);
        assertThat(level.title()).isEqualTo("ResidualUnit (residual_unit)");
        assertThat(nav.isReadOnly()).isFalse();
        EditorModel inside = nav.currentModel();
        assertThat(inside.design()).isSameAs(root.design().composites().get("ResidualUnit").inside());
        assertThat(inside.commands()).isSameAs(root.commands());
        assertThat(inside.analysis().problems()).isEmpty();
        assertThat(inside.analysis().node("relu2").output("y")).isEqualTo(Shape.of(1, 8, 16, 16));
    }

    @Test
    void editsInsideChangeTheOuterAnalysisMakeTheDocumentDirtyAndUndoWithTheRest() throws Exception {
        EditorModel root = grouped();
        long params = root.analysis().totals().params();
        CompositeNavigator nav = new CompositeNavigator(root);
        EditorModel inside = nav.open("residual_unit").model();

        inside.setParameter("conv1", "bias", true);
        assertThat(root.analysis().totals().params()).isEqualTo(params + 8);
        assertThat(root.analysis().node("residual_unit").params()).isEqualTo(8 * 8 * 9 + 8 + 16);
        assertThat(root.commands().dirtyProperty().get()).isTrue();
        assertThat(root.commands().undoDescriptionProperty().get()).isEqualTo("Set bias of conv1");

        root.undo();
        assertThat(root.analysis().totals().params()).isEqualTo(params);
        assertThat(inside.design().node("conv1").orElseThrow().params()).containsEntry("bias", false);
        assertThat(root.commands().dirtyProperty().get()).isFalse();
    }

    @Test
    void theInsideShowsTheShapesWhereTheBlockIsUsed() throws Exception {
        EditorModel root = grouped();
        CompositeNavigator nav = new CompositeNavigator(root);
        EditorModel inside = nav.open("residual_unit").model();
        root.setParameter("input", "height", 32);
        assertThat(inside.analysis().node("relu2").output("y")).isEqualTo(Shape.of(1, 8, 32, 16));
    }

    @Test
    void undoingTheGroupWhileInsideClosesTheLevel() {
        EditorModel root = new EditorModel(GroupFixtures.residual());
        root.selection().addAll(GroupFixtures.UNIT);
        CompositeActions.group(root, "ResidualUnit");
        CompositeNavigator nav = new CompositeNavigator(root);
        EditorModel inside = nav.open("residual_unit").model();

        inside.undo(); // the shared history: undoes the group itself
        assertThat(nav.path()).hasSize(1);
        assertThat(nav.currentModel()).isSameAs(root);
        assertThat(root.design().node("conv1")).isPresent();
    }

    @Test
    void aLibraryCompositeOpensReadOnlyWithItsGeneratedInside() throws Exception {
        EditorModel root = new EditorModel(Templates.load("resnet-fmnist"));
        CompositeNavigator nav = new CompositeNavigator(root);
        CompositeNavigator.Level level = nav.open("stage2_block1");

        assertThat(level.readOnly()).isTrue();
        assertThat(nav.isReadOnly()).isTrue();
        assertThat(level.title()).isEqualTo("ResNet basic block (stage2_block1)");
        EditorModel inside = level.model();
        assertThat(inside.isReadOnly()).isTrue();
        assertThat(inside.design().node("downsample_conv")).isPresent();
        assertThat(inside.design().node("downsample_bn")).isPresent();
        assertThat(inside.analysis().problems()).isEmpty();
        assertThat(inside.analysis().totals().params()).isEqualTo(root.analysis().node("stage2_block1").params());
        assertThatThrownBy(() -> inside.setParameter("conv1", "out_channels", 8))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        assertThat(CompositeActions.canGroup(inside, "X")).isPresent();
    }

    @Test
    void aLibraryInsideFollowsTheHyperParametersOfItsNode() throws Exception {
        EditorModel root = new EditorModel(Templates.load("resnet-fmnist"));
        CompositeNavigator nav = new CompositeNavigator(root);
        nav.open("stage1_block2");
        assertThat(nav.currentModel().design().node("downsample_conv")).isEmpty();

        root.setParameter("stage1_block2", "stride", 2);
        assertThat(nav.path()).hasSize(2);
        assertThat(nav.currentModel().design().node("downsample_conv")).isPresent();
    }

    @Test
    void nestedLibraryCompositesOpenDeeperAndTheBreadcrumbGoesBack() throws Exception {
        EditorModel root = new EditorModel(Templates.load("resnet-fmnist"));
        CompositeNavigator nav = new CompositeNavigator(root);
        assertThat(nav.whyNotOpen("stem_conv")).contains("single operation");
        nav.open("stage2_block1");
        assertThat(nav.whyNotOpen("conv1")).contains("single operation");
        assertThat(nav.path()).extracting(CompositeNavigator.Level::isRoot).containsExactly(true, false);

        nav.back();
        assertThat(nav.currentModel()).isSameAs(root);
        nav.open("stage3_block1");
        nav.goTo(0);
        assertThat(nav.path()).hasSize(1);
    }

    @Test
    void compositesInsideUserCompositesOpenToo() {
        EditorModel root = grouped();
        CompositeNavigator nav = new CompositeNavigator(root);
        EditorModel unit = nav.open("residual_unit").model();
        unit.selection().addAll(List.of("bn1", "relu1"));
        String inner = CompositeActions.group(unit, "BnRelu");

        assertThat(root.design().composites()).containsOnlyKeys("BnRelu", "ResidualUnit");
        CompositeNavigator.Level deeper = nav.open(inner);
        assertThat(deeper.readOnly()).isFalse();
        assertThat(nav.path()).extracting(CompositeNavigator.Level::title)
                .containsExactly("Residual", "ResidualUnit (residual_unit)", "BnRelu (bn_relu)");
        assertThat(root.analysis().problems()).isEmpty();
    }
}

package org.modelworkbench.editor.clipboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelworkbench.editor.group.CompositeActions;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;
import org.modelworkbench.projects.files.DesignReader;

/** Off the FX thread the in-memory clipboard is used; EditorClipboardFxTest covers the system clipboard. */
class EditorClipboardTest {

    @BeforeEach
    void forgetTheClipboard() {
        EditorClipboard.reset();
    }

    static Design chain() {
        DesignBuilder b = new DesignBuilder("Chain");
        String x = b.input("input", 3, 32, 32);
        x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 16, "kernel", 3, "padding", 1), x);
        x = b.add("bn1", "norm.batch_norm", Map.of(), x);
        x = b.add("relu1", "activation.relu", Map.of(), x);
        b.add("pool", "pool.max2d", Map.of("kernel", 2), x);
        return b.build();
    }

    private static Edge edge(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    @Test
    void copyAndPasteDuplicatesTheBlocksAndTheWiresAmongThemWithFreshIdsAsOneUndoStep() {
        EditorModel m = new EditorModel(chain());
        m.selection().addAll(List.of("conv1", "bn1", "relu1"));
        assertThat(EditorClipboard.copy(m)).isTrue();
        int before = m.design().size();

        List<String> pasted = EditorClipboard.paste(m);

        assertThat(pasted).containsExactly("conv1_2", "bn1_2", "relu1_2");
        assertThat(m.selection()).containsExactlyInAnyOrder("conv1_2", "bn1_2", "relu1_2");
        assertThat(m.design().size()).isEqualTo(before + 3);
        // the wires among the copied blocks, not the ones to the outside
        assertThat(m.design().edges()).contains(edge("conv1_2.y", "bn1_2.x"), edge("bn1_2.y", "relu1_2.x"));
        assertThat(m.design().incoming("conv1_2")).isEmpty();
        assertThat(m.design().outgoing("relu1_2")).isEmpty();
        Node original = m.design().node("conv1").orElseThrow();
        Node copy = m.design().node("conv1_2").orElseThrow();
        assertThat(copy.params()).isEqualTo(original.params());
        // 40 px right and down would put the copies on the originals: they go to the nearest free spot.
        assertThat(List.of(copy.x(), copy.y())).isNotEqualTo(List.of(original.x() + 40, original.y() + 40));
        assertNothingOverlaps(m);
        assertThat(m.commands().undoDescriptionProperty().get()).isEqualTo("Paste 3 blocks");

        m.undo();
        assertThat(m.design().size()).isEqualTo(before);
        assertThat(m.design().node("conv1_2")).isEmpty();
    }

    @Test
    void eachFurtherPasteTakesTheNextFreeIdsAndLandsOnNoOtherBlock() {
        EditorModel m = new EditorModel(chain());
        m.selection().add("conv1");
        EditorClipboard.copy(m);
        EditorClipboard.paste(m);
        List<String> second = EditorClipboard.paste(m);

        assertThat(second).containsExactly("conv1_3");
        assertNothingOverlaps(m);
    }

    @Test
    void aPasteWhereThereIsRoomLandsFortyPixelsRightAndDown() {
        EditorModel m = new EditorModel(chain());
        m.selection().add("pool");
        EditorClipboard.copy(m);
        m.execute(new org.modelworkbench.editor.edit.RemoveElements(m.design(), List.of("pool"), List.of(), "Delete pool"));
        Node pool = new EditorModel(chain()).design().node("pool").orElseThrow();
        EditorClipboard.paste(m);
        Node copy = m.design().node("pool").orElseThrow();
        assertThat(copy.x()).isEqualTo(pool.x() + 40);
        assertThat(copy.y()).isEqualTo(pool.y() + 40);
    }

    @Test
    void duplicatesLandOnNoOtherBlock() {
        EditorModel m = new EditorModel(chain());
        m.selection().addAll(List.of("conv1", "bn1"));
        EditorClipboard.duplicate(m);
        EditorClipboard.duplicate(m);
        assertThat(m.design().size()).isEqualTo(9);
        assertNothingOverlaps(m);
    }

    static void assertNothingOverlaps(EditorModel m) {
        List<javafx.geometry.Bounds> all = org.modelworkbench.editor.canvas.FreeSpace.footprints(m.design(), m::findType);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertThat(all.get(i).intersects(all.get(j))).as(all.get(i) + " and " + all.get(j)).isFalse();
            }
        }
    }

    @Test
    void cutRemovesTheBlocksAsOneStepAndPastePutsThemBackWhereTheyWere() {
        EditorModel m = new EditorModel(chain());
        Node bn = m.design().node("bn1").orElseThrow();
        m.selection().addAll(List.of("bn1", "relu1"));
        assertThat(EditorClipboard.cut(m)).isTrue();
        assertThat(m.design().node("bn1")).isEmpty();
        assertThat(m.commands().undoDescriptionProperty().get()).isEqualTo("Cut 2 blocks");

        List<String> pasted = EditorClipboard.paste(m);
        assertThat(pasted).containsExactly("bn1", "relu1");
        assertThat(m.design().node("bn1").orElseThrow()).isEqualTo(bn);
        assertThat(m.design().edges()).contains(edge("bn1.y", "relu1.x"));
    }

    @Test
    void duplicateIsOneStepAndLeavesTheClipboardAlone() {
        EditorModel m = new EditorModel(chain());
        m.selection().add("pool");
        EditorClipboard.copy(m);
        m.selection().clear();
        m.selection().addAll(List.of("conv1", "bn1"));

        assertThat(EditorClipboard.duplicate(m)).containsExactly("conv1_2", "bn1_2");
        assertThat(m.commands().undoDescriptionProperty().get()).isEqualTo("Duplicate 2 blocks");
        assertThat(m.design().edges()).contains(edge("conv1_2.y", "bn1_2.x"));
        assertThat(EditorClipboard.paste(m)).containsExactly("pool_2");
    }

    @Test
    void nothingSelectedCopiesNothingAndAnEmptyClipboardPastesNothing() {
        EditorModel m = new EditorModel(chain());
        assertThat(EditorClipboard.copy(m)).isFalse();
        assertThat(EditorClipboard.paste(m)).isEmpty();
        assertThat(EditorClipboard.canPaste()).isFalse();
        assertThat(m.commands().canUndoProperty().get()).isFalse();
    }

    @Test
    void theFragmentIsAValidProjectFileThatAnyDesignCanRead() throws Exception {
        EditorModel m = new EditorModel(chain());
        String text = EditorClipboard.fragment(m.design(), List.of("conv1", "bn1"));
        Design d = new DesignReader().read(text, "clipboard.json");
        assertThat(d.nodeOrder()).containsExactly("conv1", "bn1");
        assertThat(d.edges()).containsExactly(edge("conv1.y", "bn1.x"));
    }

    @Test
    void pastingAUserCompositeIntoAnotherDesignBringsItsDefinitionAlong() {
        EditorModel source = new EditorModel(chain());
        source.selection().addAll(List.of("bn1", "relu1"));
        String unit = CompositeActions.group(source, "BnRelu");
        source.selection().clear();
        source.selection().add(unit);
        EditorClipboard.copy(source);

        EditorModel target = new EditorModel(chain());
        List<String> pasted = EditorClipboard.paste(target);
        assertThat(pasted).containsExactly("bn_relu");
        assertThat(target.design().composites()).containsOnlyKeys("BnRelu");
        assertThat(target.analysis().problems()).extracting(p -> p.kind().name()).containsOnly("UNCONNECTED_INPUT");

        // the same definition is not added twice; a different one of that name is renamed
        EditorClipboard.paste(target);
        assertThat(target.design().composites()).containsOnlyKeys("BnRelu");
        target.undo();
        target.undo();
        assertThat(target.design().composites()).isEmpty();
        target.selection().add("pool");
        CompositeActions.group(target, "BnRelu");
        EditorClipboard.paste(target);
        assertThat(target.design().composites()).containsOnlyKeys("BnRelu", "BnRelu_2");
        Set<String> types = new HashSet<>();
        target.design().nodes().forEach(n -> types.add(n.type()));
        assertThat(types).contains("user.BnRelu", "user.BnRelu_2");
    }
}

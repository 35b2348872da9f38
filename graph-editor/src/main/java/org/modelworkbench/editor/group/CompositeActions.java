package org.modelworkbench.editor.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.editor.model.EditorModel;
import org.modelworkbench.projects.composite.Grouping;
import org.modelworkbench.projects.composite.Ungrouping;
import org.modelworkbench.projects.design.CompositeDefinition;

/**
 * Group and ungroup as the menus and shortcuts use them: each checks first (so a menu item can be
 * disabled with the reason as its tooltip), then executes one undoable command and selects the
 * result.
 * <pre>
 *   String name = CompositeActions.suggestName(model);            // "Block1", to prefill a name dialog
 *   CompositeActions.canGroup(model, name).ifPresent(showReason);  // empty: allowed
 *   String nodeId = CompositeActions.group(model, name);            // Ctrl+G
 *   List&lt;String&gt; inlined = CompositeActions.ungroup(model, nodeId);   // Ctrl+Shift+G
 * </pre>
 */
public final class CompositeActions {
    private CompositeActions() {
    }

    /** Why the current selection cannot be grouped as {@code name}, or empty when it can. */
    public static Optional<String> canGroup(EditorModel model, String name) {
        if (model.isReadOnly()) {
            return Optional.of(readOnlyReason());
        }
        return Grouping.refusal(model.design(), model.selection(), name);
    }

    /**
     * Groups the selection into a new composite block named {@code name}, selects the new node and
     * returns its id.
     *
     * @throws IllegalArgumentException with the reason when it cannot be grouped
     */
    public static String group(EditorModel model, String name) {
        Optional<String> refusal = canGroup(model, name);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
        GroupCommand command = new GroupCommand(model.design(), List.copyOf(model.selection()), name, model.analysis());
        model.selection().clear();
        model.execute(command);
        model.selection().add(command.nodeId());
        return command.nodeId();
    }

    /** A free composite name: Block1, Block2, … */
    public static String suggestName(EditorModel model) {
        for (int i = 1; ; i++) {
            String name = "Block" + i;
            if (model.design().composite(name).isEmpty()) {
                return name;
            }
        }
    }

    /** Why a node cannot be ungrouped, or empty when it can. */
    public static Optional<String> canUngroup(EditorModel model, String nodeId) {
        if (model.isReadOnly()) {
            return Optional.of(readOnlyReason());
        }
        return Ungrouping.refusal(model.design(), nodeId, model.library(), model.analysis());
    }

    /**
     * Replaces a composite node (user or library) by its inside, selects the inlined blocks and
     * returns their ids.
     *
     * @throws IllegalArgumentException with the reason when it cannot be ungrouped
     */
    public static List<String> ungroup(EditorModel model, String nodeId) {
        if (model.isReadOnly()) {
            throw new IllegalArgumentException(readOnlyReason());
        }
        UngroupCommand command = new UngroupCommand(model.design(), nodeId, model.library(), model.analysis());
        model.selection().clear();
        model.execute(command);
        List<String> ids = new ArrayList<>(command.addedNodeIds());
        model.selection().addAll(ids);
        return ids;
    }

    /** True when the node is a composite (user or library) whose inside can be opened. */
    public static boolean isComposite(EditorModel model, String nodeId) {
        return model.typeOf(nodeId).map(BlockType::isComposite).orElse(false);
    }

    /** True when the node is one of the design's own (user) composite blocks. */
    public static boolean isUserComposite(EditorModel model, String nodeId) {
        return model.design().node(nodeId).flatMap(n -> CompositeDefinition.nameOf(n.type())).isPresent();
    }

    static String readOnlyReason() {
        return "this view is read-only: the inside of a library block follows from its hyper-parameters";
    }
}

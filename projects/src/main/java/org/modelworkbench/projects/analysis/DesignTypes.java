package org.modelworkbench.projects.analysis;

import java.util.Optional;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;

/**
 * The block types a design can use: the library's, the boundary blocks of composite insides, and
 * a {@link UserBlockType} for every {@code user.<name>} composite defined in the design's scope.
 * Every part of the app that turns a node's type id into a {@link BlockType} should ask here.
 */
public final class DesignTypes {
    private DesignTypes() {
    }

    public static Optional<BlockType> find(BlockLibrary library, Design design, String typeId) {
        Optional<BlockType> t = library.find(typeId);
        if (t.isPresent()) {
            return t;
        }
        BlockType boundary = BoundaryBlocks.find(typeId);
        if (boundary != null) {
            return Optional.of(boundary);
        }
        return CompositeDefinition.nameOf(typeId)
                .flatMap(design::composite)
                .map(d -> new UserBlockType(d, library));
    }

    /** Why a type id cannot be resolved in this design (for messages). */
    static String unknownMessage(Design design, String typeId) {
        Optional<String> name = CompositeDefinition.nameOf(typeId);
        if (name.isPresent()) {
            var names = design.compositeScope().composites().keySet();
            return "unknown block type '" + typeId + "': this design has no composite block named '" + name.get() + "'"
                    + (names.isEmpty() ? "" : " (it has " + String.join(", ", names) + ")");
        }
        return "unknown block type '" + typeId + "'";
    }
}

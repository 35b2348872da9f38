package org.modelworkbench.blocks.vit;

import java.util.List;
import org.modelworkbench.blocks.type.BlockType;

/** Placeholder list, filled in by the family's implementation. */
public final class VitBlocks {
    private VitBlocks() {
    }

    public static final List<BlockType> ALL = List.of();
}

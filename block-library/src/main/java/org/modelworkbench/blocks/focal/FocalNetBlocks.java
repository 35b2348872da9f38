package org.modelworkbench.blocks.focal;

import java.util.List;
import org.modelworkbench.blocks.type.BlockType;

/** Placeholder list, filled in by the family's implementation. */
public final class FocalNetBlocks {
    private FocalNetBlocks() {
    }

    public static final List<BlockType> ALL = List.of();
}

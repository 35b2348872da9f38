package org.modelworkbench.blocks.mbconv;

import java.util.List;
import org.modelworkbench.blocks.type.BlockType;

/** Placeholder list, filled in by the family's implementation. */
public final class InvertedResidualBlocks {
    private InvertedResidualBlocks() {
    }

    public static final List<BlockType> ALL = List.of();
}

package org.modelworkbench.blocks.poolformer;

import java.util.List;
import org.modelworkbench.blocks.type.BlockType;

/** Placeholder list, filled in by the family's implementation. */
public final class PoolFormerBlocks {
    private PoolFormerBlocks() {
    }

    public static final List<BlockType> ALL = List.of();
}

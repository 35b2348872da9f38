package org.modelworkbench.blocks.swin;

import java.util.List;
import org.modelworkbench.blocks.type.BlockType;

/** Placeholder list, filled in by the family's implementation. */
public final class SwinBlocks {
    private SwinBlocks() {
    }

    public static final List<BlockType> ALL = List.of();
}

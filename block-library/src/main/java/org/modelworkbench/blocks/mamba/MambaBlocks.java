package org.modelworkbench.blocks.mamba;

import java.util.List;
import org.modelworkbench.blocks.type.BlockType;

/** Placeholder list, filled in by the family's implementation. */
public final class MambaBlocks {
    private MambaBlocks() {
    }

    public static final List<BlockType> ALL = List.of();
}

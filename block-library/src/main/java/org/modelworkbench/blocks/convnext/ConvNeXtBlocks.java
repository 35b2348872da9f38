package org.modelworkbench.blocks.convnext;

import java.util.List;
import org.modelworkbench.blocks.type.BlockType;

/** Placeholder list, filled in by the family's implementation. */
public final class ConvNeXtBlocks {
    private ConvNeXtBlocks() {
    }

    public static final List<BlockType> ALL = List.of();
}

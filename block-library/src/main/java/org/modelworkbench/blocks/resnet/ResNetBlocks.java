package org.modelworkbench.blocks.resnet;

import java.util.List;
import org.modelworkbench.blocks.type.BlockType;

/** Placeholder list, filled in by the family's implementation. */
public final class ResNetBlocks {
    private ResNetBlocks() {
    }

    public static final List<BlockType> ALL = List.of();
}

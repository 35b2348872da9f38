package org.modelworkbench.trainer.compile;

/** A design uses a block type that has no DJL implementation yet. */
public final class UnsupportedBlockException extends DesignCompileException {
    private final String blockType;
    private final String nodeId;

    public UnsupportedBlockException(String blockType, String nodeId) {
        super("block type '" + blockType + "' (node '" + nodeId + "') has no DJL implementation yet");
        this.blockType = blockType;
        this.nodeId = nodeId;
    }

    public String blockType() {
        return blockType;
    }

    public String nodeId() {
        return nodeId;
    }
}

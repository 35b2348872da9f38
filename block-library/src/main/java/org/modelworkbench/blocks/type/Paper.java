package org.modelworkbench.blocks.type;

/** The publication a block comes from, shown on hover in the palette and in the block reference. */
public record Paper(String citation, String url) {
    public static final Paper NONE = new Paper("", "");

    @Override
    public String toString() {
        return url.isEmpty() ? citation : citation + " — " + url;
    }
}

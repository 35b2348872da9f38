package org.modelworkbench.blocks.type;

/** A named input or output port; {@code layout} says what the tensor is expected to hold. */
public record PortSpec(String name, String layout) {
}

package org.modelworkbench.trainer.capture;

/**
 * Another internal value an op handed out, such as the selective scan's "delta", "B" and "C".
 *
 * @param op   the op's path
 * @param name the kernel's name for it
 */
public record Internal(String op, String name, CapturedTensor tensor) {
}

package org.modelworkbench.trainer.profile;

/** Where a measurement stands; called on the measuring thread, between runs. */
@FunctionalInterface
public interface ProfileProgress {
    ProfileProgress NONE = (fraction, stage) -> { };

    /**
     * @param fraction of the planned runs done, 0 to 1
     * @param stage    what runs now, e.g. "per-node forward+backward: stage2_block1 (7/14)"
     */
    void update(double fraction, String stage);
}

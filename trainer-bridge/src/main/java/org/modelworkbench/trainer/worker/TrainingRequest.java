package org.modelworkbench.trainer.worker;

import java.nio.file.Path;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.train.TrainingConfig;

/**
 * What to train: the design as it is now (it is snapshotted into the run, so later edits never
 * change what the run trained), its display name, where its runs are kept and how to train it.
 */
public record TrainingRequest(Design design, String designName, Path runsFolder, TrainingConfig config) {
}

package org.modelworkbench.trainer.worker;

import java.io.IOException;
import java.util.function.Consumer;
import org.modelworkbench.trainer.train.TrainingEvent;

/**
 * Starts training runs. Events reach {@code listener} on a background thread, in order; a GUI must
 * hand them to its own thread.
 */
@FunctionalInterface
public interface TrainingLauncher {
    TrainingJob start(TrainingRequest request, Consumer<TrainingEvent> listener) throws IOException;
}

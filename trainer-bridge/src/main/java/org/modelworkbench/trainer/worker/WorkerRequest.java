package org.modelworkbench.trainer.worker;

import com.fasterxml.jackson.databind.JsonNode;
import org.modelworkbench.trainer.train.TrainingConfig;

/**
 * What the launcher sends the worker, as the first line on its standard input (or in a file named by
 * {@code --request}).
 *
 * @param design     the design as the projects' serializer writes it (a JSON object)
 * @param runFolder  the run's folder, already holding its snapshot and record ({@code RunStore#create});
 *                   null to have the worker create a run in {@code runsFolder}
 * @param runsFolder where to create the run when {@code runFolder} is null
 * @param djlCache   DJL's cache folder (libtorch is unpacked there)
 */
public record WorkerRequest(JsonNode design, String designName, String runFolder, String runsFolder,
                            TrainingConfig config, String djlCache) {
}

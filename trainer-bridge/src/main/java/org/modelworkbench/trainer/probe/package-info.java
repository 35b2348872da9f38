/**
 * What the visualizers see of a real model: {@link org.modelworkbench.trainer.probe.ProbeModel} opens a
 * design with weights (a run folder, a checkpoint, or freshly initialised), {@link
 * org.modelworkbench.trainer.probe.ProbeImages} picks and prepares the images a view runs on, and the
 * model's queries return plain {@link org.modelworkbench.trainer.capture.CapturedTensor}s named by node
 * or op path (activations, every layer's output, attention, focal modulation, the selective scan's
 * parameters, input gradients for the effective receptive field, Grad-CAM, predictions and penultimate
 * features, accuracy under a transform, weights). No JavaFX and no visualizer types: the app converts.
 */
package org.modelworkbench.trainer.probe;

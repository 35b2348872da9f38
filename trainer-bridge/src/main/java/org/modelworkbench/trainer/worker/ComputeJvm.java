package org.modelworkbench.trainer.worker;

import java.util.List;

/**
 * JVM options for a process whose work is libtorch's (training, measuring). On a machine with few
 * cores libtorch's OpenMP threads take every core, and any JVM thread that wakes up in the middle of
 * a step (the C2 compiler, G1's concurrent workers) pre-empts one of them, so the whole parallel op
 * waits: measured on 2 cores, steps varied from 96 to 170 ms with the defaults and from 96 to 115 ms
 * with these. The Java side of a step is glue, for which C1's code is enough, and a serial collector
 * only works when the step allocates (rarely: the arrays live in native memory). The launcher script
 * passes the same options to the commands that train or measure.
 */
public final class ComputeJvm {
    /** Serial GC and C1 only: no background JVM threads competing with libtorch's. */
    public static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private ComputeJvm() {
    }
}

package org.modelworkbench.trainer.export;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

/** Debian's python3-torch, which the export proofs run; CI requires it ({@code WORKBENCH_REQUIRE_TORCH}). */
final class PythonTorch {
    static final String PYTHON = "/usr/bin/python3";
    private static Boolean available;

    private PythonTorch() {
    }

    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import torch, numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (Exception e) {
                available = false;
            }
        }
        return available;
    }

    /** Skips the test where python3-torch is missing, unless the environment requires it (then it fails). */
    static void assumeAvailable() {
        if (System.getenv("WORKBENCH_REQUIRE_TORCH") != null && !available()) {
            throw new AssertionError(PYTHON + " cannot import torch and numpy, and WORKBENCH_REQUIRE_TORCH is set: "
                    + "install python3-torch (apt-get install python3-torch)");
        }
        assumeTrue(available(), PYTHON + " with torch and numpy is not installed");
    }
}

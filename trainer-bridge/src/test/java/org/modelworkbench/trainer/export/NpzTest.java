package org.modelworkbench.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @Test
    void namedTensorsComeBackAsTheyWereWritten(@TempDir Path dir) throws Exception {
        Map<String, Npz.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("stem.weight", new Npz.Tensor(new long[] {2, 1, 3, 3}, ramp(18)));
        tensors.put("stem.bias", new Npz.Tensor(new long[] {2}, new float[] {-1.5f, 2.25f}));
        tensors.put("scalar", new Npz.Tensor(new long[] {}, new float[] {42}));
        Path file = dir.resolve("w.npz");
        Npz.write(file, tensors);

        Map<String, Npz.Tensor> back = Npz.read(file);
        assertThat(back.keySet()).containsExactly("stem.weight", "stem.bias", "scalar");
        assertThat(back.get("stem.weight").shape()).containsExactly(2, 1, 3, 3);
        assertThat(back.get("stem.weight").data()).containsExactly(ramp(18));
        assertThat(back.get("stem.bias").data()).containsExactly(-1.5f, 2.25f);
        assertThat(back.get("scalar").shape()).isEmpty();
    }

    @Test
    void numpyReadsWhatTheWorkbenchWritesAndTheWorkbenchReadsWhatNumpyWrites(@TempDir Path dir) throws Exception {
        PythonTorch.assumeAvailable();
        Path ours = dir.resolve("ours.npz");
        Npz.write(ours, Map.of("a.b", new Npz.Tensor(new long[] {2, 3}, ramp(6))));
        Path theirs = dir.resolve("theirs.npz");
        Process p = new ProcessBuilder(PythonTorch.PYTHON, "-c", String.join("\n",
                "import numpy as np, sys",
                "d = np.load(sys.argv[1])",
                "assert d['a.b'].dtype == np.float32 and d['a.b'].shape == (2, 3), d['a.b']",
                "assert (d['a.b'].ravel() == np.arange(6) * 0.5 - 1).all()",
                "np.savez_compressed(sys.argv[2], w=np.arange(12, dtype=np.float64).reshape(3, 4) / 4,",
                "                    v=np.ones((5,), np.float32))"), ours.toString(), theirs.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();

        Map<String, Npz.Tensor> back = Npz.read(theirs);
        assertThat(back.get("w").shape()).containsExactly(3, 4);
        assertThat(back.get("w").data()[5]).isEqualTo(1.25f);
        assertThat(back.get("v").data()).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void aFileThatIsNoNpzIsNamedInTheMessage(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("weights.npz");
        Files.writeString(bad, "not a zip");
        assertThatThrownBy(() -> Npz.read(bad)).hasMessageContaining("weights.npz");
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.5f - 1;
        }
        return v;
    }
}

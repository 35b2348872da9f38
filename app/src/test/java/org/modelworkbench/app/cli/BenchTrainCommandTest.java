package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.files.ProjectFiles;

/** {@code workbench bench train}: the Java half of bench/train-vs-pytorch.sh. */
class BenchTrainCommandTest {

    @Test
    void aShortRunPrintsOneJsonObjectWithTheMeasuredFigures(@TempDir Path dir) throws Exception {
        DesignBuilder b = new DesignBuilder("tiny");
        String x = b.input("input", 3, 12, 12);
        x = b.add("conv", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "padding", 1), x);
        x = b.add("bn", "norm.batch_norm", Map.of(), x);
        x = b.add("relu", "activation.relu", Map.of(), x);
        b.add("head", "head.classifier", Map.of("classes", 5), x);
        Path file = dir.resolve("tiny.json");
        ProjectFiles.write(b.build(), file);

        CliRun r = WorkbenchCommandTest.run("bench", "train", file.toString(), "--mode", "fp32-cl", "--batch", "4",
                "--warmup", "1", "--steps", "3", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = WorkbenchCommandTest.json(r);
        assertThat(json.get("mode").asText()).isEqualTo("fp32-cl");
        assertThat(json.get("parameters").asLong()).isEqualTo(3 * 8 * 9 + 8 + 2 * 8 + 8 * 5 + 5);
        assertThat(json.get("data").asText()).isEqualTo("random");
        assertThat(json.get("steps").asInt()).isEqualTo(3);
        assertThat(json.get("imagesPerSecond").asDouble()).isPositive();
        assertThat(json.get("minStepMs").asDouble()).isPositive().isLessThanOrEqualTo(json.get("maxStepMs").asDouble());
        assertThat(json.get("firstLoss").asDouble()).isPositive();
    }

    @Test
    void theBenchmarksCnnIsTheReferenceDocumentsNetwork() throws Exception {
        Path cnn = Path.of(System.getProperty("user.dir")).getParent().resolve("bench/fmnist-cnn.json");

        JsonNode json = WorkbenchCommandTest.json(WorkbenchCommandTest.run("profile", cnn.toString(), "--json"));

        // bench/pytorch_train.py's fmnist-cnn has the same count, and checks it.
        assertThat(json.get("totals").get("params").asLong()).isEqualTo(65_834);
    }

    @Test
    void bf16IsRefusedForADesignWhoseKernelsWouldAbortTheProcess() {
        CliRun r = WorkbenchCommandTest.run("bench", "train", "vit-fmnist", "--mode", "bf16-autocast", "--steps", "1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("error: bf16-autocast cannot run this design: block '")
                .contains("(attention.sdpa) takes a softmax");
    }

    @Test
    void badSettingsAreNamed() {
        CliRun mode = WorkbenchCommandTest.run("bench", "train", "resnet-fmnist", "--mode", "fp16");
        CliRun batch = WorkbenchCommandTest.run("bench", "train", "--batch", "0");
        CliRun unknown = WorkbenchCommandTest.run("bench", "speed");
        CliRun design = WorkbenchCommandTest.run("bench", "analysis", "resnet-fmnist");

        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.errLines()).containsExactly(
                "error: unknown execution mode 'fp16' (fp32, fp32-cl, bf16-autocast)");
        assertThat(batch.exitCode()).isEqualTo(2);
        assertThat(batch.errLines().get(0)).startsWith("error: --batch must be 1 … 4096");
        assertThat(unknown.errLines()).containsExactly("error: unknown benchmark 'speed'; available: analysis, editor, train, scan, visualizers");
        assertThat(design.errLines()).containsExactly("error: only 'bench train' takes a design");
    }
}

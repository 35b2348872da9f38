package org.modelworkbench.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.train.TrainingConfig;

class PyTorchExportTest {

    @Test
    void aRunWithoutACheckpointIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Design design = Templates.load("resnet-fmnist");
        Path run = dir.resolve("runs").resolve("20261205-000000-1234567");
        Files.createDirectories(run);
        Files.writeString(run.resolve("design.json"), DesignWriter.toJson(design));
        Path out = dir.resolve("export");

        assertThatThrownBy(() -> new PyTorchExport().export(design, TrainingConfig.defaults(),
                new PyTorchExport.Weights.Run(run), out)).isInstanceOf(ExportException.class)
                .hasMessageContaining("has no checkpoint");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFolderHoldingOtherFilesIsNotWrittenOver(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "\\documentclass{article}");
        assertThatThrownBy(() -> new PyTorchExport().export(Templates.load("vit-fmnist"), TrainingConfig.defaults(),
                new PyTorchExport.Weights.None(), dir)).isInstanceOf(ExportException.class)
                .hasMessageContaining("thesis.tex").hasMessageContaining("empty or new folder");
        assertThat(dir.resolve("model.py")).doesNotExist();
    }

    @Test
    void exportingAgainWithoutWeightsRemovesTheEarlierExportsWeights(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("export");
        Files.createDirectories(out);
        Files.writeString(out.resolve("weights.npz"), "old");
        Files.writeString(out.resolve("reference_output_1.npy"), "old");
        PyTorchExport.Result r = new PyTorchExport().export(Templates.load("vit-fmnist"),
                TrainingConfig.defaults().withEpochs(3), new PyTorchExport.Weights.None(), out, dir.resolve("runs"));

        assertThat(out.resolve("weights.npz")).doesNotExist();
        assertThat(out.resolve("reference_output_1.npy")).doesNotExist();
        assertThat(r.files()).contains("model.py", "train.py", "check.py", "config.json", "design.json", "README.md",
                "workbench.json", "data/fashion-mnist-sample/");
        assertThat(Files.readString(out.resolve("README.md"))).contains("ViT (Fashion-MNIST)").contains("3 epochs")
                .doesNotContain("{{");
        assertThat(out.resolve("data/fashion-mnist-sample/train-images-idx3-ubyte.gz")).exists();
        assertThat(PyTorchExport.runsFolderOf(out.resolve("runs").resolve("20261205-000000-1234567")))
                .contains(dir.resolve("runs").toAbsolutePath());
    }
}

package org.modelworkbench.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.trainer.engine.TestEngine;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.train.Checkpoints;
import org.modelworkbench.trainer.train.TinyDesigns;

class ProbeModelOpeningTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    /** A run folder of {@code design} as the trainer leaves it, with {@code model}'s weights saved as {@code file}. */
    private Path run(Design design, ProbeModel model, String file) throws Exception {
        RunStore store = new RunStore(dir.resolve("runs"));
        String id = store.create(design, null, TinyDesigns.quick(1, 1));
        Path folder = store.runFolder(id);
        if (file != null) {
            Checkpoints.save(model.compiled().block(), folder.resolve(file));
        }
        return folder;
    }

    @Test
    void aCheckpointSavedFromAFreshModelReopensThroughItsRunFolderWithTheSameOutputs() throws Exception {
        Design design = ProbeDesigns.convNet();
        try (ProbeModel fresh = ProbeModel.untrained(design, 21)) {
            Path folder = run(design, fresh, Checkpoints.BEST);
            Checkpoints.save(fresh.compiled().block(), folder.resolve(Checkpoints.LAST));
            ProbeImages images = RandomImages.of(fresh, 4, 2);
            try (ProbeModel reopened = ProbeModel.fromRun(folder)) {
                assertThat(reopened.weightsSource()).startsWith("best.params of run " + folder.getFileName());
                assertThat(reopened.dataset()).isEqualTo("fashion-mnist-sample");
                assertThat(reopened.predict(images, 4).logits()).isEqualTo(fresh.predict(images, 4).logits());
                assertThat(reopened.weights("conv1")).isEqualTo(fresh.weights("conv1"));
            }
            Files.delete(folder.resolve(Checkpoints.BEST));
            try (ProbeModel last = ProbeModel.fromRun(folder)) {
                assertThat(last.weightsSource()).contains("last.params").contains("no best.params");
                assertThat(last.predict(images, 4).logits()).isEqualTo(fresh.predict(images, 4).logits());
            }
            try (ProbeModel file = ProbeModel.fromCheckpoint(design, folder.resolve(Checkpoints.LAST))) {
                assertThat(file.weightsSource()).isEqualTo("checkpoint " + folder.resolve(Checkpoints.LAST));
                assertThat(file.activations(images, java.util.List.of("bn1")))
                        .isEqualTo(fresh.activations(images, java.util.List.of("bn1")));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameUntrainedWeightsAndAnotherSeedOthers() throws Exception {
        try (ProbeModel a = ProbeModel.untrained(ProbeDesigns.convNet(), 5);
             ProbeModel b = ProbeModel.untrained(ProbeDesigns.convNet(), 5);
             ProbeModel c = ProbeModel.untrained(ProbeDesigns.convNet(), 6)) {
            assertThat(a.weights("conv2")).isEqualTo(b.weights("conv2"));
            assertThat(a.weights("conv2")).isNotEqualTo(c.weights("conv2"));
            assertThat(a.weightsSource()).isEqualTo("untrained (initialised with seed 5)");
            assertThat(a.dataset()).isNull();
            assertThat(a.nodes()).containsExactly("conv1", "bn1", "relu1", "conv2", "relu2", "flat", "fc");
            assertThat(new int[] {a.channels(), a.height(), a.width()}).containsExactly(1, 28, 28);
        }
    }

    @Test
    void aRunFolderWithoutACheckpointOrWithoutADesignIsRefusedSayingWhatIsMissing() throws Exception {
        Design design = ProbeDesigns.convNet();
        try (ProbeModel fresh = ProbeModel.untrained(design, 1)) {
            Path folder = run(design, fresh, null);
            assertThatThrownBy(() -> ProbeModel.fromRun(folder)).isInstanceOf(ProbeException.class)
                    .hasMessageContaining("has no checkpoint").hasMessageContaining("best.params")
                    .hasMessageContaining("last.params");
        }
        assertThatThrownBy(() -> ProbeModel.fromRun(dir)).isInstanceOf(ProbeException.class)
                .hasMessageContaining("not a run folder").hasMessageContaining("design.json");
    }

    @Test
    void aCheckpointOfAnotherDesignIsRefusedNamingTheFirstParameterThatDiffers() throws Exception {
        Path wider = dir.resolve("wider.params");
        try (ProbeModel other = ProbeModel.untrained(ProbeDesigns.convNet(6), 1)) {
            Checkpoints.save(other.compiled().block(), wider);
        }
        assertThatThrownBy(() -> ProbeModel.fromCheckpoint(ProbeDesigns.convNet(), wider))
                .isInstanceOf(ProbeException.class).hasMessageContaining("not a checkpoint of the design")
                .hasMessageContaining("'conv1.weight'").hasMessageContaining("(6, 1, 3, 3)")
                .hasMessageContaining("(4, 1, 3, 3)");

        Path renamed = dir.resolve("renamed.params");
        DesignBuilder b = new DesignBuilder("renamed");
        String x = b.input("input", 1, 28, 28);
        x = b.add("first", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "stride", 2, "padding", 1), x);
        b.add("head", "head.classifier", Map.of("classes", 10), x);
        try (ProbeModel other = ProbeModel.untrained(b.build(), 1)) {
            Checkpoints.save(other.compiled().block(), renamed);
        }
        assertThatThrownBy(() -> ProbeModel.fromCheckpoint(ProbeDesigns.convNet(), renamed))
                .isInstanceOf(ProbeException.class).hasMessageContaining("'first.weight'")
                .hasMessageContaining("'conv1.weight'");

        Path garbage = dir.resolve("garbage.params");
        Files.write(garbage, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ProbeModel.fromCheckpoint(ProbeDesigns.convNet(), garbage))
                .isInstanceOf(ProbeException.class).hasMessageContaining(garbage.toString());
        assertThatThrownBy(() -> ProbeModel.fromCheckpoint(ProbeDesigns.convNet(), dir.resolve("none.params")))
                .isInstanceOf(ProbeException.class).hasMessageContaining("no checkpoint at");
    }

    @Test
    void aCheckpointOfALargerDesignIsRefusedForTheParametersLeftOver() throws Exception {
        Path larger = dir.resolve("larger.params");
        Design more = ProbeDesigns.convNet();
        try (ProbeModel smaller = ProbeModel.untrained(more, 1)) {
            // the conv net with one more layer after it reads all of the conv net's parameters first
            DesignBuilder b = new DesignBuilder("longer");
            String x = b.input("input", 1, 28, 28);
            x = b.add("conv1", "conv.conv2d", Map.of("out_channels", 4, "kernel", 3, "stride", 2, "padding", 1), x);
            x = b.add("bn1", "norm.batch_norm", Map.of(), x);
            x = b.add("relu1", "activation.relu", Map.of(), x);
            x = b.add("conv2", "conv.conv2d", Map.of("out_channels", 8, "kernel", 3, "stride", 2, "padding", 1), x);
            x = b.add("relu2", "activation.relu", Map.of(), x);
            x = b.add("flat", "tensor.flatten", Map.of(), x);
            x = b.add("fc", "linear.linear", Map.of("out_features", 10), x);
            b.add("fc2", "linear.linear", Map.of("out_features", 10), x);
            try (ProbeModel longer = ProbeModel.untrained(b.build(), 1)) {
                Checkpoints.save(longer.compiled().block(), larger);
            }
            assertThatThrownBy(() -> ProbeModel.fromCheckpoint(more, larger)).isInstanceOf(ProbeException.class)
                    .hasMessageContaining("more parameters");
            Checkpoints.save(smaller.compiled().block(), dir.resolve("short.params"));
        }
        Path cut = dir.resolve("cut.params");
        byte[] whole = Files.readAllBytes(dir.resolve("short.params"));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> ProbeModel.fromCheckpoint(more, cut)).isInstanceOf(ProbeException.class)
                .hasMessageContaining(cut.toString());
    }
}

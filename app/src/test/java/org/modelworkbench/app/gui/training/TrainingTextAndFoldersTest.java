package org.modelworkbench.app.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.train.TrainingEvent;

class TrainingTextAndFoldersTest {

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(TrainingText.duration(45.4)).isEqualTo("45 s");
        assertThat(TrainingText.duration(192)).isEqualTo("3 min 12 s");
        assertThat(TrainingText.duration(3_900)).isEqualTo("1 h 05 min");
        assertThat(TrainingText.duration(Double.NaN)).isEqualTo("–");
    }

    @Test
    void theProgressLineSaysEpochStepSpeedAndTimeLeft() {
        var p = new TrainingEvent.Progress(3, 1_234, 4_690, 0.4, 0.85, 0.05, 2_140.4, 192);
        assertThat(TrainingText.progress(p, 10))
                .isEqualTo("Epoch 3 of 10 · step 1\u2009234 of 4\u2009690 · 2\u2009140 images/s · 3 min 12 s left");
    }

    @Test
    void runsAreKeptBesideTheDesignFileOrInTheAppsFolderBeforeItIsSaved() {
        RunsFolders f = new RunsFolders(Path.of("/data/runs"));
        assertThat(f.forDesign(Path.of("/projects/cifar net.json"), "x")).isEqualTo(Path.of("/projects/cifar net.runs"));
        assertThat(f.forDesign(null, "My ResNet (v2)")).isEqualTo(Path.of("/data/runs/my-resnet-v2"));
        assertThat(f.forDesign(null, "!!!")).isEqualTo(Path.of("/data/runs/untitled"));
    }
}

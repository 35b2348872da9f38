package org.modelworkbench.visualizers.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class BundleTest {
    @TempDir
    Path dir;

    @Test
    void aBundleWrittenAndReadBackHasTheSameTensorsAndMetadataInTheSameOrder() throws IOException {
        FloatTensor attention = FloatTensor.of(new float[] {0.25f, 0.75f, 1, 0}, 1, 1, 2, 2);
        Bundle b = Bundle.builder("attention").meta("design", "ViT (Fashion-MNIST)").meta("patchSize", 4)
                .meta("scale", 0.5).meta("cls", true).meta("layers", List.of("block1", "block2"))
                .tensor("block1.attention", attention).tensor("images", FloatTensor.zeros(1, 1, 2, 2)).build();

        b.write(dir);
        Bundle r = Bundle.read(dir);

        assertThat(r.kind()).isEqualTo("attention");
        assertThat(r.tensorNames()).containsExactly("block1.attention", "images");
        assertThat(r.tensor("block1.attention")).isEqualTo(attention);
        assertThat(r.string("design")).isEqualTo("ViT (Fashion-MNIST)");
        assertThat(r.integer("patchSize")).isEqualTo(4);
        assertThat(r.real("scale")).isEqualTo(0.5);
        assertThat(r.bool("cls", false)).isTrue();
        assertThat(r.strings("layers")).containsExactly("block1", "block2");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .contains("bundle.json", "00-block1.attention.npy", "01-images.npy");
    }

    @Test
    void aMissingTensorIsNamedWithTheOnesThereAre() {
        Bundle b = Bundle.builder("erf").tensor("gradient", FloatTensor.zeros(2, 2)).build();

        assertThatThrownBy(() -> b.tensor("images")).hasMessageContaining("no tensor 'images'")
                .hasMessageContaining("gradient");
        assertThatThrownBy(() -> b.integer("grid")).hasMessageContaining("'grid'");
    }

    @Test
    void aFolderWithoutAnIndexOrWithATensorFileOutsideItIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> Bundle.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("bundle.json");

        Files.writeString(dir.resolve("bundle.json"),
                "{\"formatVersion\":1,\"kind\":\"x\",\"meta\":{},\"tensors\":[{\"name\":\"a\",\"file\":\"../a.npy\"}]}");
        assertThatThrownBy(() -> Bundle.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("outside its folder");
    }

    @Test
    void nodePathsBecomeSafeFileNames() {
        assertThat(Bundle.safe("stage1/../x y")).isEqualTo("stage1_.._x_y");
        assertThat(Bundle.safe(".hidden")).isEqualTo("_hidden");
    }
}

package org.modelworkbench.visualizers.views.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.bundle.Bundle;
import org.modelworkbench.visualizers.tensor.FloatTensor;
import org.modelworkbench.visualizers.views.Panel;
import org.modelworkbench.visualizers.views.ViewOptions;
import org.modelworkbench.visualizers.views.Views;

class EmbeddingViewTest {
    private final EmbeddingView view = new EmbeddingView();

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** 16 points in 3-D: class 0 around (0,0,0), class 1 around (10,0,0); point 3 is predicted as class 1. */
    static Bundle planted() {
        int n = 16;
        float[] f = new float[n * 3];
        float[] labels = new float[n];
        float[] predicted = new float[n];
        List<String> indices = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i < 8 ? 0 : 1;
            f[i * 3] = 10 * c + 0.1f * (i % 4);
            f[i * 3 + 1] = 0.2f * (i % 3);
            f[i * 3 + 2] = 0.05f * i;
            labels[i] = c;
            predicted[i] = i == 3 ? 1 : c;
            indices.add(Integer.toString(100 + i));
        }
        return Bundle.builder("embedding").meta("classNames", List.of("pullover", "sneaker"))
                .meta("imageIndices", indices).meta(EmbeddingView.FEATURE_OP, "fc")
                .tensor(EmbeddingView.FEATURES, FloatTensor.of(f, n, 3)).tensor("labels", FloatTensor.of(labels, n))
                .tensor(EmbeddingView.PREDICTED, FloatTensor.of(predicted, n)).build();
    }

    @Test
    void pcaSeparatesTheTwoClassesAlongTheFirstAxisAndTheTableNamesEachPoint() {
        assertThat(Views.of("embedding")).isInstanceOf(EmbeddingView.class);
        Panel p = view.render(planted(), ViewOptions.defaults()).get(0);

        List<String> rows = p.tables().get("").text().lines().toList();
        assertThat(rows.get(0)).isEqualTo("x,y,label,predicted,image_index");
        assertThat(rows).hasSize(17);
        assertThat(rows.get(4)).endsWith(",pullover,sneaker,103");
        double first = Double.parseDouble(rows.get(1).split(",")[0]);
        double last = Double.parseDouble(rows.get(16).split(",")[0]);
        assertThat(Math.abs(first - last)).isGreaterThan(9);
        assertThat(p.figure().render()).isNotNull();
        assertThat(((org.modelworkbench.visualizers.render.ScatterFigure) p.figure()).csv().text())
                .contains(",true"); // the misclassified point is highlighted
    }

    @Test
    void tsneIsSeededSoColouringByPredictionKeepsTheLayout() {
        ViewOptions tsne = ViewOptions.defaults().with("method", "tsne").with("perplexity", "4");
        Panel a = view.render(planted(), tsne).get(0);
        Bundle same = planted();
        Panel b = view.render(same, tsne).get(0);
        Panel c = view.render(same, tsne.with("colour", "predicted")).get(0);
        assertThat(c.tables().get("").text()).isEqualTo(b.tables().get("").text());
        assertThat(a.tables().get("").text()).isEqualTo(b.tables().get("").text()); // seeded: the same layout
        assertThat(a.title()).contains("t-SNE");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().with("method", "umap")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'method'").hasMessageContaining("pca, tsne");
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().with("colour", "blue")))
                .hasMessageContaining("'colour'");
        assertThatThrownBy(() -> view.render(planted(), ViewOptions.defaults().with("method", "tsne").with("perplexity", "40")))
                .hasMessageContaining("perplexity");
    }
}

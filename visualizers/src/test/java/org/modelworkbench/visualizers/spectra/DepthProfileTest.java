package org.modelworkbench.visualizers.spectra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class DepthProfileTest {
    static FloatTensor checkerboardPlusCosine(double highWeight) {
        float[] v = new float[14 * 14];
        for (int i = 0; i < 14; i++) {
            for (int j = 0; j < 14; j++) {
                v[i * 14 + j] = (float) (1 + highWeight * Math.cos(2 * Math.PI * 6 * (i + j) / 14));
            }
        }
        return FloatTensor.of(v, 1, 1, 14, 14);
    }

    @Test
    void eachLayerContributesItsHighFrequencyScalarInOrder() {
        Map<String, FloatTensor> layers = new LinkedHashMap<>();
        layers.put("stage1", checkerboardPlusCosine(1.0));
        layers.put("stage2", checkerboardPlusCosine(0.1));
        DepthProfile profile = DepthProfile.ofFeatureMaps(layers);
        assertThat(profile.layers()).containsExactly("stage1", "stage2");
        assertThat(profile.points().get(0).depth()).isZero();
        // Δ at (6,6) = ln(98·w) − ln(196) = ln(w/2).
        assertThat(profile.points().get(0).highFrequency()).isCloseTo(Math.log(0.5), within(1e-4));
        assertThat(profile.points().get(1).highFrequency()).isCloseTo(Math.log(0.05), within(1e-4));
        assertThat(profile.values().values()).hasSize(2);
    }

    @Test
    void anEmptyListOfLayersIsRefused() {
        assertThatThrownBy(() -> DepthProfile.of(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.modelworkbench.blocks.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamValuesTest {

    private static final List<ParamSpec> SPECS = List.of(
            ParamSpec.integer("out_channels", 64, 1, 4096, ""),
            ParamSpec.integer("kernel", 3, 1, 63, ""),
            ParamSpec.bool("bias", true, ""),
            ParamSpec.real("p", 0.5, 0.0, 0.99, ""));

    @Test
    void missingValuesTakeTheirDefaultsInDeclarationOrder() throws Exception {
        ParamValues v = ParamValues.resolve(SPECS, Map.of("kernel", 7.0));
        assertThat(v.integer("out_channels")).isEqualTo(64);
        assertThat(v.integer("kernel")).isEqualTo(7);
        assertThat(v.bool("bias")).isTrue();
        assertThat(v.real("p")).isEqualTo(0.5);
        assertThat(v.asMap().keySet()).containsExactly("out_channels", "kernel", "bias", "p");
    }

    @Test
    void unknownNamesAreListedWithTheKnownOnes() {
        assertThatThrownBy(() -> ParamValues.resolve(SPECS, Map.of("kernal", 5)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("kernal: unknown parameter (known parameters: out_channels, kernel, bias, p)");
        assertThatThrownBy(() -> ParamValues.resolve(List.of(), Map.of("x", 1)))
                .hasMessage("x: unknown parameter (this block has no parameters)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("stride", 2);
        raw.put("kernel", 0);
        raw.put("bias", "yes");
        assertThatThrownBy(() -> ParamValues.resolve(SPECS, raw))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(t -> assertThat(((InvalidParameterException) t).problems())
                        .extracting(ParamProblem::param).containsExactly("stride", "kernel", "bias"))
                .hasMessage("stride: unknown parameter (known parameters: out_channels, kernel, bias, p); "
                        + "kernel: must be between 1 and 63, got 0; bias: expected true or false, got \"yes\"");
    }

    @Test
    void anExplicitNullIsRequiredToBeAValue() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("kernel", null);
        assertThatThrownBy(() -> ParamValues.resolve(SPECS, raw)).hasMessage("kernel: a value is required");
    }

    @Test
    void equalValuesGiveEqualObjectsWhateverTheRawForm() throws Exception {
        ParamValues a = ParamValues.resolve(SPECS, Map.of("kernel", 5));
        ParamValues b = ParamValues.resolve(SPECS, Map.of("kernel", 5.0, "bias", true));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ParamValues.resolve(SPECS, Map.of("kernel", 7)));
    }

    @Test
    void valuesAreImmutableAndUnknownLookupsFail() throws Exception {
        ParamValues v = ParamValues.resolve(SPECS, Map.of());
        assertThatThrownBy(() -> v.asMap().put("kernel", 9)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> v.get("stride"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no parameter named stride");
    }
}

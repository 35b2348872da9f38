package org.modelworkbench.blocks.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSpecTest {

    private static final ParamSpec KERNEL = ParamSpec.integer("kernel", 3, 1, 63, "Kernel size");
    private static final ParamSpec RATIO = ParamSpec.real("mlp_ratio", 4.0, 0.01, 64.0, "Ratio");
    private static final ParamSpec BIAS = ParamSpec.bool("bias", true, "Bias");
    private static final ParamSpec LAYOUT = ParamSpec.choice("layout", "tokens", List.of("tokens", "channels_first"), "Layout");
    private static final ParamSpec SIZES = ParamSpec.intList("sizes", List.of(32, 32), 2, 4, 1, 1024, "Sizes");

    @Test
    void integersAcceptWholeValuesOfAnyNumericType() throws Exception {
        assertThat(KERNEL.coerce(3)).isEqualTo(3);
        assertThat(KERNEL.coerce(3L)).isEqualTo(3);
        assertThat(KERNEL.coerce((short) 3)).isEqualTo(3);
        assertThat(KERNEL.coerce(3.0)).isEqualTo(3);
        assertThat(KERNEL.coerce(3.0f)).isEqualTo(3);
        assertThat(KERNEL.coerce(new BigDecimal("3.00"))).isEqualTo(3);
        assertThat(KERNEL.coerce(BigInteger.valueOf(7))).isEqualTo(7);
        assertThat(KERNEL.coerce(3.0)).isInstanceOf(Integer.class);
    }

    @Test
    void integersRejectFractions() {
        assertThatThrownBy(() -> KERNEL.coerce(3.5))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("kernel: expected a whole number, got 3.5");
        assertThatThrownBy(() -> KERNEL.coerce(new BigDecimal("3.0001")))
                .hasMessage("kernel: expected a whole number, got 3.0001");
    }

    @Test
    void integersRejectValuesOutsideTheRangeNamingTheBounds() {
        assertThatThrownBy(() -> KERNEL.coerce(0)).hasMessage("kernel: must be between 1 and 63, got 0");
        assertThatThrownBy(() -> KERNEL.coerce(64)).hasMessage("kernel: must be between 1 and 63, got 64");
    }

    @Test
    void hugeNumbersAreRejectedWithoutOverflowing() {
        // Long.MAX_VALUE would wrap to −1 if cast to int
        assertThatThrownBy(() -> KERNEL.coerce(Long.MAX_VALUE))
                .hasMessage("kernel: must be between 1 and 63, got 9223372036854775807");
        assertThatThrownBy(() -> KERNEL.coerce(1e20))
                .hasMessage("kernel: must be between 1 and 63, got 100000000000000000000");
        // a 31-digit number is abbreviated to 4 significant digits
        assertThatThrownBy(() -> KERNEL.coerce(BigInteger.TEN.pow(30)))
                .hasMessage("kernel: must be between 1 and 63, got 1.000E+30");
        assertThatThrownBy(() -> KERNEL.coerce(4_294_967_299L))
                .hasMessage("kernel: must be between 1 and 63, got 4294967299");
    }

    @Test
    void integersRejectNonFiniteAndNonNumericValues() {
        assertThatThrownBy(() -> KERNEL.coerce(Double.NaN)).hasMessage("kernel: expected a whole number, got NaN");
        assertThatThrownBy(() -> KERNEL.coerce(Double.POSITIVE_INFINITY))
                .hasMessage("kernel: expected a whole number, got Infinity");
        assertThatThrownBy(() -> KERNEL.coerce("3")).hasMessage("kernel: expected a whole number, got \"3\"");
        assertThatThrownBy(() -> KERNEL.coerce(true)).hasMessage("kernel: expected a whole number, got true");
        assertThatThrownBy(() -> KERNEL.coerce(List.of(3))).hasMessage("kernel: expected a whole number, got a list");
        assertThatThrownBy(() -> KERNEL.coerce(Map.of("k", 3))).hasMessage("kernel: expected a whole number, got an object");
        assertThatThrownBy(() -> KERNEL.coerce(null)).hasMessage("kernel: a value is required");
    }

    @Test
    void longStringsAreShortenedInMessages() {
        String s = "x".repeat(50);
        assertThatThrownBy(() -> KERNEL.coerce(s))
                .hasMessage("kernel: expected a whole number, got \"" + "x".repeat(40) + "…\"");
    }

    @Test
    void realsAcceptAnyNumberInRange() throws Exception {
        assertThat(RATIO.coerce(4)).isEqualTo(4.0);
        assertThat(RATIO.coerce(2.5f)).isEqualTo(2.5);
        assertThat(RATIO.coerce(new BigDecimal("0.5"))).isEqualTo(0.5);
        assertThatThrownBy(() -> RATIO.coerce(0.0)).hasMessage("mlp_ratio: must be between 0.01 and 64, got 0");
        assertThatThrownBy(() -> RATIO.coerce(65)).hasMessage("mlp_ratio: must be between 0.01 and 64, got 65");
        assertThatThrownBy(() -> RATIO.coerce("4")).hasMessage("mlp_ratio: expected a number, got \"4\"");
    }

    @Test
    void realsRejectNaNAndInfinityAsInvalidParameters() {
        assertThatThrownBy(() -> RATIO.coerce(Double.NaN))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("mlp_ratio: expected a finite number, got NaN");
        assertThatThrownBy(() -> RATIO.coerce(Double.NEGATIVE_INFINITY))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("mlp_ratio: expected a finite number, got -Infinity");
        assertThatThrownBy(() -> RATIO.coerce(Float.POSITIVE_INFINITY))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("mlp_ratio: expected a finite number, got Infinity");
        // a BigDecimal too large for a double
        assertThatThrownBy(() -> RATIO.coerce(new BigDecimal("1e400")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("mlp_ratio: expected a finite number, got 1");
    }

    @Test
    void booleansAcceptOnlyBooleans() throws Exception {
        assertThat(BIAS.coerce(false)).isEqualTo(false);
        assertThatThrownBy(() -> BIAS.coerce("true")).hasMessage("bias: expected true or false, got \"true\"");
        assertThatThrownBy(() -> BIAS.coerce(1)).hasMessage("bias: expected true or false, got 1");
    }

    @Test
    void choicesAcceptOnlyListedStrings() throws Exception {
        assertThat(LAYOUT.coerce("channels_first")).isEqualTo("channels_first");
        assertThatThrownBy(() -> LAYOUT.coerce("Tokens"))
                .hasMessage("layout: expected one of tokens, channels_first, got \"Tokens\"");
        assertThatThrownBy(() -> LAYOUT.coerce(1)).hasMessage("layout: expected one of tokens, channels_first, got 1");
        assertThatThrownBy(() -> ParamSpec.choice("layout", "nchw", List.of("tokens"), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intListsCoerceEachEntryAndAreImmutable() throws Exception {
        Object v = SIZES.coerce(List.of(3.0, 5, 7L));
        assertThat(v).isEqualTo(List.of(3, 5, 7));
        assertThatThrownBy(() -> ((List<Integer>) v).add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void intListsNameTheBadEntry() {
        assertThatThrownBy(() -> SIZES.coerce(List.of(3, 3.5)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("sizes[1]: expected a whole number, got 3.5")
                .satisfies(t -> assertThat(((InvalidParameterException) t).problems().get(0).param()).isEqualTo("sizes[1]"));
        assertThatThrownBy(() -> SIZES.coerce(List.of(3, 2000)))
                .hasMessage("sizes[1]: must be between 1 and 1024, got 2000");
        assertThatThrownBy(() -> SIZES.coerce(Arrays.asList(3, null)))
                .hasMessage("sizes[1]: expected a whole number, got null");
    }

    @Test
    void intListsCheckTheirLengthAndType() {
        assertThatThrownBy(() -> SIZES.coerce(List.of(3))).hasMessage("sizes: expected 2 to 4 entries, got 1");
        assertThatThrownBy(() -> SIZES.coerce(List.of(1, 2, 3, 4, 5))).hasMessage("sizes: expected 2 to 4 entries, got 5");
        assertThatThrownBy(() -> SIZES.coerce(3))
                .hasMessage("sizes: expected a list of whole numbers such as [3, 5, 7], got 3");
        ParamSpec pair = ParamSpec.intList("pair", List.of(1, 1), 2, 2, 0, 9, "");
        assertThatThrownBy(() -> pair.coerce(List.of(1))).hasMessage("pair: expected 2 entries, got 1");
    }

    @Test
    void rangeTextDescribesTheValidValues() {
        assertThat(KERNEL.rangeText()).isEqualTo("1 … 63");
        assertThat(RATIO.rangeText()).isEqualTo("0.01 … 64");
        assertThat(BIAS.rangeText()).isEqualTo("true or false");
        assertThat(LAYOUT.rangeText()).isEqualTo("tokens, channels_first");
        assertThat(SIZES.rangeText()).isEqualTo("2 to 4 whole numbers in 1 … 1024");
    }

    @Test
    void withUnitKeepsEverythingElse() {
        ParamSpec px = KERNEL.withUnit("px");
        assertThat(px.unit()).isEqualTo("px");
        assertThat(px.name()).isEqualTo("kernel");
        assertThat(px.max()).isEqualTo(63.0);
    }
}

package org.modelworkbench.blocks.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void parseAcceptsTheThreeSeparators() {
        assertThat(Shape.parse("1x3x224x224")).isEqualTo(Shape.of(1, 3, 224, 224));
        assertThat(Shape.parse("1×3×224×224")).isEqualTo(Shape.of(1, 3, 224, 224));
        assertThat(Shape.parse(" 1, 3, 224 ,224 ")).isEqualTo(Shape.of(1, 3, 224, 224));
        assertThat(Shape.parse("2X197")).isEqualTo(Shape.of(2, 197));
        assertThat(Shape.parse("10")).isEqualTo(Shape.of(10));
    }

    @Test
    void parseNamesTheBadPart() {
        assertThatThrownBy(() -> Shape.parse("1x3xabc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'1x3xabc' is not a shape such as 1x3x224x224: 'abc' is not a whole number");
        assertThatThrownBy(() -> Shape.parse("1x3.5"))
                .hasMessage("'1x3.5' is not a shape such as 1x3x224x224: '3.5' is not a whole number");
        assertThatThrownBy(() -> Shape.parse(""))
                .hasMessage("'' is not a shape such as 1x3x224x224: '' is not a whole number");
        assertThatThrownBy(() -> Shape.parse("99999999999x3"))
                .hasMessageContaining("'99999999999' is not a whole number");
    }

    @Test
    void parseRejectsEmptyPartsAtEitherEnd() {
        assertThatThrownBy(() -> Shape.parse("x1x3")).hasMessageContaining("'' is not a whole number");
        assertThatThrownBy(() -> Shape.parse("1x3x")).hasMessageContaining("'' is not a whole number");
        assertThatThrownBy(() -> Shape.parse("1xx3")).hasMessageContaining("'' is not a whole number");
    }

    @Test
    void parseRejectsZeroAndNegativeDimensionsNamingThePosition() {
        assertThatThrownBy(() -> Shape.parse("1x0x3"))
                .hasMessage("'1x0x3' is not a shape: dimension 2 must be positive, got 0");
        assertThatThrownBy(() -> Shape.parse("-1x3"))
                .hasMessage("'-1x3' is not a shape: dimension 1 must be positive, got -1");
    }

    @Test
    void ofRejectsNegativeDimensions() {
        assertThatThrownBy(() -> Shape.of(1, -3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dimensionsCountFromTheEndWhenNegative() {
        Shape s = Shape.of(1, 3, 224, 200);
        assertThat(s.rank()).isEqualTo(4);
        assertThat(s.dim(-1)).isEqualTo(200);
        assertThat(s.dim(1)).isEqualTo(3);
        assertThat(s.with(-2, 112)).isEqualTo(Shape.of(1, 3, 112, 200));
        assertThat(s.withLast(7)).isEqualTo(Shape.of(1, 3, 224, 7));
        assertThat(s).isEqualTo(Shape.of(1, 3, 224, 200));
    }

    @Test
    void numelDoesNotOverflowAnInt() {
        // 1024·1024·64·64 = 2^32
        assertThat(Shape.of(1024, 1024, 64, 64).numel()).isEqualTo(4_294_967_296L);
    }

    @Test
    void shapesAreImmutable() {
        int[] dims = {1, 2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        s.dims()[1] = 9;
        assertThat(s).isEqualTo(Shape.of(1, 2, 3));
    }

    @Test
    void printsWithTimesSignsAndAsciiForFiles() {
        assertThat(Shape.of(1, 3, 224, 224).toString()).isEqualTo("1×3×224×224");
        assertThat(Shape.of(1, 3, 224, 224).toAscii()).isEqualTo("1x3x224x224");
        assertThat(Shape.parse(Shape.of(2, 5).toAscii())).isEqualTo(Shape.of(2, 5));
    }
}

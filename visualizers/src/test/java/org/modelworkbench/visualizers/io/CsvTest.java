package org.modelworkbench.visualizers.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.visualizers.tensor.FloatTensor;

class CsvTest {

    @TempDir
    Path dir;

    @Test
    void fieldsWithCommasQuotesLineBreaksOrOuterSpacesAreQuotedWithInnerQuotesDoubled() {
        Csv csv = Csv.withHeader("layer", "note").add("stage1.block0", "a, b").add("x\"y", "two\nlines")
                .add(" padded", "plain");
        assertThat(csv.text()).isEqualTo("layer,note\r\nstage1.block0,\"a, b\"\r\n\"x\"\"y\",\"two\nlines\"\r\n"
                + "\" padded\",plain\r\n");
        assertThat(csv.rows()).isEqualTo(3);
    }

    @Test
    void numbersReadBackExactlyAndIgnoreTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            float f = 0.1f + 0.2f;
            double d = 1.0 / 3;
            String line = Csv.withHeader("f", "d", "tiny", "n", "missing").add(f, d, 1e-7f, 42L, null).text()
                    .split("\r\n")[1];
            String[] cells = line.split(",");
            assertThat(Float.parseFloat(cells[0])).isEqualTo(f);
            assertThat(Double.parseDouble(cells[1])).isEqualTo(d);
            assertThat(Float.parseFloat(cells[2])).isEqualTo(1e-7f);
            assertThat(cells[3]).isEqualTo("42");
            assertThat(line).endsWith(",");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void nanAndInfinitiesAreWrittenAsPandasReadsThem() {
        assertThat(Csv.withHeader("a", "b", "c").add(Float.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)
                .text()).endsWith("NaN,inf,-inf\r\n");
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedNamingBothCounts() {
        assertThatThrownBy(() -> Csv.withHeader("a", "b").add(1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 cells").hasMessageContaining("2 columns");
    }

    @Test
    void aMatrixBecomesAWideTableWithRowAndColumnLabels() {
        FloatTensor m = FloatTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(Csv.matrix(m, "layer", List.of("r0", "r1"), List.of("a", "b", "c")).text())
                .isEqualTo("layer,a,b,c\r\nr0,1.0,2.0,3.0\r\nr1,4.0,5.0,6.0\r\n");
        assertThat(Csv.matrix(m, null, null, null).text()).startsWith(",0,1,2\r\n0,1.0,2.0,3.0\r\n");
        assertThatThrownBy(() -> Csv.matrix(m, "x", List.of("only one"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 row labels for 2 rows");
    }

    @Test
    void aTensorBecomesALongTableInRowMajorOrder() {
        FloatTensor t = FloatTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        String[] lines = Csv.longFormat(t, "head", "y", "x").text().split("\r\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).isEqualTo("head,y,x,value");
        assertThat(lines[1]).isEqualTo("0,0,0,1.0");
        assertThat(lines[3]).isEqualTo("0,0,2,3.0");
        assertThat(lines[4]).isEqualTo("0,1,0,4.0");
        assertThat(lines[6]).isEqualTo("0,1,2,6.0");
    }

    @Test
    void writingCreatesFoldersAndReplacesTheFileWithNoTemporaryLeftBehind() throws Exception {
        Path file = dir.resolve("out/run 1/spectrum.csv");
        Csv.withHeader("k", "v").add(1, "ä").write(file);
        Csv.withHeader("k", "v").add(2, "b").write(file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("k,v\r\n2,b\r\n");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }
}

package org.modelworkbench.projects.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "0             | 0",
            "999           | 999",
            "-999          | -999",
            "1000          | 1.00 K",
            "1004          | 1.00 K",
            "1005          | 1.01 K",
            "1728          | 1.73 K",
            "9994          | 9.99 K",
            "9995          | 10.0 K",
            "99949         | 99.9 K",
            "99950         | 100 K",
            "272186        | 272 K",
            "999499        | 999 K",
            "999500        | 1.00 M",
            "999999        | 1.00 M",
            "1000000       | 1.00 M",
            "25740288      | 25.7 M",
            "999499999     | 999 M",
            "999500000     | 1.00 G",
            "1814073344    | 1.81 G",
            "376300000000  | 376 G",
            "-999999       | -1.00 M",
            "9223372036854775807  | 9.22 E",
            "-9223372036854775808 | -9.22 E"})
    void largeCountsAreRoundedToThreeSignificantDigitsBeforeThePrefixIsChosen(long n, String expected) {
        assertThat(Counts.si(n)).isEqualTo(expected);
    }

    @Test
    void noRoundingBoundaryEverPrintsAThousandOfAPrefix() {
        for (long boundary = 1000; boundary <= 1_000_000_000_000_000L; boundary *= 10) {
            for (long n = boundary - 600; n <= boundary + 600; n++) {
                String s = Counts.si(n);
                String mantissa = s.split(" ")[0];
                assertThat(Double.parseDouble(mantissa)).as("%d → %s", n, s).isLessThan(1000);
                assertThat(mantissa.replace("-", "").replace(".", "")).as("%d → %s: three digits", n, s)
                        .hasSizeLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void theCompactFormHasNoSpaceAndExactCountsHaveSeparators() {
        assertThat(Counts.siCompact(1_234)).isEqualTo("1.23K");
        assertThat(Counts.siCompact(999_999)).isEqualTo("1.00M");
        assertThat(Counts.siCompact(512)).isEqualTo("512");
        assertThat(Counts.grouped(11_689_512)).isEqualTo("11,689,512");
        assertThat(Counts.grouped(-1_000)).isEqualTo("-1,000");
    }
}

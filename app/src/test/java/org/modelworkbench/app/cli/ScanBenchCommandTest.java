package org.modelworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelworkbench.trainer.bench.ScanBenchmark;

/** {@code bench scan}'s options; the measuring itself is tested in trainer-bridge (ScanBenchmarkTest). */
class ScanBenchCommandTest {
    @Test
    void withoutSizesTheBenchmarkRunsTheMambaAndTheVMambaProblemAt56By56() {
        List<ScanBenchmark.Config> problems = ScanBench.problems(null, null, null, null, 5, new int[] {0}, false);
        assertThat(problems).extracting(ScanBenchmark.Config::length).containsExactly(3136, 3136);
        assertThat(problems).extracting(ScanBenchmark.Config::states).containsExactly(16, 1);
        assertThat(problems).extracting(ScanBenchmark.Config::directions).containsExactly(1, 4);
    }

    @Test
    void oneSizeGivenRunsOneProblemWithTheOthersFromTheMambaProblem() {
        List<ScanBenchmark.Config> problems = ScanBench.problems(100, null, 4, null, 2, new int[] {0, 10}, true);
        assertThat(problems).singleElement().satisfies(c -> {
            assertThat(c.length()).isEqualTo(100);
            assertThat(c.channels()).isEqualTo(192);
            assertThat(c.states()).isEqualTo(4);
            assertThat(c.chunks()).containsExactly(0, 10);
            assertThat(c.previous()).isTrue();
        });
    }

    @Test
    void badSizesAreRefusedInOneLineBeforeTheEngineStarts() {
        CliRun zero = WorkbenchCommandTest.run("bench", "scan", "--length", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.errLines()).singleElement().asString().contains("--length");
        CliRun chunks = WorkbenchCommandTest.run("bench", "scan", "--chunks", "8,-1");
        assertThat(chunks.exitCode()).isEqualTo(2);
        assertThat(chunks.errLines()).singleElement().asString().contains("--chunks");
    }
}

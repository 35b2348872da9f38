package org.modelworkbench.trainer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.engine.ModeSelector.Trial;

class ModeSelectorTest {
    static final Function<ExecutionMode, ExecutionModes.Availability> ALL_AVAILABLE =
            m -> new ExecutionModes.Availability(m, true, "test");

    @TempDir
    Path folder;

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    /** Figures per mode, whatever is asked; counts the measurements and records which modes were asked for. */
    static final class FixedTrials implements ModeSelector.Trials {
        final Map<ExecutionMode, Trial> figures;
        final List<List<ExecutionMode>> asked = new ArrayList<>();

        FixedTrials(Trial... trials) {
            this.figures = new java.util.EnumMap<>(ExecutionMode.class);
            for (Trial t : trials) {
                figures.put(t.mode(), t);
            }
        }

        @Override
        public List<Trial> measure(ModeSelector.ModelSource model, int batch, List<ExecutionMode> modes) {
            asked.add(List.copyOf(modes));
            return modes.stream().map(figures::get).toList();
        }
    }

    ModeSelector selector(String machine, ModeSelector.Trials trials, boolean nativeBf16) {
        return new ModeSelector(folder, machine, trials, ALL_AVAILABLE, nativeBf16);
    }

    static Design design() {
        return SmallDesigns.convNet();
    }

    @Test
    void fp32IsKeptWhenNoCandidateIsTenPercentFaster() throws Exception {
        FixedTrials trials = new FixedTrials(Trial.measured(ExecutionMode.FP32, 1000, 0),
                Trial.measured(ExecutionMode.FP32_CHANNELS_LAST, 1080, 1e-6),
                Trial.measured(ExecutionMode.BF16_AUTOCAST, 1050, 4e-3));

        ModeSelector.Choice choice = selector("m", trials, true).choose(design(), null, 64, Optional.empty());

        assertThat(choice.mode()).isEqualTo(ExecutionMode.FP32);
        assertThat(choice.remembered()).isFalse();
        assertThat(choice.message()).startsWith("Execution mode fp32: fp32 measured 1,000 img/s")
                .contains("fp32-cl measured 1,080 img/s, not 10 % faster").contains("bf16-autocast measured 1,050 img/s");
        assertThat(trials.asked).containsExactly(
                List.of(ExecutionMode.FP32, ExecutionMode.FP32_CHANNELS_LAST, ExecutionMode.BF16_AUTOCAST));
    }

    @Test
    void theFastestCandidateWhoseLogitsAgreeWithFp32IsChosen() throws Exception {
        FixedTrials trials = new FixedTrials(Trial.measured(ExecutionMode.FP32, 1000, 0),
                Trial.measured(ExecutionMode.FP32_CHANNELS_LAST, 1250, 2e-6),
                Trial.measured(ExecutionMode.BF16_AUTOCAST, 2400, 0.3));

        ModeSelector.Choice choice = selector("m", trials, true).choose(design(), null, 64, Optional.empty());

        assertThat(choice.mode()).isEqualTo(ExecutionMode.FP32_CHANNELS_LAST);
        assertThat(choice.reason()).startsWith("measured 1,250 img/s against fp32's 1,000 img/s (1.25×)")
                .contains("bf16-autocast rejected: its logits differ from fp32's by 30.00 %");
    }

    @Test
    void bf16IsNotTriedOnACpuWithoutBf16Instructions() throws Exception {
        FixedTrials trials = new FixedTrials(Trial.measured(ExecutionMode.FP32, 230, 0),
                Trial.measured(ExecutionMode.FP32_CHANNELS_LAST, 270, 1e-6));

        ModeSelector.Choice choice = selector("avx2", trials, false).choose(design(), null, 128, Optional.empty());

        assertThat(trials.asked).containsExactly(List.of(ExecutionMode.FP32, ExecutionMode.FP32_CHANNELS_LAST));
        assertThat(choice.mode()).isEqualTo(ExecutionMode.FP32_CHANNELS_LAST);
        assertThat(choice.reason()).contains("bf16-autocast not tried: the CPU has no bf16 instructions");
    }

    @Test
    void theChoiceIsRememberedPerMachineDesignAndBatchAndReusedWithoutMeasuring() throws Exception {
        FixedTrials trials = new FixedTrials(Trial.measured(ExecutionMode.FP32, 1000, 0),
                Trial.measured(ExecutionMode.FP32_CHANNELS_LAST, 1500, 1e-6),
                Trial.measured(ExecutionMode.BF16_AUTOCAST, 900, 1e-2));
        ModeSelector.Choice first = selector("m", trials, true).choose(design(), null, 64, Optional.empty());
        Path file = folder.resolve(ModeSelector.FILE_NAME);
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("\"mode\" : \"fp32-cl\"").contains("\"batch\" : 64");

        ModeSelector.Choice again = selector("m", trials, true).choose(design(), null, 64, Optional.empty());

        assertThat(trials.asked).hasSize(1);
        assertThat(again.remembered()).isTrue();
        assertThat(again.mode()).isEqualTo(ExecutionMode.FP32_CHANNELS_LAST);
        assertThat(again.trials()).isEqualTo(first.trials());
        assertThat(again.message()).startsWith("Execution mode fp32-cl: remembered from a measurement on ");

        selector("m", trials, true).choose(design(), null, 32, Optional.empty());
        selector("another machine", trials, true).choose(design(), null, 64, Optional.empty());
        assertThat(trials.asked).hasSize(3);
        assertThat(selector("m", trials, true).choose(design(), null, 32, Optional.empty()).remembered()).isTrue();
    }

    @Test
    void aDamagedMemoryFileOnlyCostsAMeasurement() throws Exception {
        Files.writeString(folder.resolve(ModeSelector.FILE_NAME), "{ not json");
        FixedTrials trials = new FixedTrials(Trial.measured(ExecutionMode.FP32, 1000, 0),
                Trial.measured(ExecutionMode.FP32_CHANNELS_LAST, 1000, 0), Trial.measured(ExecutionMode.BF16_AUTOCAST, 1000, 0));

        assertThat(selector("m", trials, true).choose(design(), null, 8, Optional.empty()).mode()).isEqualTo(ExecutionMode.FP32);
        assertThat(selector("m", trials, true).choose(design(), null, 8, Optional.empty()).remembered()).isTrue();
    }

    @Test
    void anExplicitModeAlwaysWinsAndIsNotMeasured() throws Exception {
        FixedTrials trials = new FixedTrials(Trial.measured(ExecutionMode.FP32, 1000, 0),
                Trial.measured(ExecutionMode.FP32_CHANNELS_LAST, 1500, 1e-6), Trial.measured(ExecutionMode.BF16_AUTOCAST, 900, 0));
        selector("m", trials, true).choose(design(), null, 64, Optional.empty());

        ModeSelector.Choice forced = selector("m", trials, true).choose(design(), null, 64, ModeSelector.override("fp32"));

        assertThat(forced.mode()).isEqualTo(ExecutionMode.FP32);
        assertThat(forced.reason()).isEqualTo("set explicitly (no measurement)");
        assertThat(trials.asked).hasSize(1);
        assertThat(selector("avx2", trials, false).choose(design(), null, 64, Optional.of(ExecutionMode.BF16_AUTOCAST))
                .reason()).contains("this CPU has no bf16 instructions").contains("emulated");
        assertThat(ModeSelector.override("auto")).isEmpty();
        assertThat(ModeSelector.override(null)).isEmpty();
        assertThat(ModeSelector.override("bf16-autocast")).contains(ExecutionMode.BF16_AUTOCAST);
        assertThatThrownBy(() -> ModeSelector.override("fp16")).hasMessageContaining("unknown execution mode 'fp16'");
    }

    @Test
    void anExplicitModeThatCannotRunHereIsRefusedWithTheReason() {
        Function<ExecutionMode, ExecutionModes.Availability> noBf16 = m -> new ExecutionModes.Availability(m,
                m != ExecutionMode.BF16_AUTOCAST, "libtorch_cpu.so does not export libtorch's autocast functions");
        ModeSelector selector = new ModeSelector(folder, "m", new FixedTrials(), noBf16, true);

        assertThatThrownBy(() -> selector.choose(design(), null, 64, Optional.of(ExecutionMode.BF16_AUTOCAST)))
                .isInstanceOf(ModeUnavailableException.class)
                .hasMessage("bf16-autocast is not available: libtorch_cpu.so does not export libtorch's autocast functions");
    }

    @Test
    void theMeasuredCheckOnASmallDesignComparesEveryCandidateWithFp32() throws Exception {
        MeasuredTrials measured = new MeasuredTrials(4, 2);
        ModeSelector selector = new ModeSelector(folder, "m", measured, ExecutionModes::availability, true);

        ModeSelector.Choice choice = selector.choose(design(), null, 16, Optional.empty());

        Trial fp32 = choice.trials().get(0);
        assertThat(fp32.mode()).isEqualTo(ExecutionMode.FP32);
        assertThat(fp32.ran()).isTrue();
        assertThat(fp32.imagesPerSecond()).isPositive();
        Trial cl = choice.trials().stream().filter(t -> t.mode() == ExecutionMode.FP32_CHANNELS_LAST).findFirst().orElseThrow();
        assertThat(cl.deviation()).isLessThan(1e-4);
        for (Trial t : choice.trials()) {
            if (t.mode() == ExecutionMode.BF16_AUTOCAST && t.ran()) {
                assertThat(t.deviation()).isGreaterThan(0).isLessThan(ModeSelector.tolerance(ExecutionMode.BF16_AUTOCAST));
            }
        }
        assertThat(choice.message()).startsWith("Execution mode " + choice.mode().label() + ": ");
    }

    @Test
    void theDesignKeyFollowsWhatTheModelComputes() throws Exception {
        var compiler = new org.modelworkbench.trainer.compile.DesignCompiler();
        String a = ModeSelector.designKey(compiler.compile(design(), null).program());
        String same = ModeSelector.designKey(compiler.compile(design(), null).program());
        Design wider = design();
        var conv = wider.node("conv1").orElseThrow();
        var params = new java.util.LinkedHashMap<String, Object>(conv.params());
        params.put("out_channels", 12);
        wider.replaceNode(new org.modelworkbench.projects.design.Node(conv.id(), conv.type(), params, conv.x(), conv.y()));

        assertThat(same).isEqualTo(a).hasSize(24);
        assertThat(ModeSelector.designKey(compiler.compile(wider, null).program())).isNotEqualTo(a);
    }

    @Test
    void theMachineKeyNamesWhatDecidesSpeed() {
        String key = ModeSelector.machineKey();

        assertThat(key).startsWith(CpuFeatures.current().describe() + "; threads ")
                .containsPattern("; libtorch \\d+\\.\\d+\\.\\d+; malloc (tcmalloc|jemalloc|glibc)$");
        assertThat(LibTorch.allocator(List.of("7f00-7f10 r-xp 0 08:01 5 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.16")))
                .isEqualTo("tcmalloc");
        assertThat(LibTorch.allocator(List.of("7f00-7f10 r-xp 0 08:01 5 /usr/lib/libjemalloc.so.2"))).isEqualTo("jemalloc");
        assertThat(LibTorch.allocator(List.of("7f00-7f10 r-xp 0 08:01 5 /usr/lib/x86_64-linux-gnu/libc.so.6"))).isEqualTo("glibc");
        assertThat(LibTorch.loaded("libtorch_cpu.so", List.of("7f00-7f10 r-xp 0 08:01 5 /a b/libtorch_cpu.so")))
                .contains(Path.of("/a b/libtorch_cpu.so"));
    }

    @Test
    void cpuFlagsAreReadFromCpuinfo() {
        String avx512 = "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx2 avx512f avx512_vnni avx512_bf16\n\n"
                + "processor\t: 1\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx2\n";
        CpuFeatures cpu = CpuFeatures.parse(avx512, 2);
        CpuFeatures avx2 = CpuFeatures.parse("model name : AMD EPYC\nflags : fpu avx avx2 fma\n", 2);

        assertThat(cpu.nativeBf16()).isTrue();
        assertThat(cpu.describe()).isEqualTo("AMD EPYC, 2 CPUs, avx2 avx512f avx512_vnni avx512_bf16");
        assertThat(avx2.nativeBf16()).isFalse();
        assertThat(avx2.relevantFlags()).isEqualTo("avx2");
        assertThat(CpuFeatures.parse("", 1).flags()).isEmpty();
    }
}

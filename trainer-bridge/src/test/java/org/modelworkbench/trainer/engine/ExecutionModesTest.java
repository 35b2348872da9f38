package org.modelworkbench.trainer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.modelworkbench.projects.templates.Templates;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompiler;

class ExecutionModesTest {

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    static CompiledDesign model(NDManager manager, int seed) throws Exception {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        CompiledDesign model = new DesignCompiler().compile(SmallDesigns.convNet(), null);
        model.initialize(manager);
        return model;
    }

    static boolean bf16Available() {
        return ExecutionModes.availability(ExecutionMode.BF16_AUTOCAST).available();
    }

    static List<Parameter> convWeights(CompiledDesign model) {
        List<Parameter> weights = new ArrayList<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            if (p.getValue().getShape().dimension() == 4) {
                weights.add(p.getValue());
            }
        }
        return weights;
    }

    @Test
    void channelsLastKeepsShapeAndValuesButLaysTheChannelsInnermost() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 5));
            NDArray cl = ChannelsLast.of(x);

            assertThat(TensorStrides.contiguous(x)).isTrue();
            assertThat(TensorStrides.of(cl)).containsExactly(60, 1, 15, 3);
            assertThat(cl.getShape()).isEqualTo(x.getShape());
            assertThat(cl.toFloatArray()).containsExactly(x.toFloatArray());
            assertThat(cl.getManager()).isSameAs(m);
        }
    }

    @Test
    void aSingleChannelImageGetsPyTorchsChannelsLastStridesSoTheFirstConvolutionAnswersChannelsLast() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 1, 28, 28));
            NDArray w = m.randomNormal(new Shape(16, 1, 3, 3));
            NDArray clx = ChannelsLast.of(x);
            NDArray clw = ChannelsLast.of(w);

            // What x.contiguous(memory_format=torch.channels_last) gives: the channel stride is 1.
            assertThat(TensorStrides.of(clx)).containsExactly(784, 1, 28, 1);
            assertThat(TensorStrides.of(clw)).containsExactly(9, 1, 3, 1);
            assertThat(clx.toFloatArray()).containsExactly(x.toFloatArray());
            NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(clx, clw, null, new Shape(1, 1), new Shape(1, 1),
                    new Shape(1, 1), 1).head();
            assertThat(TensorStrides.channelsLast(y)).as("the stem's output").isTrue();
        }
    }

    @Test
    void aChannelsLastModelsConvWeightsStayChannelsLastThroughBackwardAndUpdates() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CompiledDesign model = model(m, 1);
            List<Parameter> weights = convWeights(model);
            float[] before = weights.get(1).getArray().toFloatArray();
            ExecutionHooks hooks = ExecutionModes.hooks(ExecutionMode.FP32_CHANNELS_LAST);
            hooks.prepareModel(model.block());

            ParameterStore store = new ParameterStore(m, false);
            for (Parameter w : weights) {
                assertThat(TensorStrides.channelsLast(w.getArray())).as(w.getName()).isTrue();
                assertThat(w.getArray().hasGradient()).as(w.getName()).isTrue();
                // The store hands out the parameter's own (converted) array, so the forward sees it.
                assertThat(store.getValue(w, m.getDevice(), true)).isSameAs(w.getArray());
            }
            assertThat(weights.get(1).getArray().toFloatArray()).containsExactly(before);

            NDArray images = m.randomNormal(new Shape(4, 3, 16, 16));
            NDArray labels = m.create(new long[] {1, 2, 3, 4});
            try (TrainingStep step = new TrainingStep(model.block(), hooks, store, 0f, m)) {
                for (int i = 0; i < 3; i++) {
                    try (NDManager s = m.newSubManager()) {
                        step.run(s, images, labels, 0.1f, 0.9f, 5e-4f);
                    }
                }
            }
            for (Parameter w : weights) {
                assertThat(TensorStrides.channelsLast(w.getArray())).as(w.getName() + " after updates").isTrue();
                NDArray grad = w.getArray().getGradient();
                assertThat(TensorStrides.channelsLast(grad)).as(w.getName() + "'s gradient").isTrue();
                grad.close();
            }
            assertThat(weights.get(1).getArray().toFloatArray()).isNotEqualTo(before);
        }
    }

    @Test
    void fp32ChannelsLastLogitsEqualFp32sWithin1e4() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(8, 3, 16, 16));
            float[] fp32 = logits(m, ExecutionMode.FP32, images);
            float[] cl = logits(m, ExecutionMode.FP32_CHANNELS_LAST, images);

            assertThat(MeasuredTrials.relativeDifference(cl, fp32)).isLessThan(1e-4);
            assertThat(fp32).isNotEqualTo(new float[fp32.length]);
        }
    }

    /** Logits in training mode (batch statistics), as the trainer's forward sees them. */
    static float[] logits(NDManager m, ExecutionMode mode, NDArray images) throws Exception {
        CompiledDesign model = model(m, 7);
        ExecutionHooks hooks = ExecutionModes.hooks(mode, model.program());
        hooks.prepareModel(model.block());
        try (NDManager s = m.newSubManager()) {
            NDArray out;
            try (ExecutionHooks.Scope scope = hooks.forward()) {
                out = hooks.toFloat32(model.block().forward(new ParameterStore(m, false),
                        new ai.djl.ndarray.NDList(hooks.prepareInput(images)), true).head());
            }
            assertThat(out.getDataType()).isEqualTo(DataType.FLOAT32);
            return out.toFloatArray();
        }
    }

    @Test
    void bf16AutocastLogitsAreWithinBf16ToleranceOfFp32AndItsGradientsAreFp32() throws Exception {
        assumeTrue(bf16Available(), "libtorch's autocast is not available here");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomNormal(new Shape(8, 3, 16, 16));
            float[] fp32 = logits(m, ExecutionMode.FP32, images);
            float[] bf16 = logits(m, ExecutionMode.BF16_AUTOCAST, images);
            double deviation = MeasuredTrials.relativeDifference(bf16, fp32);

            assertThat(deviation).isLessThan(2e-2).isGreaterThan(0); // bf16 rounds: equal would mean fp32 ran

            CompiledDesign model = model(m, 3);
            ExecutionHooks hooks = ExecutionModes.hooks(ExecutionMode.BF16_AUTOCAST, model.program());
            hooks.prepareModel(model.block());
            ParameterStore store = new ParameterStore(m, false);
            try (TrainingStep step = new TrainingStep(model.block(), hooks, store, 0f, m);
                 NDManager s = m.newSubManager()) {
                step.run(s, images, m.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7}), 0f, 0f, 0f);
            }
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    NDArray grad = p.getValue().getArray().getGradient();
                    assertThat(grad.getDataType()).as(p.getKey()).isEqualTo(DataType.FLOAT32);
                    assertThat(p.getValue().getArray().getDataType()).isEqualTo(DataType.FLOAT32);
                    grad.close();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void eachAvailableModeTrainsASmallDesignAndItsLossFalls(ExecutionMode mode) throws Exception {
        assumeTrue(ExecutionModes.availability(mode).available(), () -> ExecutionModes.availability(mode).reason());
        try (NDManager m = NDManager.newBaseManager()) {
            CompiledDesign model = model(m, 11);
            ExecutionHooks hooks = ExecutionModes.hooks(mode, model.program());
            assertThat(hooks.mode()).isEqualTo(mode);
            hooks.prepareModel(model.block());
            NDArray images = m.randomNormal(new Shape(16, 3, 16, 16));
            NDArray labels = m.randomInteger(0, 10, new Shape(16), DataType.INT64);
            List<Float> losses = new ArrayList<>();
            try (TrainingStep step = new TrainingStep(model.block(), hooks, new ParameterStore(m, false), 0f, m)) {
                for (int i = 0; i < 15; i++) {
                    try (NDManager s = m.newSubManager()) {
                        losses.add(step.run(s, images, labels, 0.1f, 0.9f, 0f));
                    }
                }
            }
            assertThat(losses).allMatch(Float::isFinite);
            assertThat(losses.get(losses.size() - 1)).as("losses %s", losses).isLessThan(0.7f * losses.get(0));
        }
    }

    @Test
    void autocastIsSwitchedOnlyOnTheThreadThatOpensTheScopeAndOffWhenItCloses() throws Exception {
        assumeTrue(bf16Available(), "libtorch's autocast is not available here");
        Autocast autocast = Autocast.get();
        ExecutionHooks hooks = ExecutionModes.hooks(ExecutionMode.BF16_AUTOCAST);
        assertThat(autocast.state().enabled()).isFalse();
        try (ExecutionHooks.Scope scope = hooks.forward()) {
            assertThat(autocast.state()).isEqualTo(new Autocast.State(true, Autocast.BFLOAT16));
            boolean elsewhere = CompletableFuture.supplyAsync(() -> autocast.state().enabled()).get();
            assertThat(elsewhere).isFalse();
        }
        assertThat(autocast.state().enabled()).isFalse();
    }

    @Test
    void aMissingAutocastSymbolMakesTheModeUnavailableWithItsNameInsteadOfACrash() {
        Path lib = LibTorch.loaded(LibTorch.CPU_LIBRARY).orElseThrow();
        Autocast.Names wrong = new Autocast.Names("_ZN2at8autocast20set_autocast_enabledXX",
                Autocast.DEVICE_TYPED.isEnabled(), Autocast.DEVICE_TYPED.setDtype(), Autocast.DEVICE_TYPED.getDtype(),
                Autocast.DEVICE_TYPED.clearCache(), true);

        assertThatThrownBy(() -> Autocast.resolve(lib, List.of(wrong)))
                .isInstanceOf(ModeUnavailableException.class)
                .hasMessageContaining("does not export libtorch's autocast functions")
                .hasMessageContaining("_ZN2at8autocast20set_autocast_enabledXX");
        assertThatThrownBy(() -> Autocast.resolve(Path.of("/nonexistent/libtorch_cpu.so"), Autocast.KNOWN))
                .isInstanceOf(ModeUnavailableException.class)
                .hasMessageContaining("/nonexistent/libtorch_cpu.so");
    }

    @Test
    void theDjlLibtorchExportsTheDeviceTypedAutocastFunctions() throws Exception {
        Path lib = LibTorch.loaded(LibTorch.CPU_LIBRARY).orElseThrow();
        assertThat(ElfSymbols.functions(lib, List.of("_ZN2at8autocast")))
                .containsAll(List.of(Autocast.DEVICE_TYPED.setEnabled(), Autocast.DEVICE_TYPED.isEnabled(),
                        Autocast.DEVICE_TYPED.setDtype(), Autocast.DEVICE_TYPED.getDtype(),
                        Autocast.DEVICE_TYPED.clearCache()))
                .allMatch(name -> name.startsWith("_ZN2at8autocast"));
        assertThat(Autocast.get().describe()).contains("set_autocast_enabled(CPU)");
    }

    @Test
    void bf16RefusesADesignWhoseKernelsWouldAbortTheJvmAndNamesTheBlock() throws Exception {
        var vit = new DesignCompiler().compile(Templates.load("vit-fmnist"), null).program();
        var resnet = new DesignCompiler().compile(Templates.load("resnet-fmnist"), null).program();

        assertThat(ExecutionModes.problem(ExecutionMode.BF16_AUTOCAST, resnet)).isEmpty();
        assertThat(ExecutionModes.problem(ExecutionMode.FP32_CHANNELS_LAST, vit)).isEmpty();
        assertThat(ExecutionModes.problem(ExecutionMode.BF16_AUTOCAST, vit)).get().asString()
                .contains("attention.sdpa").contains("softmax");
        assumeTrue(bf16Available(), "libtorch's autocast is not available here");
        assertThatThrownBy(() -> ExecutionModes.hooks(ExecutionMode.BF16_AUTOCAST, vit))
                .isInstanceOf(ModeUnavailableException.class).hasMessageStartingWith("bf16-autocast cannot run this design: block '");
    }
}

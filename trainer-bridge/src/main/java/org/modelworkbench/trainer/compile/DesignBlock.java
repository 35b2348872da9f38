package org.modelworkbench.trainer.compile;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled design as one DJL block: its primitives run in topological order over numbered tensor
 * slots. Inputs arrive in the order of the design's image inputs, outputs leave in
 * {@link Program#outputNames()} order. Parameters are named by the op's path and the PyTorch name
 * ("stage1.block1.attention.qkv.weight"); buffers (BatchNorm running statistics) do not require
 * gradients.
 */
public final class DesignBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Program program;
    private final List<Kernel> kernels = new ArrayList<>();
    private volatile OpObserver observer;

    DesignBlock(Program program) throws UnsupportedBlockException {
        super(VERSION);
        this.program = program;
        for (Op op : program.ops()) {
            kernels.add(Kernels.create(op, new Kernel.Params() {
                @Override
                public Parameter trainable(String name, Parameter.Type type, Shape shape, Initializer init) {
                    return declare(op.path() + "." + name, type, shape, init, true);
                }

                @Override
                public Parameter buffer(String name, Parameter.Type type, Shape shape, Initializer init) {
                    return declare(op.path() + "." + name, type, shape, init, false);
                }
            }));
        }
    }

    private Parameter declare(String name, Parameter.Type type, Shape shape, Initializer init, boolean grad) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(init)
                .optRequiresGrad(grad).build());
    }

    public Program program() {
        return program;
    }

    /** Watches every op of the following forwards; null stops watching. Costs nothing when null. */
    public void setObserver(OpObserver observer) {
        this.observer = observer;
    }

    public OpObserver observer() {
        return observer;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() != program.inputSlots().length) {
            throw new IllegalArgumentException("the design has " + program.inputSlots().length + " inputs, got "
                    + inputs.size());
        }
        NDArray[] slots = new NDArray[program.slots()];
        for (int i = 0; i < inputs.size(); i++) {
            slots[program.inputSlots()[i]] = inputs.get(i);
        }
        Device device = inputs.head().getDevice();
        List<Op> ops = program.ops();
        OpObserver watcher = observer;
        RunningStep step = new RunningStep(store, device, training, watcher);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            NDList in = new NDList(op.inputs().length);
            for (int s : op.inputs()) {
                in.add(slots[s]);
            }
            NDList out;
            if (watcher != null) {
                watcher.before(i, op, in);
                step.at(i, op, watcher.wantsInternals(i, op));
            }
            try {
                out = kernels.get(i).apply(step, in);
            } catch (RuntimeException e) {
                throw new IllegalStateException("block '" + op.path() + "' (" + op.type().id() + ") failed: "
                        + e.getMessage(), e);
            }
            if (watcher != null) {
                watcher.after(i, op, in, out);
            }
            for (int j = 0; j < op.outputs().length; j++) {
                slots[op.outputs()[j]] = out.get(j);
            }
        }
        NDList result = new NDList(program.outputSlots().length);
        for (int s : program.outputSlots()) {
            result.add(slots[s]);
        }
        return result;
    }

    /** What the kernels see of one forward; it passes internal values to the observer of the op that runs. */
    private static final class RunningStep implements Kernel.Step {
        private final ParameterStore store;
        private final Device device;
        private final boolean training;
        private final OpObserver watcher;
        private int index;
        private Op op;
        private boolean capturing;

        RunningStep(ParameterStore store, Device device, boolean training, OpObserver watcher) {
            this.store = store;
            this.device = device;
            this.training = training;
            this.watcher = watcher;
        }

        void at(int index, Op op, boolean capturing) {
            this.index = index;
            this.op = op;
            this.capturing = capturing;
        }

        @Override
        public NDArray value(Parameter p) {
            return store.getValue(p, device, training);
        }

        @Override
        public boolean training() {
            return training;
        }

        @Override
        public boolean capturing() {
            return capturing;
        }

        @Override
        public void capture(String name, NDArray value) {
            if (capturing) {
                watcher.captured(index, op, name, value);
            }
        }
    }

    /** The outputs' compile-time shapes with the batch size of {@code inputShapes}. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes.length > 0 ? inputShapes[0].get(0) : 1;
        return program.outputShapes().stream().map(s -> {
            long[] d = new long[s.rank()];
            for (int i = 0; i < d.length; i++) {
                d[i] = i == 0 ? batch : s.dim(i);
            }
            return new Shape(d);
        }).toArray(Shape[]::new);
    }
}

package org.modelworkbench.trainer.probe;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.ProjectFileException;
import org.modelworkbench.projects.files.ProjectFiles;
import org.modelworkbench.trainer.capture.ActivationCapture;
import org.modelworkbench.trainer.capture.AttentionMap;
import org.modelworkbench.trainer.capture.CapturedTensor;
import org.modelworkbench.trainer.capture.GradientCapture;
import org.modelworkbench.trainer.capture.Internal;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.compile.DesignCompileException;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.compile.Op;
import org.modelworkbench.trainer.compile.OpObserver;
import org.modelworkbench.trainer.data.ImageDataset;
import org.modelworkbench.trainer.data.Normalization;
import org.modelworkbench.trainer.runs.RunRecord;
import org.modelworkbench.trainer.runs.RunStore;
import org.modelworkbench.trainer.train.Checkpoints;
import org.modelworkbench.trainer.train.TrainingJson;

/**
 * A design with weights, compiled and run in evaluation mode (BatchNorm on its running statistics, no
 * dropout or drop-path), for the visualizers: open it from a run folder, a checkpoint or freshly
 * initialised, then ask it the queries below on {@link ProbeImages} prepared for its input
 * ({@link #channels()}×{@link #height()}×{@link #width()}). Every query returns plain
 * {@link CapturedTensor}s named by node or op path; nothing of DJL escapes. Targets are a top-level node id
 * ("stage2_block1"), a composite path inside one ("stage2_block1.modulation") or an op path
 * ("stage2_block1.modulation.h"); an unknown one is an {@link IllegalArgumentException} naming it.
 * <p>
 * The DJL engine must be started first ({@code DjlRuntime.start}). One thread at a time: the queries
 * install an observer on the compiled block. Close it to free the weights' native memory.
 */
public final class ProbeModel implements AutoCloseable {
    /** Op types whose weights a view can show. */
    private static final Set<String> CONV_TYPES = Set.of("conv.conv2d", "conv.depthwise", "conv.pointwise");
    private static final Pattern FOREIGN_NAME = Pattern.compile("Unexpected parameter name: (.*), expected: (.*)");

    private final Design design;
    private final CompiledDesign model;
    private final NDManager manager;
    private final String weightsSource;
    private final String dataset;
    private final ProgramIndex index;
    private final Map<String, Parameter> parameters = new java.util.HashMap<>();
    private final int channels;
    private final int height;
    private final int width;

    private ProbeModel(Design design, CompiledDesign model, NDManager manager, String weightsSource, String dataset) {
        this.design = design;
        this.model = model;
        this.manager = manager;
        this.weightsSource = weightsSource;
        this.dataset = dataset;
        this.index = new ProgramIndex(model.program());
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            parameters.put(p.getKey(), p.getValue());
        }
        var input = model.program().inputShapes().get(0);
        this.channels = input.dim(1);
        this.height = input.dim(2);
        this.width = input.dim(3);
    }

    // ---------------------------------------------------------------------------------------------
    // Opening

    /**
     * The design a run trained ({@code design.json}) with its best weights ({@code best.params}), or its last
     * ones ({@code last.params}) when it kept no best; {@link #weightsSource()} says which.
     *
     * @throws ProbeException when the folder is no run folder, has no checkpoint, or its checkpoint does not fit
     */
    public static ProbeModel fromRun(Path runFolder) throws ProbeException {
        Path designFile = runFolder.resolve(RunStore.DESIGN_FILE);
        String run = runFolder.getFileName() == null ? runFolder.toString() : runFolder.getFileName().toString();
        if (!Files.isRegularFile(designFile)) {
            throw new ProbeException(runFolder + " is not a run folder: it has no " + RunStore.DESIGN_FILE);
        }
        Design design;
        try {
            design = ProjectFiles.read(designFile);
        } catch (ProjectFileException e) {
            throw new ProbeException("the design snapshot of run " + run + " cannot be read: " + e.getMessage(), e);
        }
        Path best = runFolder.resolve(Checkpoints.BEST);
        Path last = runFolder.resolve(Checkpoints.LAST);
        Path checkpoint;
        String source;
        if (Files.isRegularFile(best)) {
            checkpoint = best;
            source = Checkpoints.BEST + " of run " + run;
        } else if (Files.isRegularFile(last)) {
            checkpoint = last;
            source = Checkpoints.LAST + " of run " + run + " (it kept no " + Checkpoints.BEST + ")";
        } else {
            throw new ProbeException("run " + run + " has no checkpoint: neither " + Checkpoints.BEST + " nor "
                    + Checkpoints.LAST + " is in " + runFolder + " (a run saves one at the end of each epoch; this one "
                    + "may have stopped before its first)");
        }
        return open(design, checkpoint, source, null, datasetOf(runFolder));
    }

    /** {@code design} with the weights of {@code checkpoint} (DJL's parameter file, as {@link Checkpoints} writes it). */
    public static ProbeModel fromCheckpoint(Design design, Path checkpoint) throws ProbeException {
        return open(design, checkpoint, "checkpoint " + checkpoint, null, null);
    }

    /**
     * {@code design} freshly initialised (the initialisers training starts from) with the engine's random
     * generator seeded with {@code seed}: the "untrained" baseline of a view.
     */
    public static ProbeModel untrained(Design design, long seed) throws ProbeException {
        return open(design, null, "untrained (initialised with seed " + seed + ")", seed, null);
    }

    private static ProbeModel open(Design design, Path checkpoint, String source, Long seed, String dataset)
            throws ProbeException {
        CompiledDesign compiled;
        try {
            compiled = new DesignCompiler().compile(design, null);
        } catch (DesignCompileException e) {
            throw new ProbeException("the design '" + design.name() + "' cannot be compiled: " + e.getMessage(), e);
        }
        var inputs = compiled.program().inputShapes();
        if (inputs.size() != 1 || inputs.get(0).rank() != 4) {
            throw new ProbeException("the design '" + design.name() + "' has " + inputs.size() + " image inputs; the "
                    + "views probe designs with one N×C×H×W input");
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            if (seed != null) {
                manager.getEngine().setRandomSeed((int) (seed ^ (seed >>> 32)));
            }
            compiled.initialize(manager);
            if (checkpoint != null) {
                load(compiled, manager, checkpoint, design.name());
            }
            return new ProbeModel(design, compiled, manager, source, dataset);
        } catch (ProbeException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The dataset the run trained on, from its record; null when the record cannot be read. */
    private static String datasetOf(Path runFolder) {
        try {
            RunRecord r = TrainingJson.mapper().readValue(runFolder.resolve(RunStore.RECORD_FILE).toFile(), RunRecord.class);
            return r.config() == null ? null : r.config().dataset();
        } catch (IOException | RuntimeException e) {
            return null; // the weights do not depend on it; the caller falls back to Fashion-MNIST
        }
    }

    /**
     * Loads the checkpoint and checks that it is one of this design: DJL checks each parameter's name as
     * it reads (in the block's order) but not its shape, nor that nothing is left over, so both are
     * checked here and the first difference is named.
     */
    private static void load(CompiledDesign compiled, NDManager manager, Path file, String designName)
            throws ProbeException {
        Map<String, ai.djl.ndarray.types.Shape> expected = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : compiled.block().getParameters()) {
            expected.put(p.getKey(), p.getValue().getArray().getShape());
        }
        String foreign = file + " is not a checkpoint of the design '" + designName + "': ";
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            compiled.block().loadParameters(manager, in);
            if (in.read() != -1) {
                throw new ProbeException(foreign + "it holds more parameters than the design's " + expected.size());
            }
        } catch (NoSuchFileException e) {
            throw new ProbeException("no checkpoint at " + file, e);
        } catch (EOFException e) {
            throw new ProbeException(foreign + "it ends before the design's " + expected.size() + " parameters are "
                    + "read (a checkpoint of a smaller design, or a file cut short)", e);
        } catch (MalformedModelException e) {
            Matcher m = FOREIGN_NAME.matcher(String.valueOf(e.getMessage()));
            if (m.matches()) {
                throw new ProbeException(foreign + "it holds parameter '" + m.group(1) + "' where the design has '"
                        + m.group(2) + "'", e);
            }
            throw new ProbeException(foreign + e.getMessage(), e);
        } catch (IOException e) {
            throw new ProbeException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ProbeException(foreign + "it does not read as DJL parameters (" + e.getMessage() + ")", e);
        }
        for (Pair<String, Parameter> p : compiled.block().getParameters()) {
            ai.djl.ndarray.types.Shape want = expected.get(p.getKey());
            ai.djl.ndarray.types.Shape got = p.getValue().getArray().getShape();
            if (!want.equals(got)) {
                throw new ProbeException(foreign + "parameter '" + p.getKey() + "' is " + got + " there and " + want
                        + " in the design");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // What it is

    public Design design() {
        return design;
    }

    /** The compiled design (its program lists every op path a target may name). */
    public CompiledDesign compiled() {
        return model;
    }

    /** Where the weights came from, for the user: "best.params of run …", "checkpoint …", "untrained (…)". */
    public String weightsSource() {
        return weightsSource;
    }

    /** The dataset the run trained on ("fashion-mnist", …), or null when not opened from a run folder. */
    public String dataset() {
        return dataset;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The top-level node ids that compute something, in the order they run. */
    public List<String> nodes() {
        return index.nodes();
    }

    @Override
    public void close() {
        manager.close();
    }

    // ---------------------------------------------------------------------------------------------
    // Running

    /** Checks that {@code images} fit this model's input. */
    private void check(ProbeImages images) {
        if (images.channels() != channels || images.height() != height || images.width() != width) {
            throw new IllegalArgumentException("the images are " + images.channels() + "×" + images.height() + "×"
                    + images.width() + " but the design '" + design.name() + "' takes " + channels + "×" + height + "×"
                    + width + ": prepare them for this model");
        }
    }

    private static void checkBatch(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1: " + batchSize);
        }
    }

    private NDArray input(NDManager scope, float[] values, int count) {
        return scope.create(values, new ai.djl.ndarray.types.Shape(count, channels, height, width));
    }

    /** One forward in evaluation mode with {@code observer} watching; returns the design's outputs. */
    private NDList forward(NDArray x, OpObserver observer) {
        model.block().setObserver(observer);
        try {
            return model.block().forward(new ParameterStore(x.getManager(), false), new NDList(x), false);
        } finally {
            model.block().setObserver(null);
        }
    }

    private static CapturedTensor copy(NDArray a) {
        return new CapturedTensor(a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray());
    }

    /** The current array of parameter {@code name} ("conv1.weight"), or null when the design has none. */
    private NDArray parameter(String name) {
        Parameter p = parameters.get(name);
        return p == null ? null : p.getArray();
    }

    // ---------------------------------------------------------------------------------------------
    // Queries

    /**
     * The outputs of {@code targets} on {@code images}, in the order their ops ran: an op path gives each of
     * its outputs, a node or composite path the tensors it passes on. Shapes are the ops' own
     * (B×C×H×W feature maps, B×H×W×C channels-last stages, B×T×D tokens).
     */
    public List<org.modelworkbench.trainer.capture.Activation> activations(ProbeImages images, List<String> targets) {
        check(images);
        for (String t : targets) {
            index.opsUnder(t); // names an unknown target before anything runs
        }
        ActivationCapture capture = ActivationCapture.of(model.program(), targets, List.of());
        try (NDManager scope = manager.newSubManager()) {
            forward(input(scope, images.normalisedValues(), images.size()), capture);
        }
        return capture.activations();
    }

    /**
     * The output of every top-level node, in the order the nodes run, over all of {@code images} run
     * {@code batchSize} at a time (so the activations of one batch are alive at once, never those of all).
     * A node's output is the first tensor its ops leave to another node. Skipped: image inputs (they compute
     * nothing), nodes that only flatten, and nodes whose output is the design's output (the logits; see
     * {@link #predict}).
     *
     * @throws IllegalArgumentException when one layer's values for all images would not fit a Java array
     */
    public List<LayerOutput> everyLayerOutput(ProbeImages images, int batchSize) {
        check(images);
        checkBatch(batchSize);
        List<int[]> watched = new ArrayList<>(); // {op, output}
        List<String> names = new ArrayList<>();
        for (String node : index.nodes()) {
            List<Integer> ops = index.opsUnder(node);
            if (ops.size() == 1 && index.op(ops.get(0)).type().id().equals("tensor.flatten")) {
                continue;
            }
            int[] first = null;
            for (int[] out : index.outputsOf(node)) {
                first = out;
                break;
            }
            if (first == null || index.isDesignOutput(index.op(first[0]).outputs()[first[1]])) {
                continue;
            }
            watched.add(first);
            names.add(node);
        }
        int n = images.size();
        float[][] values = new float[watched.size()][];
        long[][] shapes = new long[watched.size()][];
        Map<Integer, List<Integer>> byOp = new LinkedHashMap<>();
        for (int i = 0; i < watched.size(); i++) {
            byOp.computeIfAbsent(watched.get(i)[0], k -> new ArrayList<>()).add(i);
        }
        int[] offset = new int[1];
        OpObserver observer = new OpObserver() {
            @Override
            public void after(int opIndex, Op op, NDList inputs, NDList outputs) {
                List<Integer> layers = byOp.get(opIndex);
                if (layers == null) {
                    return;
                }
                for (int layer : layers) {
                    NDArray a = outputs.get(watched.get(layer)[1]);
                    long[] s = a.getShape().getShape();
                    long per = a.size() / s[0];
                    if (values[layer] == null) {
                        long total = per * n;
                        if (total > Integer.MAX_VALUE - 8) {
                            throw new IllegalArgumentException("the output of '" + names.get(layer) + "' is " + per
                                    + " values per image: " + n + " images do not fit one array; take fewer images");
                        }
                        values[layer] = new float[(int) total];
                        shapes[layer] = s.clone();
                        shapes[layer][0] = n;
                    }
                    float[] v = a.toType(DataType.FLOAT32, false).toFloatArray();
                    System.arraycopy(v, 0, values[layer], (int) (offset[0] * per), v.length);
                }
            }
        };
        float[] all = images.normalisedValues();
        int size = images.imageSize();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            offset[0] = from;
            try (NDManager scope = manager.newSubManager()) {
                forward(input(scope, Arrays.copyOfRange(all, from * size, to * size), to - from), observer);
            }
        }
        List<LayerOutput> result = new ArrayList<>();
        for (int i = 0; i < watched.size(); i++) {
            int[] w = watched.get(i);
            result.add(new LayerOutput(names.get(i), index.op(w[0]).path(), w[1], new CapturedTensor(shapes[i], values[i])));
        }
        return result;
    }

    /**
     * The post-softmax probabilities of every attention op (attention.sdpa: ViT/DeiT global attention;
     * swin.window_attention_core: Swin windows with their geometry), in the order they run, each with the
     * prefix-token count and the patch grid. For global attention the grid is the design's patch embedding
     * (input size / its stride) and the prefix is what the token count has beyond it (class and distillation
     * tokens); without a patch embedding, the class-token ops are counted and the rest taken as a square
     * grid. Empty for a design without attention.
     */
    public List<AttentionLayer> attention(ProbeImages images) {
        check(images);
        ActivationCapture capture = ActivationCapture.everyAttention(model.program());
        try (NDManager scope = manager.newSubManager()) {
            forward(input(scope, images.normalisedValues(), images.size()), capture);
        }
        int patch = patchStride();
        long classTokens = index.ops().stream().filter(op -> op.type().id().equals("embedding.class_token")).count();
        List<AttentionLayer> layers = new ArrayList<>();
        for (AttentionMap map : capture.attention()) {
            if (map.windowed()) {
                var g = map.windows();
                layers.add(new AttentionLayer(map, 0, g.height(), g.width(), Math.max(1, height / g.height())));
                continue;
            }
            int tokens = (int) map.probabilities().dim(2);
            int gh;
            int gw;
            int prefix;
            if (patch > 0 && tokens >= (height / patch) * (width / patch)) {
                gh = height / patch;
                gw = width / patch;
                prefix = tokens - gh * gw;
            } else {
                prefix = (int) Math.min(classTokens, tokens);
                int g = (int) Math.round(Math.sqrt(tokens - prefix));
                gh = g * g == tokens - prefix ? g : tokens - prefix;
                gw = g * g == tokens - prefix ? g : 1;
                patch = gh > 0 ? Math.max(1, height / gh) : 0;
            }
            layers.add(new AttentionLayer(map, prefix, gh, gw, patch));
        }
        return layers;
    }

    /** The stride of the first patch embedding's projection, or 0 when the design has none. */
    private int patchStride() {
        for (Op op : index.ops()) {
            String node = ProgramIndex.nodeOf(op.path());
            if (op.path().equals(node + ".proj") && op.type().id().equals("conv.conv2d") && design.node(node)
                    .map(n -> n.type().equals("embedding.patch_embed")).orElse(false)) {
                return op.params().integer("stride");
            }
        }
        return 0;
    }

    /** The paths of the design's focal modulations ("stage1_block1.modulation"), in the order they run. */
    public List<String> focalModulations() {
        List<String> paths = new ArrayList<>();
        for (Op op : index.ops()) {
            if (op.type().id().equals("tensor.split") && op.path().endsWith(".split_gates")) {
                String path = op.path().substring(0, op.path().length() - ".split_gates".length());
                if (index.ops().stream().anyMatch(o -> o.path().equals(path + ".h"))) {
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    /**
     * The modulator, gates and focal kernels of the one focal modulation at or under {@code target} (a
     * FocalNet block's node id, or the modulation's path), on {@code images}.
     */
    public FocalModulation focal(ProbeImages images, String target) {
        check(images);
        index.opsUnder(target);
        List<String> all = focalModulations();
        List<String> found = all.stream().filter(p -> p.equals(target) || p.startsWith(target + ".")).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("'" + target + "' holds " + found.size() + " focal modulations"
                    + (found.isEmpty() ? "; the design's are " + (all.isEmpty() ? "none" : String.join(", ", all))
                    : " (" + String.join(", ", found) + "): name one"));
        }
        String path = found.get(0);
        ActivationCapture capture = ActivationCapture.outputs(model.program(), path + ".h", path + ".split_gates");
        try (NDManager scope = manager.newSubManager()) {
            forward(input(scope, images.normalisedValues(), images.size()), capture);
        }
        CapturedTensor modulator = null;
        CapturedTensor[] gates = null;
        var activations = capture.activations();
        for (var a : activations) {
            if (a.op().equals(path + ".h")) {
                modulator = a.tensor();
            }
        }
        int gateCount = (int) activations.stream().filter(a -> a.op().equals(path + ".split_gates")).count();
        gates = new CapturedTensor[gateCount];
        for (var a : activations) {
            if (a.op().equals(path + ".split_gates")) {
                gates[a.output()] = a.tensor();
            }
        }
        List<CapturedTensor> kernels = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Pattern level = Pattern.compile(Pattern.quote(path) + "\\.focal\\d+_dwconv");
        for (Op op : index.ops()) {
            if (op.type().id().equals("conv.depthwise") && level.matcher(op.path()).matches()) {
                NDArray w = parameter(op.path() + ".weight");
                kernels.add(copy(w));
                sizes.add((int) w.getShape().get(2));
            }
        }
        return new FocalModulation(path, modulator, List.of(gates), kernels,
                sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The paths of the design's selective-scan ops (SS2D and Mamba mixers), in the order they run. */
    public List<String> scans() {
        return index.ops().stream().filter(op -> op.type().id().equals("mamba.selective_scan")).map(Op::path).toList();
    }

    /**
     * Δ, A, B, C and the scanned input u of the one selective scan at or under {@code target} (a VSS or Mamba
     * block's node id, its SS2D path, or the scan op's path), on {@code images}. H and W come from the
     * cross-scan that feeds it; a 1-D Mamba sequence is 1×L.
     */
    public ScanParameters scan(ProbeImages images, String target) {
        check(images);
        int at = index.single(target, op -> op.type().id().equals("mamba.selective_scan"), "selective scan");
        Op op = index.op(at);
        ActivationCapture capture = ActivationCapture.of(model.program(), List.of(), List.of(op.path()));
        try (NDManager scope = manager.newSubManager()) {
            forward(input(scope, images.normalisedValues(), images.size()), capture);
        }
        Map<String, CapturedTensor> got = new LinkedHashMap<>();
        for (Internal i : capture.internals()) {
            got.put(i.name(), i.tensor());
        }
        int directions = op.in(0).dim(1);
        int length = op.in(0).dim(3);
        int h = 1;
        int w = length;
        int source = index.producer(op.inputs()[0]);
        if (source >= 0 && index.op(source).type().id().equals("mamba.cross_scan")) {
            h = index.op(source).in(0).dim(2);
            w = index.op(source).in(0).dim(3);
        }
        return new ScanParameters(op.path(), got.get("delta"), got.get("A"), got.get("B"), got.get("C"), got.get("u"),
                directions, h, w);
    }

    /**
     * ∂s/∂input for the effective receptive field: s is formed from the centre pixel (H'/2, W'/2) of the
     * target's 4-D feature map as {@code mode} says (channels-first or, for Swin and VMamba stages,
     * channels-last: the layout the next op reads it in decides), backward to the normalised input, in
     * evaluation mode with the parameters detached so that only the input gets a gradient.
     *
     * @throws IllegalArgumentException when the target passes on several tensors or a tensor that is not 4-D
     */
    public InputGradient inputGradient(ProbeImages images, String target, ErfMode mode) {
        check(images);
        int[] out = index.singleOutput(target, "the effective receptive field");
        Op targetOp = index.op(out[0]);
        int slot = targetOp.outputs()[out[1]];
        if (targetOp.outputShapes().get(out[1]).rank() != 4) {
            throw new IllegalArgumentException("'" + target + "' passes on a " + targetOp.outputShapes().get(out[1])
                    + " tensor; the effective receptive field needs a 4-D feature map");
        }
        boolean channelsLast = index.layoutOf(slot) == Layout.NHWC;
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] seen = new NDArray[1];
            OpObserver marker = new OpObserver() {
                @Override
                public void after(int opIndex, Op op, NDList inputs, NDList outputs) {
                    if (opIndex == out[0]) {
                        seen[0] = outputs.get(out[1]);
                    }
                }
            };
            NDArray x = input(scope, images.normalisedValues(), images.size());
            int oh;
            int ow;
            model.block().setObserver(marker);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                x.setRequiresGradient(true);
                model.block().forward(detached(scope), new NDList(x), false);
                NDArray map = channelsLast ? seen[0].transpose(0, 3, 1, 2) : seen[0];
                oh = (int) map.getShape().get(2);
                ow = (int) map.getShape().get(3);
                NDArray centre = map.get(new NDIndex().addAllDim().addAllDim().addIndices(oh / 2).addIndices(ow / 2));
                NDArray s = (mode == ErfMode.REPLKNET ? Activation.relu(centre) : centre).sum();
                collector.backward(s);
            } finally {
                model.block().setObserver(null);
            }
            return new InputGradient(target, targetOp.path(), mode, copy(x.getGradient()), oh, ow);
        }
    }

    /** Op types that mix every position of their input: past them a unit sees the whole image. */
    private static final Set<String> GLOBAL_TYPES = Set.of("attention.sdpa", "swin.window_attention_core",
            "mamba.selective_scan", "pool.global_avg", "attention.squeeze_excitation");

    /**
     * The theoretical receptive field of one unit of the one tensor {@code target} passes on, propagated from
     * the input through every op (see {@link ReceptiveField}): convolutions and 2-D pools by their kernel,
     * stride, dilation and padding; any other op that shrinks a 4-D map by an integer factor s (patch merging,
     * a downsample) as an s×s window of stride s; attention, selective scans and global pools make the field
     * global; everything else passes the largest field of its inputs on.
     *
     * @throws IllegalArgumentException when the target is unknown or passes on several tensors
     */
    public ReceptiveField theoreticalField(String target) {
        int[] out = index.singleOutput(target, "the theoretical receptive field");
        int slots = model.program().slots();
        long[] size = new long[slots];
        long[] jump = new long[slots];
        double[] start = new double[slots];
        boolean[] global = new boolean[slots];
        java.util.Arrays.fill(size, 1);
        java.util.Arrays.fill(jump, 1);
        for (Op op : index.ops()) {
            int from = -1; // the input slot with the largest field
            boolean anyGlobal = false;
            for (int s : op.inputs()) {
                anyGlobal |= global[s];
                if (from < 0 || size[s] > size[from]) {
                    from = s;
                }
            }
            long sz = from < 0 ? 1 : size[from];
            long jp = from < 0 ? 1 : jump[from];
            double st = from < 0 ? 0 : start[from];
            String type = op.type().id();
            int[] window = windowOf(op);
            if (GLOBAL_TYPES.contains(type)) {
                anyGlobal = true;
            } else if (window != null) {
                int k = window[2] * (window[0] - 1) + 1;
                sz += (long) (k - 1) * jp;
                st += ((k - 1) / 2.0 - window[3]) * jp;
                jp *= window[1];
            }
            for (int s : op.outputs()) {
                size[s] = sz;
                jump[s] = jp;
                start[s] = st;
                global[s] = anyGlobal;
            }
        }
        int slot = index.op(out[0]).outputs()[out[1]];
        if (global[slot]) {
            return new ReceptiveField(target, Math.max(height, width), (int) Math.min(jump[slot], Integer.MAX_VALUE),
                    start[slot], true);
        }
        if (size[slot] > Integer.MAX_VALUE || jump[slot] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the receptive field of '" + target + "' overflows an int");
        }
        return new ReceptiveField(target, (int) size[slot], (int) jump[slot], start[slot], false);
    }

    private static int optionalInteger(org.modelworkbench.blocks.param.ParamValues p, String name, int fallback) {
        try {
            Object v = p.get(name);
            return v instanceof Integer i ? i : fallback;
        } catch (IllegalArgumentException e) {
            return fallback; // the type has no such parameter (pools have no dilation)
        }
    }

    /** {kernel, stride, dilation, padding} of an op that slides a window over a 4-D map, or null. */
    private static int[] windowOf(Op op) {
        String type = op.type().id();
        if (CONV_TYPES.contains(type) || type.equals("pool.max2d") || type.equals("pool.avg2d")) {
            var p = op.params();
            // a pointwise convolution has no kernel parameter: it is 1
            return new int[] {optionalInteger(p, "kernel", 1), optionalInteger(p, "stride", 1), optionalInteger(p, "dilation", 1),
                    optionalInteger(p, "padding", 0)};
        }
        if (op.inputShapes().isEmpty() || op.outputShapes().isEmpty() || op.in(0).rank() != 4
                || op.outputShapes().get(0).rank() != 4) {
            return null;
        }
        boolean last = op.inputLayouts().get(0) == Layout.NHWC;
        int hIn = op.in(0).dim(last ? 1 : 2);
        int hOut = op.outputShapes().get(0).dim(last ? 1 : 2);
        if (hOut > 0 && hOut < hIn && hIn % hOut == 0 && op.in(0).dim(0) == op.outputShapes().get(0).dim(0)) {
            int s = hIn / hOut;
            return new int[] {s, s, 1, 0};
        }
        return null;
    }

    /** Parameters read without their autograd history, so that a backward leaves them alone. */
    private static ParameterStore detached(NDManager scope) {
        return new ParameterStore(scope, false) {
            @Override
            public NDArray getValue(Parameter p, Device device, boolean training) {
                NDArray v = super.getValue(p, device, training).stopGradient();
                v.attach(scope);
                return v;
            }
        };
    }

    /**
     * Grad-CAM's activation and gradient of {@code target} ({@link GradientCapture}): the gradient of each
     * image's pre-softmax logit of its class.
     *
     * @param classes one class per image; null, or an entry below 0, scores that image's arg-max
     */
    public GradientCapture.Result gradCam(ProbeImages images, String target, int[] classes) {
        check(images);
        index.opsUnder(target);
        try (NDManager scope = manager.newSubManager()) {
            return GradientCapture.of(model, input(scope, images.normalisedValues(), images.size()), target, classes);
        }
    }

    /**
     * Logits, predicted classes and penultimate features of {@code images}, run {@code batchSize} at a time.
     * The features are the input of the classifier: the last linear.linear op whose width is the number of
     * classes (a classifier head's "fc"), or, if there is none, the op that writes the design's first
     * output; flattened to B×F.
     *
     * @throws IllegalArgumentException when the design's first output is not B×classes
     */
    public Predictions predict(ProbeImages images, int batchSize) {
        check(images);
        checkBatch(batchSize);
        int logitsSlot = model.program().outputSlots()[0];
        var logitsShape = model.program().outputShapes().get(0);
        if (logitsShape.rank() != 2) {
            throw new IllegalArgumentException("the design's first output " + model.program().outputNames().get(0)
                    + " is " + logitsShape + ", not N×classes");
        }
        int classes = logitsShape.dim(1);
        int featureOp = index.producer(logitsSlot);
        for (int i = 0; i < index.ops().size(); i++) {
            Op op = index.op(i);
            if (op.type().id().equals("linear.linear") && op.outputShapes().get(0).dim(-1) == classes) {
                featureOp = i;
            }
        }
        int featureAt = featureOp;
        int n = images.size();
        float[] logits = new float[n * classes];
        float[][] features = new float[1][];
        int[] offset = new int[1];
        OpObserver watcher = new OpObserver() {
            @Override
            public void before(int opIndex, Op op, NDList inputs) {
                if (opIndex == featureAt) {
                    NDArray f = inputs.get(0);
                    int per = (int) (f.size() / f.getShape().get(0));
                    if (features[0] == null) {
                        features[0] = new float[n * per];
                    }
                    float[] v = f.toType(DataType.FLOAT32, false).toFloatArray();
                    System.arraycopy(v, 0, features[0], offset[0] * per, v.length);
                }
            }
        };
        float[] all = images.normalisedValues();
        int size = images.imageSize();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            offset[0] = from;
            try (NDManager scope = manager.newSubManager()) {
                NDArray out = forward(input(scope, Arrays.copyOfRange(all, from * size, to * size), to - from), watcher)
                        .head();
                float[] v = out.toType(DataType.FLOAT32, false).toFloatArray();
                System.arraycopy(v, 0, logits, from * classes, v.length);
            }
        }
        int[] predicted = new int[n];
        for (int b = 0; b < n; b++) {
            predicted[b] = argMax(logits, b * classes, classes);
        }
        int per = features[0].length / n;
        return new Predictions(new CapturedTensor(new long[] {n, classes}, logits), predicted, images.labels(),
                new CapturedTensor(new long[] {n, per}, features[0]), index.op(featureAt).path());
    }

    private static int argMax(float[] v, int from, int count) {
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (v[from + c] > v[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The accuracy on {@code images} (which need labels) after {@code transform} changed each normalised
     * batch of {@code batchSize}.
     */
    public Evaluation evaluate(ProbeImages images, BatchTransform transform, int batchSize) {
        check(images);
        checkBatch(batchSize);
        if (!images.hasLabels()) {
            throw new IllegalArgumentException("the images have no labels: accuracy needs images from a dataset");
        }
        var logitsShape = model.program().outputShapes().get(0);
        if (logitsShape.rank() != 2) {
            throw new IllegalArgumentException("the design's first output " + model.program().outputNames().get(0)
                    + " is " + logitsShape + ", not N×classes");
        }
        int[] labels = images.labels();
        float[] all = images.normalisedValues();
        int size = images.imageSize();
        int n = images.size();
        int correct = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            float[] batch = Arrays.copyOfRange(all, from * size, to * size);
            float[] changed = transform.apply(batch, new int[] {to - from, channels, height, width});
            if (changed == null || changed.length != batch.length) {
                throw new IllegalArgumentException("the transform returned " + (changed == null ? "nothing" :
                        changed.length + " values") + " for a batch of " + batch.length);
            }
            try (NDManager scope = manager.newSubManager()) {
                float[] logits = forward(input(scope, changed, to - from), null).head().toType(DataType.FLOAT32, false)
                        .toFloatArray();
                int k = logits.length / (to - from);
                for (int b = 0; b < to - from; b++) {
                    correct += argMax(logits, b * k, k) == labels[from + b] ? 1 : 0;
                }
            }
        }
        return new Evaluation(correct, n);
    }

    /**
     * The accuracy on the first {@code count} images of {@code split} (all of them when it holds fewer),
     * prepared for this model {@code batchSize} at a time (so that a 224×224 design never holds the whole
     * split at its input size), each normalised batch changed by {@code transform} before the model sees it.
     */
    public Evaluation evaluate(ImageDataset split, Normalization normalization, int count, BatchTransform transform,
                               int batchSize) {
        checkBatch(batchSize);
        if (count < 1) {
            throw new IllegalArgumentException("the number of images must be at least 1: " + count);
        }
        int n = Math.min(count, split.size());
        int correct = 0;
        for (int from = 0; from < n; from += batchSize) {
            int[] chosen = new int[Math.min(n, from + batchSize) - from];
            for (int i = 0; i < chosen.length; i++) {
                chosen[i] = from + i;
            }
            ProbeImages batch = ProbeImages.fromDataset(split, normalization, ImageSelection.indices(chosen), channels,
                    height, width);
            correct += evaluate(batch, transform, batchSize).correct();
        }
        return new Evaluation(correct, n);
    }

    /** The weight (and bias) of the one convolution or linear op at or under {@code target}. */
    public LayerWeights weights(String target) {
        int at = index.single(target, op -> CONV_TYPES.contains(op.type().id()) || op.type().id().equals("linear.linear"),
                "convolution or linear layer");
        Op op = index.op(at);
        NDArray bias = parameter(op.path() + ".bias");
        return new LayerWeights(op.path(), op.type().id(), copy(parameter(op.path() + ".weight")),
                bias == null ? null : copy(bias));
    }

    /** Every convolution op of the design, in the order they run, composites' insides included. */
    public List<Convolution> convolutions() {
        List<Convolution> list = new ArrayList<>();
        for (Op op : index.ops()) {
            if (CONV_TYPES.contains(op.type().id())) {
                long[] w = parameter(op.path() + ".weight").getShape().getShape();
                int in = op.in(0).dim(1);
                int groups = (int) (in / w[1]);
                list.add(new Convolution(op.path(), op.type().id(), (int) w[2], in, (int) w[0], groups,
                        op.params().integer("stride")));
            }
        }
        return list;
    }
}

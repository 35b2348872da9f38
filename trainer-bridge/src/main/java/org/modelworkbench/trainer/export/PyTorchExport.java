package org.modelworkbench.trainer.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.files.AtomicFiles;
import org.modelworkbench.projects.files.DesignWriter;
import org.modelworkbench.trainer.compile.CompiledDesign;
import org.modelworkbench.trainer.data.FashionMnist;
import org.modelworkbench.trainer.probe.ProbeException;
import org.modelworkbench.trainer.probe.ProbeModel;
import org.modelworkbench.trainer.train.DropPathRates;
import org.modelworkbench.trainer.train.TrainingConfig;
import org.modelworkbench.trainer.train.TrainingJson;

/**
 * Writes a design as a PyTorch package (ADR 17): model.py, train.py, check.py, config.json,
 * design.json, README.md, the bundled Fashion-MNIST sample, and — with weights — weights.npz and a
 * reference input/output pair computed by DJL, so {@code check.py} proves the two agree.
 */
public final class PyTorchExport {
    /** Files an export writes at its top level: a folder holding only these (or nothing) may be written over. */
    static final Set<String> OWN_FILES = Set.of("model.py", "train.py", "check.py", "config.json", "design.json",
            "README.md", "workbench.json", "weights.npz", "reference_input.npy", "reference_output.npy", "data", "runs", "__pycache__");
    static final String SAMPLE = "data/fashion-mnist-sample";
    /** Where an export remembers the runs folder its runs go back to. */
    public static final String ORIGIN = "workbench.json";
    /** Images in the reference input: two, so batch statistics cannot hide in a batch of one. */
    static final int REFERENCE_BATCH = 2;

    private final BlockLibrary library;

    public PyTorchExport(BlockLibrary library) {
        this.library = library;
    }

    public PyTorchExport() {
        this(BlockLibrary.standard());
    }

    /** Where the exported weights come from. */
    public sealed interface Weights {
        /** No weights: model.py initialises itself, check.py only counts parameters. */
        record None() implements Weights {
        }

        /** The workbench's own initialisation with this seed. */
        record Fresh(long seed) implements Weights {
        }

        /** A run folder's best checkpoint (its last when it kept no best). */
        record Run(Path folder) implements Weights {
        }

        /** A workbench checkpoint (.params) of this design. */
        record Checkpoint(Path file) implements Weights {
        }
    }

    /** What was written: the folder, the design's class, its parameter count, where the weights came from. */
    public record Result(Path folder, String className, long parameters, long macs, String weightsSource,
                         List<String> files, int[] inputShape) {
    }

    /**
     * Exports {@code design} trained with {@code config} into {@code out} (created; an existing folder must be
     * empty or an earlier export).
     */
    public Result export(Design design, TrainingConfig config, Weights weights, Path out) throws ExportException {
        return export(design, config, weights, out, null);
    }

    /**
     * As {@link #export(Design, TrainingConfig, Weights, Path)}, remembering in {@code workbench.json} the runs
     * folder a run trained from this export goes back to ({@code runsFolder}; null: none).
     */
    public Result export(Design design, TrainingConfig config, Weights weights, Path out, Path runsFolder)
            throws ExportException {
        Result model = exportModel(design, config, weights, out);
        List<String> files = new ArrayList<>(model.files());
        try {
            if (runsFolder != null) {
                write(out.resolve(ORIGIN), TrainingJson.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(Map.of("runs", runsFolder.toAbsolutePath().toString())) + "\n", files);
            }
            write(out.resolve("train.py"), resource("train.py"), files);
            write(out.resolve("config.json"), TrainingJson.mapper().writer(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(config) + "\n", files);
            if (config.dataset().toLowerCase(Locale.ROOT).startsWith("fashion-mnist")) { // and "-sample"
                copySample(out.resolve(SAMPLE), files);
            }
            write(out.resolve("README.md"), readme(design, config, model), files);
        } catch (IOException e) {
            throw new ExportException("cannot write the export to " + out + ": " + e.getMessage(), e);
        }
        return new Result(out, model.className(), model.parameters(), model.macs(), model.weightsSource(), files,
                model.inputShape());
    }

    /**
     * The model half of an export: model.py, check.py, design.json and, with weights, weights.npz and the
     * reference pair (what the equivalence proof needs, without the training files).
     */
    public Result exportModel(Design design, TrainingConfig config, Weights weights, Path out) throws ExportException {
        checkTarget(out);
        Design trained = DropPathRates.apply(design, config.dropPath(), library);
        ModelSource.Generated model = new ModelSource(library).generate(trained);
        // The weights are opened before anything is written, so a checkpoint that does not fit leaves no half export.
        ProbeModel probe = weights instanceof Weights.None ? null : open(design, weights);
        List<String> files = new ArrayList<>();
        String source = probe == null ? "none (model.py initialises itself)" : probe.weightsSource();
        try (probe) {
            Files.createDirectories(out);
            write(out.resolve("model.py"), model.text(), files);
            write(out.resolve("check.py"), resource("check.py"), files);
            write(out.resolve("design.json"), DesignWriter.toJson(design), files);
            if (probe != null) {
                writeWeights(probe, model, out, files);
            } else {
                removeStaleWeights(out); // an earlier export's weights would not fit this model
            }
        } catch (IOException e) {
            throw new ExportException("cannot write the export to " + out + ": " + e.getMessage(), e);
        }
        return new Result(out, model.className(), model.parameters(), model.macs(), source, files,
                model.inputShape());
    }

    /**
     * The runs folder a run trained from an export goes back to, from the {@code workbench.json} of its
     * export folder (the run's parent's parent, or its parent).
     */
    public static java.util.Optional<Path> runsFolderOf(Path run) {
        Path abs = run.toAbsolutePath().normalize();
        for (Path dir = abs.getParent(); dir != null && dir.getNameCount() >= abs.getNameCount() - 2; dir = dir.getParent()) {
            Path file = dir.resolve(ORIGIN);
            if (Files.isRegularFile(file)) {
                try {
                    var node = TrainingJson.mapper().readTree(file.toFile()).path("runs");
                    if (node.isTextual()) {
                        return java.util.Optional.of(Path.of(node.asText()));
                    }
                } catch (IOException | RuntimeException e) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static void checkTarget(Path out) throws ExportException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ExportException(out + " is a file; give a folder to export into");
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                List<String> foreign = entries.map(p -> p.getFileName().toString())
                        .filter(n -> !OWN_FILES.contains(n) && !n.startsWith("reference_output_")).sorted().toList();
                if (!foreign.isEmpty()) {
                    throw new ExportException(out + " already holds files that are not an export (" + String.join(", ",
                            foreign.subList(0, Math.min(3, foreign.size()))) + "): choose an empty or new folder");
                }
            } catch (IOException e) {
                throw new ExportException("cannot read " + out + ": " + e.getMessage(), e);
            }
        }
    }

    private static void removeStaleWeights(Path out) throws IOException {
        try (var entries = Files.list(out)) {
            for (Path p : entries.toList()) {
                String n = p.getFileName().toString();
                if (n.equals("weights.npz") || (n.startsWith("reference_") && n.endsWith(".npy"))) {
                    Files.delete(p);
                }
            }
        }
    }

    private static ProbeModel open(Design design, Weights weights) throws ExportException {
        try {
            if (weights instanceof Weights.Fresh f) {
                return ProbeModel.untrained(design, f.seed());
            } else if (weights instanceof Weights.Run r) {
                return ProbeModel.fromRun(r.folder());
            } else if (weights instanceof Weights.Checkpoint c) {
                return ProbeModel.fromCheckpoint(design, c.file());
            }
            throw new IllegalStateException("no weights to open");
        } catch (ProbeException e) {
            throw new ExportException(e.getMessage(), e);
        }
    }

    /** Writes weights.npz and the reference pair: DJL's output for a seeded input with these weights. */
    private static void writeWeights(ProbeModel probe, ModelSource.Generated model, Path out, List<String> files)
            throws IOException {
        CompiledDesign compiled = probe.compiled();
        Npz.write(out.resolve("weights.npz"), DjlWeights.of(compiled, model));
        files.add("weights.npz");
        int[] shape = model.inputShape();
        long[] batch = new long[shape.length + 1];
        batch[0] = REFERENCE_BATCH;
        int n = REFERENCE_BATCH;
        for (int i = 0; i < shape.length; i++) {
            batch[i + 1] = shape[i];
            n *= shape[i];
        }
        float[] x = new float[n];
        Random random = new Random(20261205L);
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        Npz.writeNpy(out.resolve("reference_input.npy"), new Npz.Tensor(batch, x));
        files.add("reference_input.npy");
        try (NDManager scope = NDManager.newBaseManager()) {
            NDArray input = scope.create(x, new ai.djl.ndarray.types.Shape(batch));
            NDList y = compiled.block().forward(new ParameterStore(scope, false), new NDList(input), false);
            for (int i = 0; i < y.size(); i++) {
                NDArray a = y.get(i);
                String name = y.size() == 1 ? "reference_output.npy" : "reference_output_" + i + ".npy";
                Npz.writeNpy(out.resolve(name), new Npz.Tensor(a.getShape().getShape(),
                        a.toType(DataType.FLOAT32, false).toFloatArray()));
                files.add(name);
            }
        }
    }

    private static String readme(Design design, TrainingConfig config, Result model) throws ExportException {
        int[] in = model.inputShape();
        String input = in.length == 3 ? in[0] + "×" + in[1] + "×" + in[2] : java.util.Arrays.toString(in);
        return resource("README.template.md")
                .replace("{{design}}", design.name())
                .replace("{{model_class}}", model.className())
                .replace("{{params}}", String.format(Locale.ROOT, "%,d", model.parameters()))
                .replace("{{macs}}", String.format(Locale.ROOT, "%,d", model.macs()))
                .replace("{{input}}", input)
                .replace("{{dataset}}", config.dataset())
                .replace("{{epochs}}", Integer.toString(config.epochs()))
                .replace("{{batch}}", Integer.toString(config.batchSize()))
                .replace("{{weights_note}}", model.weightsSource());
    }

    private static String resource(String name) throws ExportException {
        return PythonSources.resource(name).orElseThrow(() -> new ExportException(name + " is missing from the jar"));
    }

    private static void write(Path file, String text, List<String> files) throws IOException {
        Path tmp = AtomicFiles.createTempBeside(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            AtomicFiles.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        files.add(file.getFileName().toString());
    }

    private static void copySample(Path folder, List<String> files) throws IOException {
        Files.createDirectories(folder);
        for (String name : List.of(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES,
                FashionMnist.TEST_LABELS)) {
            String file = name + ".gz";
            try (InputStream in = FashionMnist.class.getResourceAsStream(FashionMnist.SAMPLE_RESOURCE + file)) {
                if (in == null) {
                    throw new IOException("the bundled sample lacks " + file);
                }
                Path target = folder.resolve(file);
                Path tmp = AtomicFiles.createTempBeside(target);
                try {
                    try (OutputStream o = Files.newOutputStream(tmp)) {
                        in.transferTo(o);
                    }
                    AtomicFiles.replace(tmp, target);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        files.add(SAMPLE + "/");
    }

}

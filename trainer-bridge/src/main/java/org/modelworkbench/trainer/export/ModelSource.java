package org.modelworkbench.trainer.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.modelworkbench.blocks.io.InputBlocks;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.param.InvalidParameterException;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Layout;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.ShapeException;
import org.modelworkbench.projects.analysis.AnalysisOptions;
import org.modelworkbench.projects.analysis.DesignAnalysis;
import org.modelworkbench.projects.analysis.DesignAnalyzer;
import org.modelworkbench.projects.analysis.DesignTypes;
import org.modelworkbench.projects.analysis.NodeAnalysis;
import org.modelworkbench.projects.analysis.UserBlockType;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.trainer.train.WatchedOutputs;

/**
 * Writes {@code model.py} for a design (ADR 17): the Python twin of every block type it uses, a class per
 * user composite (per set of input shapes it is used at) and a class for the design, wired as the graph
 * says, plus the helpers train.py and check.py call. The parameter names of the result are DJL's with
 * node ids made safe; {@link Generated#torchName} translates.
 */
public final class ModelSource {
    private final BlockLibrary library;

    public ModelSource(BlockLibrary library) {
        this.library = library;
    }

    public ModelSource() {
        this(BlockLibrary.standard());
    }

    /**
     * The text of model.py and what it defines.
     *
     * @param className  the design's class
     * @param inputShape the design's image input without the batch dimension (C, H, W)
     * @param paths      DJL node path ("stage1.block2") → PyTorch module path, for every node the generator named
     */
    public record Generated(String text, String className, int[] inputShape, long parameters, long macs,
                            Map<String, String> paths) {
        /** The state_dict key of a DJL parameter name ("stage-1.conv.weight" → "stage_1.conv.weight"). */
        public String torchName(String djlName) {
            String[] parts = djlName.split("\\.");
            for (int n = parts.length - 1; n >= 1; n--) {
                String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, n));
                String mapped = paths.get(prefix);
                if (mapped != null) {
                    return mapped + djlName.substring(prefix.length());
                }
            }
            return djlName;
        }
    }

    /** Generates model.py for {@code design} at its own input size. */
    public Generated generate(Design design) throws ExportException {
        DesignAnalysis analysis;
        try (DesignAnalyzer analyzer = new DesignAnalyzer(design, library, new AnalysisOptions(null))) {
            analysis = analyzer.analysis();
        }
        if (analysis.hasProblems()) {
            throw new ExportException("the design '" + design.name() + "' cannot be exported: "
                    + analysis.problems().get(0));
        }
        Context ctx = new Context();
        Set<String> reserved = new TreeSet<>(PythonSources.classNames());
        reserved.addAll(PythonNames.TAKEN);
        reserved.addAll(List.of("INPUT_SHAPE", "PARAMETERS", "MACS", "DESIGN", "build_model", "load_weights",
                "save_weights", "state_dict_of"));
        ctx.classNames = new PythonNames(reserved);
        String designClass = ctx.classNames.unique(PythonNames.className(design.name(), "Design"));
        GraphClass top = ctx.graphClass(designClass, design, analysis, null);
        int[] input = null;
        for (String id : analysis.order()) {
            if (design.node(id).orElseThrow().type().equals(InputBlocks.IMAGE_ID)) {
                Shape s = analysis.node(id).outputs().get(0);
                input = java.util.Arrays.copyOfRange(s.dims(), 1, s.rank());
                break;
            }
        }
        if (input == null) {
            throw new ExportException("the design '" + design.name() + "' has no image input to export");
        }
        StringBuilder out = new StringBuilder();
        header(out, design, designClass, input, analysis);
        for (String id : PythonSources.ordered(ctx.libraryTypes)) {
            out.append("\n\n").append(PythonSources.body(id, PythonSources.source(id).orElseThrow())).append('\n');
        }
        for (String text : ctx.classes) {
            out.append("\n\n").append(text);
        }
        inspection(out, design, top);
        footer(out, designClass);
        return new Generated(out.toString(), designClass, input, analysis.totals().params(), analysis.totals().macs(),
                top.paths);
    }

    private static void header(StringBuilder out, Design design, String cls, int[] input, DesignAnalysis analysis) {
        out.append("\"\"\"").append(PythonNames.docstring(design.name()))
                .append(": the design as PyTorch modules, written by Model Workbench.\n\n")
                .append("Each class below is one block type of the workbench, the same computation with the same\n")
                .append("parameter names, so weights move between the two as .npz files (load_weights, save_weights).\n")
                .append("The last class is the design, wired as its graph is. `python3 check.py` compares this\n")
                .append("model's output with the workbench's for the exported weights.\n\"\"\"\n")
                .append("import math\n")
                .append("import numpy as np\n")
                .append("import torch\n")
                .append("import torch.nn.functional as F\n")
                .append("from torch import nn\n\n")
                .append("DESIGN = ").append(PythonNames.string(design.name())).append('\n')
                .append("INPUT_SHAPE = ").append(PythonNames.literal(input)).append("  # C, H, W of one image\n")
                .append("PARAMETERS = ").append(analysis.totals().params()).append("  # trainable, as the workbench counts\n")
                .append("MACS = ").append(analysis.totals().macs()).append("  # per image\n");
    }

    /**
     * NODE_IDS (attribute → design node id) and RELU_OUTPUTS (the top-level blocks whose output a ReLU-like op
     * makes), so train.py reports per-block statistics under the design's ids, counting dead units as the
     * workbench's inspector does.
     */
    private void inspection(StringBuilder out, Design design, GraphClass top) throws ExportException {
        Set<String> reluOutputs = new TreeSet<>();
        try {
            var program = new org.modelworkbench.trainer.compile.DesignCompiler(library).flatten(design, null);
            WatchedOutputs.of(program).forEach((node, watched) -> {
                if (watched != null && WatchedOutputs.reluLike(watched.op())) {
                    reluOutputs.add(node);
                }
            });
        } catch (org.modelworkbench.trainer.compile.DesignCompileException e) {
            throw new ExportException("the design '" + design.name() + "' cannot be compiled: " + e.getMessage(), e);
        }
        StringBuilder ids = new StringBuilder();
        StringBuilder relu = new StringBuilder();
        for (Map.Entry<String, String> e : top.paths().entrySet()) {
            if (e.getValue().contains(".")) {
                continue; // inside an own composite: the top-level block reports for it
            }
            ids.append("    ").append(PythonNames.string(e.getValue())).append(": ")
                    .append(PythonNames.string(e.getKey())).append(",\n");
            if (reluOutputs.contains(e.getKey())) {
                relu.append(relu.length() == 0 ? "" : ", ").append(PythonNames.string(e.getValue()));
            }
        }
        out.append("\n\n# The design's node id of each top-level block, and the blocks whose output comes from a ReLU-like\n")
                .append("# op (their dead units are those <= 0; elsewhere those == 0): train.py's per-block statistics.\n")
                .append("NODE_IDS = {\n").append(ids).append("}\n")
                .append("RELU_OUTPUTS = ").append(relu.length() == 0 ? "set()" : "{" + relu + "}").append("\n");
    }

    private static void footer(StringBuilder out, String cls) {
        out.append("""


                def build_model():
                    \"\"\"The design, freshly initialised as the workbench initialises it.\"\"\"
                    return %s()


                def state_dict_of(model):
                    \"\"\"The weights under the names the workbench knows (a DDP or compiled wrapper unwrapped).\"\"\"
                    while hasattr(model, "module") and isinstance(model.module, nn.Module):
                        model = model.module
                    return {k: v for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}


                def save_weights(model, path):
                    \"\"\"Writes every parameter and buffer as float32 arrays named as in state_dict() to a .npz.\"\"\"
                    arrays = {k: v.detach().float().cpu().numpy() for k, v in state_dict_of(model).items()}
                    np.savez(path, **arrays)


                def load_weights(model, path):
                    \"\"\"Loads a .npz written by save_weights or by the workbench; names and shapes must match.\"\"\"
                    while hasattr(model, "module") and isinstance(model.module, nn.Module):
                        model = model.module
                    own = state_dict_of(model)
                    with np.load(path) as data:
                        given = {k: data[k] for k in data.files}
                    missing = sorted(set(own) - set(given))
                    extra = sorted(set(given) - set(own))
                    if missing or extra:
                        raise ValueError(f"{path} does not fit {DESIGN}: missing {missing[:5]}, unexpected {extra[:5]}")
                    for k, v in own.items():
                        if tuple(given[k].shape) != tuple(v.shape):
                            raise ValueError(f"{path}: {k} is {tuple(given[k].shape)} there, {tuple(v.shape)} here")
                    tensors = {k: torch.from_numpy(np.ascontiguousarray(given[k])).to(own[k].dtype) for k in own}
                    model.load_state_dict(tensors, strict=False)
                    return model
                """.formatted(cls));
    }

    /** A class generated for a graph (the design or a user composite) and the module paths of its nodes. */
    private record GraphClass(String name, Map<String, String> paths) {
    }

    /** What one generation collects: library types used, the generated classes, user composite classes. */
    private final class Context {
        final Set<String> libraryTypes = new TreeSet<>();
        final List<String> classes = new ArrayList<>();
        final Map<String, GraphClass> userClasses = new HashMap<>();
        PythonNames classNames;


        /** Generates a class for a graph; {@code boundary} lists a user composite's input port ids (null: the design). */
        GraphClass graphClass(String className, Design graph, DesignAnalysis analysis, CompositeDefinition def)
                throws ExportException {
            PythonNames names = new PythonNames(PythonNames.TAKEN);
            Map<String, String> attr = new LinkedHashMap<>();
            Map<String, String> vars = new HashMap<>(); // "node.port" → variable
            Map<String, String> paths = new LinkedHashMap<>();
            List<String> args = new ArrayList<>();
            StringBuilder init = new StringBuilder();
            StringBuilder forward = new StringBuilder();
            List<String> returns = new ArrayList<>();
            Map<String, String> boundaryOut = new HashMap<>();
            for (String id : analysis.order()) {
                Node node = graph.node(id).orElseThrow();
                NodeAnalysis na = analysis.node(id);
                if (node.type().equals(InputBlocks.IMAGE_ID) || node.type().equals(BoundaryBlocks.INPUT_ID)) {
                    String v = names.unique(id);
                    args.add(v);
                    vars.put(id + "." + na.outputPorts().get(0), v);
                    continue;
                }
                Map<String, Edge> incoming = graph.incoming(id);
                List<String> inVars = new ArrayList<>();
                for (String port : na.inputPorts()) {
                    Edge e = incoming.get(port);
                    inVars.add(vars.get(e.from().node() + "." + e.from().port()));
                }
                if (node.type().equals(BoundaryBlocks.OUTPUT_ID)) {
                    boundaryOut.put(id, inVars.get(0));
                    continue;
                }
                BlockType type = DesignTypes.find(library, graph, node.type()).orElseThrow(
                        () -> new ExportException("unknown block type '" + node.type() + "' at node '" + id + "'"));
                String a = names.unique(id);
                attr.put(id, a);
                paths.put(id, a);
                String constructor = constructor(type, node, na, id, paths, a);
                init.append("        self.").append(a).append(" = ").append(constructor).append('\n');
                List<String> outs = new ArrayList<>();
                if (na.outputPorts().size() == 1) {
                    outs.add(a);
                } else {
                    for (String port : na.outputPorts()) {
                        outs.add(names.unique(a + "_" + port));
                    }
                }
                for (int i = 0; i < outs.size(); i++) {
                    vars.put(id + "." + na.outputPorts().get(i), outs.get(i));
                }
                forward.append("        ").append(String.join(", ", outs)).append(" = self.").append(a).append('(')
                        .append(String.join(", ", inVars)).append(")\n");
            }
            if (def != null) {
                for (String out : def.outputs()) {
                    returns.add(boundaryOut.get(out));
                }
            } else {
                for (String id : analysis.order()) {
                    NodeAnalysis na = analysis.node(id);
                    for (String port : na.outputPorts()) {
                        boolean read = graph.outgoing(id).stream().anyMatch(e -> e.from().port().equals(port));
                        if (!read) {
                            returns.add(vars.get(id + "." + port));
                        }
                    }
                }
            }
            StringBuilder cls = new StringBuilder();
            cls.append("class ").append(className).append("(nn.Module):\n")
                    .append("    \"\"\"").append(def == null ? "The design " : "The composite block ")
                    .append(PythonNames.docstring(def == null ? graph.name() : def.name()))
                    .append(def == null ? "" : " (a class per set of input shapes)")
                    .append(".\"\"\"\n\n")
                    .append("    def __init__(self):\n        super().__init__()\n").append(init)
                    .append("\n    def forward(self").append(args.isEmpty() ? "" : ", " + String.join(", ", args)).append("):\n")
                    .append(forward)
                    .append("        return ").append(returns.size() == 1 ? returns.get(0) : String.join(", ", returns))
                    .append('\n');
            classes.add(cls.toString());
            return new GraphClass(className, paths);
        }

        /** The constructor call of one node; a user composite's class is generated (once per input shapes) first. */
        private String constructor(BlockType type, Node node, NodeAnalysis na, String id, Map<String, String> paths,
                                   String attr) throws ExportException {
            String ins = shapes(na.inputs());
            if (type instanceof UserBlockType user) {
                GraphClass inner = userClass(user.definition(), na.inputs(), na.inputLayouts(), id);
                inner.paths.forEach((k, v) -> paths.put(id + "." + k, attr + "." + v));
                return inner.name + "()";
            }
            String cls = PythonSources.className(type.id()).orElseThrow(() -> new ExportException(
                    "block type '" + type.id() + "' (node '" + id + "') has no PyTorch twin yet"));
            libraryTypes.add(type.id());
            ParamValues values;
            try {
                ParamValues raw = type.resolve(node.params());
                // A composite's binder runs too: the head's layout "auto" follows the input's layout, which
                // its Python twin cannot tell from a 4-D shape (N×C×H×W or N×H×W×C).
                values = type.isComposite() ? type.bind(raw, na.inputs(), na.inputLayouts())
                        : na.bound() != null ? na.bound() : type.bind(raw, na.inputs(), na.inputLayouts());
            } catch (InvalidParameterException | ShapeException e) {
                throw new ExportException("node '" + id + "': " + e.getMessage(), e);
            }
            StringBuilder call = new StringBuilder(cls).append('(').append(ins);
            for (Map.Entry<String, Object> p : values.asMap().entrySet()) {
                Object v = "auto".equals(p.getValue()) ? null : p.getValue();
                String name = p.getKey();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || PythonNames.KEYWORDS.contains(name)) {
                    throw new ExportException("block type '" + type.id() + "' has a parameter named '" + name
                            + "' that is no Python keyword argument");
                }
                call.append(", ").append(name).append('=').append(PythonNames.literal(v));
            }
            return call.append(')').toString();
        }

        private GraphClass userClass(CompositeDefinition def, List<Shape> inputs, List<Layout> layouts, String at)
                throws ExportException {
            String key = def.name() + " " + inputs;
            GraphClass known = userClasses.get(key);
            if (known != null) {
                return known;
            }
            Map<String, Shape> shapes = new HashMap<>();
            Map<String, Layout> inLayouts = new HashMap<>();
            for (int i = 0; i < def.inputs().size(); i++) {
                shapes.put(def.inputs().get(i), inputs.get(i));
                inLayouts.put(def.inputs().get(i), layouts.get(i));
            }
            DesignAnalysis inside = DesignAnalyzer.analyzeInside(def.inside(), library, shapes, inLayouts);
            if (inside.hasProblems()) {
                throw new ExportException("node '" + at + "' (" + def.name() + "): " + inside.problems().get(0));
            }
            String name = classNames.unique(PythonNames.className(def.name(), "Block"));
            GraphClass made = graphClass(name, def.inside(), inside, def);
            userClasses.put(key, made);
            return made;
        }
    }

    /** "[(1, 28, 28)]": the input shapes without the batch dimension. */
    static String shapes(List<Shape> shapes) {
        List<String> out = new ArrayList<>();
        for (Shape s : shapes) {
            out.add(PythonNames.literal(java.util.Arrays.copyOfRange(s.dims(), 1, s.rank())));
        }
        return "[" + String.join(", ", out) + "]";
    }

}

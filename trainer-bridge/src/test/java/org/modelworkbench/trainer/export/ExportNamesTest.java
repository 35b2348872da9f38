package org.modelworkbench.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelworkbench.blocks.library.BlockLibrary;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.projects.design.BoundaryBlocks;
import org.modelworkbench.projects.design.CompositeDefinition;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.projects.design.DesignBuilder;
import org.modelworkbench.projects.design.Edge;
import org.modelworkbench.projects.design.Node;
import org.modelworkbench.projects.design.PortRef;
import org.modelworkbench.trainer.engine.TestEngine;
import org.modelworkbench.trainer.train.TrainingConfig;

/**
 * Names from a design become safe Python: a design name that tries to end the docstring, node ids that are
 * keywords, module attributes or that clash once made safe, and an own composite named like a library class
 * (used twice at two input sizes) still export to a model that computes what DJL computes.
 */
class ExportNamesTest {

    @BeforeAll
    static void engine() {
        TestEngine.start();
    }

    static Design hostile() {
        List<BlockType> types = new ArrayList<>(BlockLibrary.standard().types());
        types.addAll(BoundaryBlocks.ALL);
        DesignBuilder inside = new DesignBuilder("Mlp", new BlockLibrary(types));
        String x = inside.add("x", BoundaryBlocks.INPUT_ID, Map.of("shape", List.of(1, 4, 8, 8)));
        String y = inside.add("class", "conv.conv2d", Map.of("out_channels", 4), x);
        y = inside.add("lambda", "activation.relu", Map.of(), y);
        inside.add("y", BoundaryBlocks.OUTPUT_ID, Map.of(), y);

        DesignBuilder outer = new DesignBuilder("x\"\"\"; import os; os.system('echo pwned') #\\N{");
        String in = outer.input("input", 4, 8, 8);
        String a = outer.add("a-b", "conv.conv2d", Map.of("out_channels", 4), in);
        String b = outer.add("a_b", "activation.gelu", Map.of(), a);
        outer.add("forward", "activation.relu", Map.of(), b);
        Design design = outer.build();
        design.putComposite(new CompositeDefinition("Mlp", inside.build(), List.of("x"), List.of("y")));
        design.addNode(new Node("training", "user.Mlp", Map.of(), 0, 100));
        design.addNode(new Node("pool", "pool.max2d", Map.of("kernel", 2), 0, 150));
        design.addNode(new Node("self", "user.Mlp", Map.of(), 0, 200));
        design.connect(new Edge(new PortRef("forward", "y"), new PortRef("training", "x")));
        design.connect(new Edge(new PortRef("training", "y"), new PortRef("pool", "x")));
        design.connect(new Edge(new PortRef("pool", "y"), new PortRef("self", "x")));
        return design;
    }

    @Test
    void hostileNamesBecomeSafeIdentifiersAndTheModelStillComputesWhatDjlComputes(@TempDir Path dir) throws Exception {
        Design design = hostile();
        ModelSource.Generated model = new ModelSource().generate(design);
        assertThat(model.text()).doesNotContain("\nimport os").contains("self.a_b = ").contains("self.a_b_2 = ")
                .contains("self.forward_ = ").contains("self.training_ = ").contains("self.self_ = ");
        assertThat(model.className()).isEqualTo("XImportOsOsSystemEchoPwnedN");
        // The own composite is named like the library's Mlp and used at two sizes: two classes, neither "Mlp".
        assertThat(model.text()).contains("class Mlp_2(nn.Module)").contains("class Mlp_3(nn.Module)")
                .doesNotContain("class Mlp(nn.Module)");
        assertThat(model.torchName("a-b.weight")).isEqualTo("a_b.weight");
        assertThat(model.torchName("self.class.weight")).isEqualTo("self_.class_.weight");

        PythonTorch.assumeAvailable();
        Path out = dir.resolve("hostile");
        new PyTorchExport().exportModel(design, TrainingConfig.defaults(), new PyTorchExport.Weights.Fresh(5), out);
        Process p = new ProcessBuilder(PythonTorch.PYTHON, out.resolve("check.py").toString(), "--json")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(output.lines()).as("the name ran as code").doesNotContain("pwned");
        String json = output.lines().filter(l -> l.startsWith("{")).findFirst().orElse(output);
        assertThat(new ObjectMapper().readTree(json).path("ok").asBoolean()).as(output).isTrue();
        assertThat(Files.readString(out.resolve("model.py"))).startsWith("\"\"\"x'''; import os;");
    }
}

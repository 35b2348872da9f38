package org.modelworkbench.blocks.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelworkbench.blocks.param.ParamSpec;
import org.modelworkbench.blocks.param.ParamValues;
import org.modelworkbench.blocks.shape.Shape;
import org.modelworkbench.blocks.type.BlockType;
import org.modelworkbench.blocks.type.Category;
import org.modelworkbench.blocks.type.Evaluation;
import org.modelworkbench.blocks.type.PortSpec;
import org.modelworkbench.blocks.type.ShapeException;

/**
 * Library-wide sanity: every block type is documented, its parameters and defaults are consistent,
 * and it evaluates on a sensible input with its default parameters, or rejects an input that does
 * not fit with a {@link ShapeException}, never with an unexpected runtime exception.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StandardLibraryTest {
    static final BlockLibrary LIBRARY = BlockLibrary.standard();

    /** Pure tensor plumbing: no publication to cite. */
    static final Set<Category> MAY_HAVE_NO_PAPER = Set.of(Category.TENSOR, Category.MERGE);

    /** Typical inputs, one per layout family, at the size of a first stage (ImageNet at 224 / stride 4). */
    static final Map<String, Shape> TYPICAL = typical();

    /**
     * Blocks whose input ports want different shapes from one another, or a layout none of the
     * typical shapes has; each with the input it is built for.
     */
    static final Map<String, List<Shape>> SPECIFIC_INPUTS = Map.of(
            // The default sizes [32, 32] split 64 channels.
            "tensor.split", List.of(Shape.of(1, 64, 56, 56)),
            // y holds the K = 4 scanned sequences of D = 96 channels over T = H·W tokens; like gives H×W.
            "mamba.cross_merge", List.of(Shape.of(1, 4, 96, 56 * 56), Shape.of(1, 96, 56, 56)));

    /**
     * Shapes that fit no block in particular, to check that blocks reject them cleanly. No dimension
     * is 0: designs cannot produce empty tensors (image inputs and --input sizes are at least 1, and
     * {@link #assertNoEmptyDimension} checks that no block makes one), and some rules divide by a
     * channel count (conv.depthwise, linear.linear).
     */
    static final List<Shape> ODD = List.of(Shape.of(1), Shape.of(1, 5), Shape.of(1, 7, 5, 3), Shape.of(2, 3, 1, 1),
            Shape.of(1, 1, 1, 1, 1), Shape.of(1, 1, 2, 2), Shape.of(3, 5, 7), Shape.of(1, 3, 13, 13));

    private static Map<String, Shape> typical() {
        Map<String, Shape> m = new LinkedHashMap<>();
        m.put("image N×C×H×W", Shape.of(1, 3, 224, 224));
        m.put("feature map N×C×H×W", Shape.of(1, 96, 56, 56));
        m.put("channels-last N×H×W×C", Shape.of(1, 56, 56, 96));
        m.put("channels-last qkv N×H×W×3C", Shape.of(1, 56, 56, 3 * 96));
        m.put("tokens N×T×C", Shape.of(1, 196, 96));
        m.put("sequence N×D×T", Shape.of(1, 96, 56 * 56));
        m.put("scans N×K×D×T", Shape.of(1, 4, 96, 56 * 56));
        m.put("features N×C", Shape.of(1, 768));
        return Collections.unmodifiableMap(m);
    }

    static Stream<BlockType> types() {
        return LIBRARY.types().stream();
    }

    @Test
    void block_ids_are_unique_and_every_family_is_in_the_library() {
        List<BlockType> declared = StandardFamilies.all();
        Set<String> ids = new HashSet<>();
        for (BlockType t : declared) {
            assertThat(ids.add(t.id())).as("id %s is declared once", t.id()).isTrue();
        }
        assertThat(LIBRARY.ids()).hasSameSizeAs(declared).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(LIBRARY.types()).extracting(BlockType::category).isSorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void every_block_type_is_documented(BlockType t) {
        assertThat(t.id()).matches("[a-z][a-z0-9_]*\\.[a-z0-9_]+");
        assertThat(t.displayName()).as("display name of %s", t.id()).isNotBlank();
        assertThat(t.description()).as("description of %s", t.id()).isNotBlank().endsWith(".");
        assertThat(t.category()).isNotNull();
        if (!MAY_HAVE_NO_PAPER.contains(t.category())) {
            assertThat(t.paper().citation()).as("paper of %s", t.id()).isNotBlank();
        }
        for (ParamSpec p : t.params()) {
            assertThat(p.name()).as("parameter of %s", t.id()).matches("[a-z][a-z0-9_]*");
            assertThat(p.doc()).as("doc of %s.%s", t.id(), p.name()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void every_key_parameter_is_declared_and_every_default_resolves(BlockType t) throws Exception {
        List<String> names = t.params().stream().map(ParamSpec::name).toList();
        assertThat(names).as("parameters of %s", t.id()).doesNotHaveDuplicates();
        assertThat(t.keyParams()).as("key parameters of %s", t.id()).doesNotHaveDuplicates().isSubsetOf(names);

        ParamValues defaults = t.defaults();
        assertThat(defaults.asMap().keySet()).containsExactlyElementsOf(names);
        for (ParamSpec p : t.params()) {
            assertThat(p.coerce(p.defaultValue())).as("default of %s.%s", t.id(), p.name())
                    .isEqualTo(defaults.get(p.name()));
            assertThat(p.rangeText()).isNotBlank();
        }
        assertThat(t.resolve(defaults.asMap())).as("resolving the defaults again").isEqualTo(defaults);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void every_block_type_has_named_ports(BlockType t) {
        ParamValues defaults = t.defaults();
        List<PortSpec> in = t.inputs(defaults);
        List<PortSpec> out = t.outputs(defaults);
        assertThat(out).as("outputs of %s", t.id()).isNotEmpty();
        if (t.category() != Category.INPUT) {
            assertThat(in).as("inputs of %s", t.id()).isNotEmpty();
        }
        assertThat(in).extracting(PortSpec::name).doesNotHaveDuplicates().allMatch(n -> !n.isBlank() && !n.contains("."));
        assertThat(out).extracting(PortSpec::name).doesNotHaveDuplicates().allMatch(n -> !n.isBlank() && !n.contains("."));
        assertThat(in).extracting(PortSpec::layout).allMatch(l -> !l.isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void every_block_type_evaluates_a_typical_input_with_its_defaults(BlockType t) {
        ParamValues defaults = t.defaults();
        int ports = t.inputs(defaults).size();
        Map<String, List<Shape>> candidates = new LinkedHashMap<>();
        if (SPECIFIC_INPUTS.containsKey(t.id())) {
            candidates.put("specific", SPECIFIC_INPUTS.get(t.id()));
        }
        TYPICAL.forEach((name, shape) -> candidates.put(name, Collections.nCopies(ports, shape)));

        List<String> rejected = new ArrayList<>();
        Evaluation accepted = null;
        for (Map.Entry<String, List<Shape>> c : candidates.entrySet()) {
            try {
                Evaluation e = t.evaluate(c.getValue(), defaults);
                if (accepted == null) {
                    accepted = e;
                }
                assertThat(e.outputs()).as("%s on %s", t.id(), c.getValue()).hasSameSizeAs(t.outputs(defaults));
                assertNoEmptyDimension(t, c.getValue(), e);
                assertThat(e.params()).isNotNegative();
                assertThat(e.macs()).isNotNegative();
                assertThat(e.activationBytes()).isNotNegative();
            } catch (ShapeException expected) {
                rejected.add(c.getKey() + " " + c.getValue() + ": " + expected.getMessage());
            } catch (RuntimeException unexpected) {
                throw new AssertionError(t.id() + " crashed on " + c.getValue() + " instead of evaluating it or "
                        + "throwing a ShapeException: " + unexpected, unexpected);
            }
        }
        if (accepted == null) {
            fail(t.id() + " accepts none of the typical inputs:\n  " + String.join("\n  ", rejected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void every_block_type_rejects_an_odd_input_with_a_shape_exception_and_never_crashes(BlockType t) {
        ParamValues defaults = t.defaults();
        int ports = t.inputs(defaults).size();
        List<List<Shape>> inputs = new ArrayList<>();
        ODD.forEach(s -> inputs.add(Collections.nCopies(ports, s)));
        TYPICAL.values().forEach(s -> inputs.add(Collections.nCopies(ports + 1, s))); // one input too many
        if (ports > 1) {
            inputs.add(List.of(TYPICAL.get("feature map N×C×H×W"))); // too few
        }
        for (List<Shape> in : inputs) {
            try {
                Evaluation e = t.evaluate(in, defaults);
                assertThat(e.outputs()).as("%s on %s", t.id(), in).hasSameSizeAs(t.outputs(defaults));
                assertNoEmptyDimension(t, in, e);
            } catch (ShapeException expected) {
                assertThat(expected.getMessage()).as("message of %s on %s", t.id(), in).isNotBlank();
                if (expected.port() != null) {
                    assertThat(t.inputs(defaults)).extracting(PortSpec::name).contains(expected.port());
                }
            } catch (RuntimeException unexpected) {
                throw new AssertionError(t.id() + " crashed on " + in + " instead of throwing a ShapeException: "
                        + unexpected, unexpected);
            }
        }
    }

    static void assertNoEmptyDimension(BlockType t, List<Shape> inputs, Evaluation e) {
        for (Shape out : e.outputs()) {
            assertThat(out.dims()).as("%s on %s gives %s: an empty tensor", t.id(), inputs, out).doesNotContain(0);
        }
    }
}

package org.modelworkbench.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelworkbench.app.bench.AnalysisBenchmark;
import org.modelworkbench.app.cli.WorkbenchCommand;
import org.modelworkbench.app.gui.profile.MeasureProcess;
import org.modelworkbench.trainer.compile.DesignBlock;
import org.modelworkbench.trainer.compile.DesignCompiler;
import org.modelworkbench.trainer.engine.DjlRuntime;
import org.modelworkbench.trainer.profile.MeasuredProfiler;
import org.modelworkbench.trainer.profile.ProfileJson;
import org.modelworkbench.app.gui.training.RunDesigns;
import org.modelworkbench.editor.canvas.bench.LargeDesigns;
import org.modelworkbench.editor.clipboard.EditorClipboard;
import org.modelworkbench.editor.command.Command;
import org.modelworkbench.editor.group.CompositeNavigator;
import org.modelworkbench.projects.design.Design;
import org.modelworkbench.trainer.train.DropPathRates;

/**
 * The module layering of ARCHITECTURE.md as rules over the compiled classes of every module on the
 * app's class path (main code only):
 * app → graph-editor / visualizers / trainer-bridge → projects → block-library. Also: the command
 * line stays free of the GUI and JavaFX, and only commands (and the model's own internals) change a
 * design.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LayeringTest {
    static final String BLOCKS = "org.modelworkbench.blocks..";
    static final String PROJECTS = "org.modelworkbench.projects..";
    static final String EDITOR = "org.modelworkbench..editor..";
    static final String TRAINER = "org.modelworkbench.trainer..";
    static final String VISUALIZERS = "org.modelworkbench.visualizers..";
    static final String APP = "org.modelworkbench.app..";
    static final String CLI = "org.modelworkbench.app.cli..";
    static final String GUI = "org.modelworkbench.app.gui..";

    /** The methods that change a {@link Design}: its name, nodes, edges, composites and their order. */
    static final Set<String> DESIGN_MUTATORS = Set.of("setName", "setDescription", "addNode", "replaceNode",
            "removeNode", "connect", "disconnect", "putComposite", "removeComposite", "restoreOrder");
    /** The rest of Design's public methods: they read, copy or observe it. */
    static final Set<String> DESIGN_READERS = Set.of("name", "description", "revision", "nodes", "node", "size",
            "edges", "incoming", "outgoing", "addListener", "removeListener", "uniqueId", "copy", "composites",
            "composite", "compositeScope", "isCompositeInside", "compositesRevision", "compositeCycle",
            "compositeContains", "nodeOrder", "equals", "hashCode", "toString");

    /**
     * Who may change a design. An edit of the user's document is a command (an undoable step);
     * projects' own internals build and migrate designs (design, files), group and ungroup for the
     * group commands and build library insides (composite), and build the templates (templates).
     * The named classes change only designs they have just made and no editor shows yet: the
     * clipboard's fragment and the composite definitions it hands to commands, the navigator's laid-out
     * copy of a library block's inside, the benchmarks' generated designs, the copy of a training
     * run's design snapshot named after the run before it opens as a new document, and the trainer's
     * copy of a design with its drop-path rates set for one run.
     */
    static final DescribedPredicate<JavaClass> MAY_MUTATE_A_DESIGN = assignableTo(Command.class)
            .or(resideInAnyPackage("org.modelworkbench.projects.design..", "org.modelworkbench.projects.files..",
                    "org.modelworkbench.projects.composite..", "org.modelworkbench.projects.templates.."))
            .or(belongToAnyOf(EditorClipboard.class, CompositeNavigator.class, LargeDesigns.class,
                    AnalysisBenchmark.class, RunDesigns.class, DropPathRates.class))
            .as("an editor command, projects' internals, or a builder of a new design");

    static final DescribedPredicate<JavaAccess<?>> A_DESIGN_MUTATOR = DescribedPredicate.describe(
            "a Design mutator (" + String.join(", ", new TreeSet<>(DESIGN_MUTATORS)) + ")",
            access -> access.getTargetOwner().isEquivalentTo(Design.class)
                    && DESIGN_MUTATORS.contains(access.getTarget().getName()));

    /** Types, parameters, shapes and graphs of blocks: what every block family is written in. */
    static final List<String> BLOCK_CORE = List.of("type", "param", "shape", "graph");
    /** Single-operation blocks: they depend on the core only. */
    static final List<String> PRIMITIVES = List.of("io", "conv", "linear", "norm", "activation", "pool", "tensor",
            "merge", "regularization");
    /** Composite building blocks shared by several families (patch embedding, attention and MLP, heads). */
    static final List<String> SHARED = List.of("embedding", "attention", "head");
    /** One package per network family; none may reach into another. */
    static final List<String> FAMILIES = List.of("resnet", "mbconv", "convnext", "swin", "focal", "mamba", "vit",
            "poolformer");

    static JavaClasses classes;

    /**
     * Test classes are left out. ArchUnit's own DoNotIncludeTests only knows "target/test-classes",
     * and parallel builds of this checkout use other output folders (-Dmw.target=target-NAME).
     */
    static final class MainCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/");
        }
    }

    @BeforeAll
    static void importTheMainCodeOfEveryModule() {
        // Classes outside org.modelworkbench (the JDK, Jackson, picocli) are only needed by name and
        // package here; not resolving them from the class path keeps the import fast.
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = new ClassFileImporter().withImportOption(new MainCodeOnly()).importPackages("org.modelworkbench");
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void the_import_sees_the_block_library_the_projects_and_the_app_but_no_tests() {
        assertThat(classes.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("org.modelworkbench.blocks."))
                .anyMatch(p -> p.startsWith("org.modelworkbench.projects."))
                .anyMatch(p -> p.startsWith("org.modelworkbench.app."));
        assertThat(classes.stream().map(c -> c.getSimpleName())).noneMatch(n -> n.endsWith("Test"));
    }

    @Test
    void the_block_library_depends_on_no_other_module() {
        noClasses().that().resideInAPackage(BLOCKS)
                .should().dependOnClassesThat().resideInAnyPackage(PROJECTS, EDITOR, TRAINER, VISUALIZERS, APP)
                .check(classes);
    }

    @Test
    void the_block_library_uses_only_the_jdk_and_the_djl_api() {
        classes().that().resideInAPackage(BLOCKS)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", BLOCKS, "ai.djl..")
                .check(classes);
        noClasses().that().resideInAPackage(BLOCKS)
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl.pytorch..", "ai.djl.engine..")
                .check(classes);
    }

    @Test
    void projects_depend_on_neither_the_editor_nor_the_trainer_nor_the_visualizers_nor_the_app() {
        noClasses().that().resideInAPackage(PROJECTS)
                .should().dependOnClassesThat().resideInAnyPackage(EDITOR, TRAINER, VISUALIZERS, APP)
                .check(classes);
    }

    @Test
    void neither_blocks_nor_projects_use_javafx() {
        noClasses().that().resideInAnyPackage(BLOCKS, PROJECTS)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void only_the_trainer_uses_the_pytorch_engine() {
        noClasses().that().resideOutsideOfPackage(TRAINER)
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl.pytorch..")
                .check(classes);
    }

    @Test
    void the_trainer_depends_on_neither_javafx_nor_the_editor_nor_the_visualizers_nor_the_app() {
        noClasses().that().resideInAPackage(TRAINER)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", EDITOR, VISUALIZERS, APP)
                .check(classes);
    }

    @Test
    void the_trainer_rules_are_not_vacuous_the_design_compiler_is_on_the_class_path_and_uses_djl() {
        assertThat(classes.contain("org.modelworkbench.trainer.compile.DesignCompiler")).isTrue();
        assertThat(classes.get("org.modelworkbench.trainer.compile.DesignBlock").getRawSuperclass())
                .hasValueSatisfying(c -> assertThat(c.getName()).isEqualTo("ai.djl.nn.AbstractBlock"));
    }

    @Test
    void the_block_core_depends_on_no_block_family() {
        classes().that().resideInAnyPackage(blockPackages(BLOCK_CORE))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(BLOCK_CORE))
                .check(classes);
    }

    @Test
    void primitive_blocks_depend_on_the_block_core_only() {
        for (String primitive : PRIMITIVES) {
            classes().that().resideInAPackage(blockPackage(primitive))
                    .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(BLOCK_CORE, List.of(primitive)))
                    .check(classes);
        }
    }

    @Test
    void shared_building_blocks_depend_on_the_core_and_the_primitives_only() {
        for (String shared : SHARED) {
            classes().that().resideInAPackage(blockPackage(shared))
                    .should().onlyDependOnClassesThat()
                    .resideInAnyPackage(allowed(BLOCK_CORE, PRIMITIVES, List.of(shared)))
                    .check(classes);
        }
    }

    static Stream<String> families() {
        return FAMILIES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void a_block_family_builds_on_the_core_primitives_and_shared_blocks_but_on_no_other_family(String family) {
        classes().that().resideInAPackage(blockPackage(family))
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(allowed(BLOCK_CORE, PRIMITIVES, SHARED, List.of(family)))
                .check(classes);
    }

    @Test
    void the_family_rule_is_not_vacuous_it_sees_focalnet_use_the_shared_attention_blocks() {
        EvaluationResult withoutShared = classes().that().resideInAPackage(blockPackage("focal"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed(BLOCK_CORE, PRIMITIVES, List.of("focal")))
                .evaluate(classes);
        assertThat(withoutShared.hasViolation()).isTrue();
        assertThat(withoutShared.getFailureReport().toString()).contains("org.modelworkbench.blocks.attention.");
    }

    @Test
    void every_block_package_is_in_one_of_the_layers_above() {
        List<String> known = new ArrayList<>();
        Stream.of(BLOCK_CORE, PRIMITIVES, SHARED, FAMILIES).forEach(known::addAll);
        known.add("library");
        assertThat(classes.stream().map(c -> c.getPackageName())
                .filter(p -> p.startsWith("org.modelworkbench.blocks."))
                .map(p -> p.substring("org.modelworkbench.blocks.".length()).split("\\.")[0]).distinct())
                .as("a new block package must be placed in a layer of this test")
                .allMatch(known::contains);
    }

    @Test
    void only_the_library_itself_depends_on_the_standard_library() {
        noClasses().that().resideInAPackage(BLOCKS).and().resideOutsideOfPackage("org.modelworkbench.blocks.library..")
                .should().dependOnClassesThat().resideInAPackage("org.modelworkbench.blocks.library..")
                .check(classes);
    }

    /**
     * libtorch in the editor's process would take the editor down with any native crash: the GUI
     * measures (and trains) in child processes and reads their JSON, so it uses no DJL class and
     * nothing of the trainer that starts the engine or runs a model.
     */
    @Test
    void the_gui_never_loads_the_engine_in_its_own_process() {
        guiEngineRule().check(classes);
    }

    private static ArchRule guiEngineRule() {
        return noClasses().that().resideInAPackage(GUI)
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .orShould().dependOnClassesThat().belongToAnyOf(DjlRuntime.class, MeasuredProfiler.class,
                        DesignCompiler.class, DesignBlock.class)
                .because("a native crash of the engine must not take the editor down");
    }

    @Test
    void the_gui_engine_rule_is_not_vacuous_the_gui_reads_measured_profiles_of_the_trainer() {
        assertThat(classes.get(MeasureProcess.class).getDirectDependenciesFromSelf())
                .anySatisfy(d -> assertThat(d.getTargetClass().getName()).isEqualTo(ProfileJson.class.getName()));
        assertThat(noClasses().that().resideInAPackage("org.modelworkbench.app.cli..")
                .should().dependOnClassesThat().belongToAnyOf(DjlRuntime.class, MeasuredProfiler.class)
                .evaluate(classes).hasViolation()).as("the command line, by contrast, runs the engine").isTrue();
    }

    @Test
    void the_command_line_depends_on_neither_the_gui_nor_javafx_nor_the_editor_kit() {
        cliRule().check(classes);
    }

    private static ArchRule cliRule() {
        return noClasses().that().resideInAPackage(CLI)
                .should().dependOnClassesThat().resideInAnyPackage(GUI, "javafx..", EDITOR)
                .because("the command line reaches the graphical side only through WorkbenchCommand.GuiStarter and "
                        + "WorkbenchCommand.EditorMeasurement, which Main fills in");
    }

    @Test
    void the_command_line_rule_is_not_vacuous_the_editor_benchmark_behind_the_seam_uses_the_gui_and_javafx() {
        EvaluationResult bench = noClasses().that().resideInAPackage("org.modelworkbench.app.bench..")
                .should().dependOnClassesThat().resideInAnyPackage(GUI, "javafx..").evaluate(classes);
        assertThat(bench.getFailureReport().toString())
                .contains("org.modelworkbench.app.gui.").contains("javafx.application.Platform");
        assertThat(classes.get(WorkbenchCommand.class).getDirectDependenciesFromSelf())
                .as("the rule sees the command line's dependencies").isNotEmpty();
    }

    @Test
    void only_commands_change_a_design_apart_from_projects_internals_and_builders_of_new_designs() {
        designMutationRule(MAY_MUTATE_A_DESIGN).check(classes);
    }

    private static ArchRule designMutationRule(DescribedPredicate<JavaClass> allowed) {
        return noClasses().that(DescribedPredicate.not(allowed))
                .should().accessTargetWhere(A_DESIGN_MUTATOR)
                .because("every edit of a document is an undoable command");
    }

    @Test
    void the_mutation_rule_is_not_vacuous_without_the_commands_it_finds_the_edit_commands() {
        EvaluationResult withoutCommands = designMutationRule(MAY_MUTATE_A_DESIGN.and(not(assignableTo(Command.class)))
                .or(resideInAnyPackage(PROJECTS))).evaluate(classes);
        assertThat(withoutCommands.getFailureReport().toString())
                .contains("org.modelworkbench.editor.edit.AddElements")
                .contains("org.modelworkbench.editor.group.DefineComposite");
    }

    @Test
    void every_public_method_of_design_is_known_as_a_mutator_or_a_reader() {
        JavaClass design = classes.get(Design.class);
        Set<String> methods = new TreeSet<>();
        design.getMethods().stream().filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                .forEach(m -> methods.add(m.getName()));
        Set<String> known = new TreeSet<>(DESIGN_MUTATORS);
        known.addAll(DESIGN_READERS);
        assertThat(methods).as("a new public method of Design must be listed in this test as a mutator or a reader")
                .isSubsetOf(known)
                .containsAll(DESIGN_MUTATORS);
    }

    /** Composite types live beside the graphs they expand into, so {@code type} never needs {@code graph}. */
    @Test
    void the_block_packages_are_free_of_cycles() {
        cyclesRule().check(classes);
    }

    private static SliceRule cyclesRule() {
        return slices().matching("org.modelworkbench.blocks.(*)..").should().beFreeOfCycles();
    }

    private static String blockPackage(String name) {
        return "org.modelworkbench.blocks." + name + "..";
    }

    private static String[] blockPackages(List<String> names) {
        return names.stream().map(LayeringTest::blockPackage).toArray(String[]::new);
    }

    @SafeVarargs
    private static String[] allowed(List<String>... layers) {
        List<String> packages = new ArrayList<>(List.of("java.."));
        for (List<String> layer : layers) {
            layer.forEach(p -> packages.add(blockPackage(p)));
        }
        return packages.toArray(String[]::new);
    }
}

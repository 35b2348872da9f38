package org.modelworkbench.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonNamesTest {

    @Test
    void nodeIdsBecomeIdentifiersThatAreNeitherKeywordsNorModuleAttributesAndNeverClash() {
        PythonNames names = new PythonNames(PythonNames.TAKEN);
        assertThat(names.unique("stage-1")).isEqualTo("stage_1");
        assertThat(names.unique("stage_1")).isEqualTo("stage_1_2");
        assertThat(names.unique("class")).isEqualTo("class_");
        assertThat(names.unique("training")).isEqualTo("training_");
        assertThat(names.unique("forward")).isEqualTo("forward_");
        assertThat(names.unique("_hidden")).isEqualTo("n_hidden");
        assertThat(names.unique("1x1")).isEqualTo("n1x1");
        assertThat(names.unique("x); import os; (")).isEqualTo("x___import_os___");
        assertThat(names.unique("")).isEqualTo("node");
    }

    @Test
    void classNamesAreCamelCaseFromAnyName() {
        assertThat(PythonNames.className("resnet-fmnist", "Design")).isEqualTo("ResnetFmnist");
        assertThat(PythonNames.className("18 layers", "Design")).isEqualTo("Design18Layers");
        assertThat(PythonNames.className("ü§", "Design")).isEqualTo("Design");
    }

    @Test
    void literalsCannotCarryCode() {
        assertThat(PythonNames.literal("a'); import os #")).isEqualTo("'a\\'); import os #'");
        assertThat(PythonNames.literal("back\\slash\nnew line")).isEqualTo("'back\\\\slash\\u000anew line'");
        assertThat(PythonNames.literal(List.of(0, 2, 3, 1))).isEqualTo("[0, 2, 3, 1]");
        assertThat(PythonNames.literal(1e-5)).isEqualTo("1.0E-5");
        assertThat(PythonNames.literal(true)).isEqualTo("True");
        assertThat(PythonNames.literal(null)).isEqualTo("None");
        assertThat(PythonNames.literal(new int[] {3})).isEqualTo("(3,)");
        assertThat(PythonNames.docstring("a \"\"\" b \\N{x}")).isEqualTo("a ''' b /N{x}");
    }
}

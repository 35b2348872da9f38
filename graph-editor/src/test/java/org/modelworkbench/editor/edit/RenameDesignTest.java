package org.modelworkbench.editor.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.modelworkbench.editor.command.CommandStack;
import org.modelworkbench.projects.design.Design;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RenameDesignTest {
    @Test
    void name_and_description_change_in_one_step_and_undo_restores_both() {
        Design design = new Design("Untitled design");
        CommandStack stack = new CommandStack();

        stack.execute(new RenameDesign(design, "  Tiny net ", "Two convolutions."));

        assertThat(design.name()).isEqualTo("Tiny net");
        assertThat(design.description()).isEqualTo("Two convolutions.");
        assertThat(stack.undoDescriptionProperty().get()).isEqualTo("Rename to Tiny net");
        stack.undo();
        assertThat(design.name()).isEqualTo("Untitled design");
        assertThat(design.description()).isEmpty();
        stack.redo();
        assertThat(design.name()).isEqualTo("Tiny net");
    }

    @Test
    void a_blank_name_is_refused_and_an_unchanged_one_is_told() {
        Design design = new Design("Net");
        assertThatThrownBy(() -> new RenameDesign(design, "  ", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RenameDesign(design, "Net", "").changesNothing()).isTrue();
        assertThat(new RenameDesign(design, "Net", "More.").description()).isEqualTo("Edit the description of Net");
    }
}

package org.modelworkbench.editor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandStackTest {
    private final List<String> log = new ArrayList<>();

    private Command step(String name) {
        return new Command() {
            @Override
            public void execute() {
                log.add("do " + name);
            }

            @Override
            public void undo() {
                log.add("undo " + name);
            }

            @Override
            public String description() {
                return name;
            }
        };
    }

    @Test
    void undoAndRedoReplayCommandsInOrderAndNameTheNextAction() {
        CommandStack stack = new CommandStack();
        stack.execute(step("a"));
        stack.execute(step("b"));
        assertThat(stack.undoDescriptionProperty().get()).isEqualTo("b");
        stack.undo();
        assertThat(stack.redoDescriptionProperty().get()).isEqualTo("b");
        assertThat(stack.undoDescriptionProperty().get()).isEqualTo("a");
        stack.redo();
        assertThat(log).containsExactly("do a", "do b", "undo b", "do b");
    }

    @Test
    void executingANewCommandClearsTheRedoHistory() {
        CommandStack stack = new CommandStack();
        stack.execute(step("a"));
        stack.undo();
        stack.execute(step("c"));
        assertThat(stack.canRedoProperty().get()).isFalse();
    }

    @Test
    void aCompositeIsOneUndoStepUndoneInReverseOrder() {
        CommandStack stack = new CommandStack();
        stack.execute(new CompositeCommand("both", List.of(step("a"), step("b"))));
        stack.undo();
        assertThat(log).containsExactly("do a", "do b", "undo b", "undo a");
        assertThat(stack.canUndoProperty().get()).isFalse();
    }

    @Test
    void aCommandThatPushesAnotherWhileRunningIsRefused() {
        CommandStack stack = new CommandStack();
        Command reentrant = new Command() {
            @Override
            public void execute() {
                stack.execute(step("inner"));
            }

            @Override
            public void undo() {
            }

            @Override
            public String description() {
                return "outer";
            }
        };
        assertThatThrownBy(() -> stack.execute(reentrant)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("while it runs");
        assertThat(stack.canUndoProperty().get()).isFalse();
    }

    @Test
    void theStackIsDirtyExactlyWhenItDiffersFromTheSavePoint() {
        CommandStack stack = new CommandStack();
        assertThat(stack.dirtyProperty().get()).isFalse();
        stack.execute(step("a"));
        assertThat(stack.dirtyProperty().get()).isTrue();
        stack.markSaved();
        assertThat(stack.dirtyProperty().get()).isFalse();
        stack.undo();
        assertThat(stack.dirtyProperty().get()).isTrue();
        stack.redo();
        assertThat(stack.dirtyProperty().get()).isFalse();
    }
}

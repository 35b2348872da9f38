package org.modelworkbench.editor.lifecycle;

/**
 * A view (or any other follower of an {@code EditorModel}) that can be let go: {@link #dispose()}
 * removes every listener it added to anything that outlives it, so a view that is no longer shown
 * stops following the model and can be collected. Calling it twice does nothing more.
 */
@FunctionalInterface
public interface Disposable {
    void dispose();
}

package org.modelworkbench.app.gui.window;

import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Tooltip;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.modelworkbench.app.format.Numbers;
import org.modelworkbench.app.gui.document.Document;
import org.modelworkbench.editor.lifecycle.Disposable;
import org.modelworkbench.editor.lifecycle.Subscriptions;
import org.modelworkbench.editor.canvas.GraphCanvas;
import org.modelworkbench.projects.analysis.DesignAnalysis;

/**
 * The line at the bottom of the window: design name, node count, params and MACs totals, zoom,
 * an "unsaved" marker, and short messages ("Saved …") that fade after a few seconds.
 */
final class StatusBarView extends HBox {
    private final Label name = label("status-name");
    private final Label nodes = label("status-nodes");
    private final Label params = label("status-params");
    private final Label macs = label("status-macs");
    private final Label zoom = label("status-zoom");
    private final Label unsaved = label("status-unsaved");
    private final Label message = label("status-message");
    private final Label notice = label("status-notice");
    private final PauseTransition messageTimeout = new PauseTransition(Duration.seconds(6));
    private Document document;
    private GraphCanvas canvas;
    private boolean designInView = true;
    private final InvalidationListener refresh = o -> refresh();
    private final ChangeListener<Number> zoomListener = (o, a, b) -> showZoom();

    StatusBarView() {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        name.getStyleClass().add("status-name");
        name.setMinWidth(60);
        unsaved.getStyleClass().add("status-unsaved");
        unsaved.setText("● unsaved");
        message.getStyleClass().add("muted");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(name, unsaved, separator(), nodes, separator(), params, separator(), macs, grow, message,
                separator(), zoom);
        messageTimeout.setOnFinished(e -> message.setText(""));
        notice.getStyleClass().addAll("status-notice", "danger");
        notice.setMinWidth(0);
        notice.setVisible(false);
        notice.setManaged(false);
        notice.setOnMouseClicked(e -> {
            notice.setVisible(false);
            notice.setManaged(false);
        });
        getChildren().add(getChildren().indexOf(message) + 1, notice);
        showNothing();
    }

    /**
     * Follows a document and the canvas shown for it until the returned {@link Disposable} is
     * disposed (the workspace that owns the canvas does that when it is replaced); then shows
     * nothing until the next one follows.
     */
    Disposable follow(Document doc, GraphCanvas canvas) {
        Subscriptions following = new Subscriptions();
        document = doc;
        this.canvas = canvas;
        following.onInvalidated(doc.model().analysisProperty(), refresh);
        following.onInvalidated(doc.dirtyProperty(), refresh);
        following.onInvalidated(doc.displayNameProperty(), refresh);
        following.onChange(doc.designNameProperty(), (o, was, now) -> refresh());
        following.onChange(canvas.zoomProperty(), zoomListener);
        following.add(() -> {
            if (document == doc && this.canvas == canvas) {
                showNothing();
            }
        });
        refresh();
        showZoom();
        return following;
    }

    /** No design open: just the "No design open" line. */
    void showNothing() {
        document = null;
        canvas = null;
        refresh();
        showZoom();
    }

    /**
     * A notice that stays until clicked (unlike {@link #message}), for a problem the user should
     * know about but that needs no answer, e.g. settings that could not be written.
     */
    void notice(String text) {
        notice.setText(text);
        notice.setTooltip(new javafx.scene.control.Tooltip(text + "\n(click to dismiss)"));
        notice.setVisible(true);
        notice.setManaged(true);
    }

    /**
     * Runs long work off the FX thread, showing its message, a progress indicator and a Cancel
     * button here until it ends; {@code onSuccess} then runs on the FX thread.
     */
    void runTask(javafx.concurrent.Task<?> task, String text, Runnable onSuccess) {
        javafx.scene.control.ProgressIndicator progress = new javafx.scene.control.ProgressIndicator();
        progress.setId("status-progress");
        progress.setPrefSize(16, 16);
        progress.setMaxSize(16, 16);
        javafx.scene.control.Button cancel = new javafx.scene.control.Button("Cancel");
        cancel.setId("status-cancel");
        cancel.getStyleClass().addAll("flat", "small");
        cancel.setOnAction(e -> task.cancel());
        HBox box = new HBox(6, progress, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        int at = getChildren().indexOf(message);
        getChildren().add(at, box);
        messageTimeout.stop();
        message.setText(text);
        Runnable done = () -> getChildren().remove(box);
        task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            done.run();
            message("Done: " + text.replace("…", ""));
            if (onSuccess != null) {
                onSuccess.run();
            }
        });
        task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            done.run();
            message("Cancelled");
        });
        task.addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            done.run();
            Throwable t = task.getException();
            message("Failed: " + (t == null ? "unknown error" : t.getMessage() == null ? t.toString() : t.getMessage()));
        });
        Thread thread = new Thread(task, "workbench-task");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Shows a job that runs for a while (a training run) while {@code active}: a small progress bar
     * (-1: indeterminate) and its line; a click on it runs {@code onClick} (e.g. shows its panel).
     */
    void trackJob(ObservableValue<? extends Number> progress, ObservableValue<String> text,
                  ObservableValue<Boolean> active, Runnable onClick) {
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar();
        bar.setId("status-job-progress");
        bar.setPrefWidth(90);
        bar.setMaxHeight(12);
        bar.progressProperty().bind(progress);
        Label line = label("status-job-text");
        line.textProperty().bind(text);
        HBox job = new HBox(6, bar, line);
        job.setId("status-job");
        job.setAlignment(Pos.CENTER_LEFT);
        job.visibleProperty().bind(active);
        job.managedProperty().bind(active);
        job.setCursor(javafx.scene.Cursor.HAND);
        job.setOnMouseClicked(e -> onClick.run());
        Tooltip.install(job, new Tooltip("Show the training panel"));
        getChildren().add(getChildren().indexOf(message), job);
    }

    void message(String text) {
        message.setText(text);
        messageTimeout.playFromStart();
    }

    private void refresh() {
        boolean open = document != null;
        for (javafx.scene.Node n : getChildren()) {
            if (n != name && n != unsaved && n != message && n != notice && !"status-job".equals(n.getId())) {
                n.setVisible(open);
            }
        }
        if (!open) {
            name.setText("No design open");
            unsaved.setVisible(false);
            return;
        }
        name.setText(document.model().design().name());
        unsaved.setVisible(document.isDirty());
        int n = document.model().design().size();
        nodes.setText(n + (n == 1 ? " node" : " nodes"));
        DesignAnalysis a = document.model().analysis();
        if (a != null) {
            params.setText(Numbers.si(a.totals().params()) + " params");
            macs.setText(Numbers.si(a.totals().macs()) + " MACs");
        }
    }

    /**
     * Whether the workspace is in view: behind the start page no canvas is seen, so no zoom is shown
     * (the design's name and totals stay: it is still the open design).
     */
    void setDesignInView(boolean inView) {
        designInView = inView;
        showZoom();
    }

    private void showZoom() {
        zoom.setText(canvas == null || !designInView ? ""
                : String.format(Locale.ROOT, "%.0f %%", canvas.zoomProperty().get() * 100));
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Separator separator() {
        Separator s = new Separator(Orientation.VERTICAL);
        s.getStyleClass().add("status-separator");
        return s;
    }
}

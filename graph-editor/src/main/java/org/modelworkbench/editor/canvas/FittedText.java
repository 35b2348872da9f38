package org.modelworkbench.editor.canvas;

import javafx.geometry.VPos;
import javafx.scene.text.Text;

/**
 * A line of text that shortens itself with "…" to fit a width: a plain {@link Text} (no control,
 * no skin), which keeps node skins cheap to create and style.
 */
final class FittedText extends Text {
    private String full = "";
    private double fittedTo = -1;
    private double fullWidth = -1;

    FittedText(String styleClass) {
        getStyleClass().add(styleClass);
        setTextOrigin(VPos.TOP);
        setManaged(false);
        setMouseTransparent(true);
        fontProperty().addListener(o -> {
            fittedTo = -1;
            fullWidth = -1;
            if (getParent() != null) {
                getParent().requestLayout();
            }
        });
    }

    /** The whole text (what is shown may be shortened). */
    String full() {
        return full;
    }

    void show(String text) {
        String t = text == null ? "" : text;
        if (!t.equals(full)) {
            full = t;
            fittedTo = -1;
            fullWidth = -1;
            setText(t);
        }
    }

    /** The width of the whole text, shortened or not. */
    double fullWidth() {
        if (fullWidth < 0) {
            String shown = getText();
            if (!shown.equals(full)) {
                setText(full);
            }
            fullWidth = getLayoutBounds().getWidth();
            if (!shown.equals(full)) {
                setText(shown);
            }
        }
        return fullWidth;
    }

    /** Places the text at (x, y) and shortens it to {@code width}. */
    void place(double x, double y, double width) {
        relocate(x, y);
        if (width == fittedTo) {
            return;
        }
        fittedTo = width;
        if (!getText().equals(full)) {
            setText(full);
        }
        double w = getLayoutBounds().getWidth();
        if (w <= width || full.length() < 2) {
            return;
        }
        int keep = Math.max(1, (int) (full.length() * width / w));
        while (keep > 1) {
            setText(full.substring(0, keep).stripTrailing() + "…");
            if (getLayoutBounds().getWidth() <= width) {
                return;
            }
            keep--;
        }
    }
}

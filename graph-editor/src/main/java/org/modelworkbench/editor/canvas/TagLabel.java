package org.modelworkbench.editor.canvas;

import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * A short piece of text on a styled background (edge shape labels, the params · MACs badge):
 * a region and a {@link Text}, much lighter than a {@code Label} (no control, no skin), which
 * matters when hundreds are created while panning. Style the region with its style class and the
 * text with {@code .tag-text}.
 */
final class TagLabel extends Region {
    private final Text text = new Text();
    private final double padX;
    private final double padY;

    TagLabel(String styleClass, double padX, double padY) {
        this.padX = padX;
        this.padY = padY;
        getStyleClass().add(styleClass);
        text.getStyleClass().add("tag-text");
        text.setTextOrigin(javafx.geometry.VPos.TOP);
        text.setManaged(false);
        getChildren().add(text);
        setMouseTransparent(true);
    }

    void setText(String value) {
        if (!value.equals(text.getText())) {
            text.setText(value);
            requestLayout();
        }
    }

    String getText() {
        return text.getText();
    }

    @Override
    protected double computePrefWidth(double height) {
        return Math.ceil(text.getLayoutBounds().getWidth()) + 2 * padX;
    }

    @Override
    protected double computePrefHeight(double width) {
        return Math.ceil(text.getLayoutBounds().getHeight()) + 2 * padY;
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        text.relocate(Math.round((getWidth() - text.getLayoutBounds().getWidth()) / 2), padY);
    }
}

/**
 * The graph canvas: {@link org.modelworkbench.editor.canvas.GraphCanvas} (zoomable, pannable sheet
 * with block skins and wires), {@link org.modelworkbench.editor.canvas.Minimap}, and
 * {@link org.modelworkbench.editor.canvas.GraphExport} (PNG, SVG).
 *
 * <h2>How it renders</h2>
 * <ul>
 *   <li><b>Geometry without skins.</b> {@link org.modelworkbench.editor.canvas.NodeGeometry} gives
 *       every node's box and port positions from the design and the block library alone (fixed
 *       height, width by port count). Hit-testing, wiring, the overview, the minimap, SVG export
 *       and virtualization all use it, so none of them needs a skin, and a skin's text can never
 *       move a port.</li>
 *   <li><b>Virtualized skins.</b> Skins ({@link org.modelworkbench.editor.canvas.NodeView},
 *       {@link org.modelworkbench.editor.canvas.EdgeView}) exist only for nodes and wires that meet
 *       the viewport plus a margin (released only beyond twice the margin, so small pans do not
 *       churn). Released skins stay in the scene, hidden, in a bounded pool and are re-bound to
 *       other nodes: no scene-graph insertions, and their CSS state is kept. Skins are made of
 *       plain {@code Text}, {@code Region} and shapes (no controls), which keeps CSS cheap.</li>
 *   <li><b>Incremental updates.</b> The design's change events mark the geometry of the nodes
 *       they name stale; a new analysis snapshot or selection marks the view dirty. Once per pulse
 *       {@code layoutChildren} re-scans (cheap: arrays of boxes) and re-binds only skins whose node,
 *       geometry or analysis changed (record equality).</li>
 *   <li><b>Level of detail.</b> Below {@link org.modelworkbench.editor.canvas.GraphCanvas#DETAIL_ZOOM}
 *       (or with more nodes in view than a screenful of skins) the canvas draws an overview on a
 *       {@code Canvas} instead: one path for all wires, rectangles with category stripes, each
 *       block's name at 9-12 px (inside, or beside it where that is free) and no smaller text,
 *       selection and problems outlined.</li>
 *   <li><b>Grid.</b> Drawn once per zoom level on a canvas one grid period larger than the view;
 *       panning only shifts it by the pan modulo the period.</li>
 *   <li><b>Theme.</b> Skins use AtlantaFX looked-up colours in {@code graph-canvas.css}; drawings on
 *       a {@code Canvas} read the same colours back from invisible probe regions, so a theme switch
 *       reaches them too. Without AtlantaFX, add {@code GraphCanvas.FALLBACK_LIGHT} or
 *       {@code FALLBACK_DARK} to the scene.</li>
 * </ul>
 *
 * <h2>How it edits</h2>
 * Every change goes through the {@link org.modelworkbench.editor.model.EditorModel}'s commands,
 * one undo step per gesture (a whole drag is one {@code moveNodes}; one key press nudges once).
 * Bindings: {@link org.modelworkbench.editor.canvas.CanvasShortcuts#all()}; the mouse wheel zooms
 * around the cursor (the convention of node editors), trackpad scrolling pans. Right-click menus
 * come from {@link org.modelworkbench.editor.canvas.CanvasContextMenus}, which a shell extends through
 * {@link org.modelworkbench.editor.canvas.ContextMenuProvider}; new, pasted and duplicated blocks are
 * placed by {@link org.modelworkbench.editor.canvas.FreeSpace} so they land on no other block.
 *
 * <p>{@code bench.CanvasBenchmark} measures open and frame times on a generated 2,000-node design.
 */
package org.modelworkbench.editor.canvas;

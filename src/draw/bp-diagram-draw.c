/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-draw.c: one frame of the diagram, a plain function of a BpDiagramFrame, so it
 * renders the same into the widget, a PNG, an SVG and the tests. The parts live beside it:
 * bp-diagram-layout.c (the cache of shaped text and geometry), -scene.c (what each part
 * shows at a moment of a step's animation), -connections.c, -nodes.c, -info.c (the
 * selection and the info box) and -hit.c (the geometry queries behind the hit tests).
 * Layers of many connections are painted from rasters that bp-diagram-raster.c writes.
 *
 * Visual code: a connection is orange and solid when dL/dw < 0 (the step raises the weight),
 * teal and dashed when dL/dw > 0 (the step lowers it), a thin grey line when dL/dw = 0; its
 * width grows with sqrt (|dL/dw| / max |dL/dw|). A node's ring and tint show its activation:
 * blue and clockwise for a positive one, purple and counter-clockwise for a negative one,
 * the sweep growing with tanh (|a|).
 */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"

static void
draw_focus_ring (cairo_t     *cr,
                 const Scene *scene,
                 int          width,
                 int          height)
{
  bp_color_set_source (cr, &scene->palette->selection);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 2.0);
  rounded_rect (cr, 2.0, 2.0, width - 4.0, height - 4.0, 8.0);
  cairo_stroke (cr);
}

/* pango_cairo_update_context () marks the context changed on every call (Pango 1.50 sets
 * its matrix, and a new matrix, even an equal one, changes the context), so every layout
 * of the diagram was laid out again in every frame. Only when the matrix or the target's
 * font options change does the context need to follow. */
static void
update_context_if_changed (cairo_t      *cr,
                           PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  const cairo_font_options_t *shown = pango_cairo_context_get_font_options (context);
  const PangoMatrix *pm = pango_context_get_matrix (context);
  cairo_matrix_t m;
  gboolean same;

  cairo_surface_get_font_options (cairo_get_target (cr), options);
  cairo_get_matrix (cr, &m);
  same = shown != NULL && cairo_font_options_equal (options, shown)
         && ((pm == NULL && m.xx == 1.0 && m.yx == 0.0 && m.xy == 0.0 && m.yy == 1.0
              && m.x0 == 0.0 && m.y0 == 0.0)
             || (pm != NULL && pm->xx == m.xx && pm->yx == m.yx && pm->xy == m.xy
                 && pm->yy == m.yy && pm->x0 == m.x0 && pm->y0 == m.y0));
  if (!same)
    {
      pango_cairo_update_context (cr, context);
      pango_cairo_context_set_font_options (context, options);
    }
  cairo_font_options_destroy (options);
}

/**
 * bp_diagram_draw_frame:
 * @cr: where to draw
 * @width: the width in user units
 * @height: the height
 * @frame: what to draw
 *
 * Draws one frame of the diagram: the background, the column headings, the connections
 * coloured by their gradient, the animation of a step, the nodes, target and loss, the
 * legend, the selection and the box with the numbers of the hovered item. Text is shaped
 * with PangoCairo, so any Cairo surface works (image, SVG, PDF). Non-finite numbers are
 * drawn as "—" in neutral colours.
 *
 * Right-to-left languages (Arabic): the window mirrors its controls, the diagram does not.
 * It is a figure, like a formula in a textbook: the forward pass runs left to right, inputs
 * left and loss right, in every language, so the guide's "left to right" stays true and an
 * export looks the same everywhere. Nothing here asks for the widget's direction, and the
 * layouts come from a PangoContext of our own (base direction weak LTR), so the geometry,
 * the hit tests and the arrow keys are those of a left-to-right locale. Pango lays out each
 * text by its own letters: Arabic headings, legend and hover boxes read right to left, and
 * their translations wrap numbers and notation in isolates (U+2066 … U+2069) so that
 * "−0.25" and "dL/dw < 0" keep their order inside an Arabic sentence.
 */
void
bp_diagram_draw_frame (cairo_t              *cr,
                       int                   width,
                       int                   height,
                       const BpDiagramFrame *frame)
{
  g_autoptr(BpDiagramCache) temporary = NULL;
  BpDiagramCache *cache;
  Relayout *relayout;
  Scene scene;
  Box info;

  g_return_if_fail (cr != NULL && frame != NULL);

  bp_color_set_source (cr, frame->palette != NULL ? &frame->palette->background
                                                  : &bp_palette_get (BP_PALETTE_LIGHT)->background);
  cairo_paint (cr);
  if (frame->after == NULL || width < 16 || height < 16)
    return;

  cairo_save (cr);
  cache = bp_diagram_cache_for (&temporary, width, height, frame);
  update_context_if_changed (cr, cache->context);
  relayout = bp_diagram_relayout_begin (frame, cache, width, height);
  bp_diagram_scene_init (&scene, frame, cache);
  scene.relayout = relayout;
  scene.disc_scale = bp_diagram_disc_scale (cr, &scene);

  bp_diagram_draw_headers (cr, &scene);
  if (relayout != NULL)
    bp_diagram_relayout_draw_gone (cr, &scene);
  if (scene.moment.phase == BP_PHASE_UPDATE)
    bp_diagram_draw_update_glow (cr, &scene);
  bp_diagram_draw_connections (cr, &scene);
  bp_diagram_draw_loss_lines (cr, &scene);
  bp_diagram_draw_highlight (cr, &scene, &frame->hover, 0.35);
  bp_diagram_draw_highlight (cr, &scene, &frame->selection, 0.9);
  bp_diagram_draw_nodes (cr, &scene);
  for (guint k = 0; k < frame->after->sizes[frame->after->n_layers]; k++)
    bp_diagram_draw_target (cr, &scene, k);
  bp_diagram_draw_loss_box (cr, &scene);
  if (frame->selection.kind == BP_SELECTION_NODE)
    bp_diagram_draw_highlight (cr, &scene, &frame->selection, 0.9);
  if (frame->hover.kind == BP_SELECTION_NODE)
    bp_diagram_draw_highlight (cr, &scene, &frame->hover, 0.45);
  bp_diagram_draw_legend (cr, &scene);
  bp_diagram_draw_info_box (cr, &scene, width, height, &info);
  /* The pulses travel over the nodes and the info box: during a step they are what to
   * watch, and their terms stay readable on top. */
  if (scene.moment.progress < 1.0
      && (scene.moment.phase == BP_PHASE_FORWARD || scene.moment.phase == BP_PHASE_LOSS))
    bp_diagram_draw_forward_pulse (cr, &scene);
  if (scene.moment.progress < 1.0 && scene.moment.phase == BP_PHASE_BACKWARD)
    bp_diagram_draw_backward_wave (cr, &scene);
  bp_diagram_draw_caption (cr, &scene, &info);
  bp_diagram_draw_unfold (cr, &scene, width, height);
  if (frame->focus_visible)
    draw_focus_ring (cr, &scene, width, height);
  bp_diagram_relayout_end (relayout, cache);
  cairo_restore (cr);
}

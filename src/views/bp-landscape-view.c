/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-view.c: "Landscape". The view draws its model's last slice with the path and
 * the point where the network is now, and activates the model only while it is mapped, so
 * nothing is computed for a hidden page. Screen readers get the picture's numbers in its
 * description, at most four times a second. */
#define G_LOG_DOMAIN "bp-landscape-view"

#include "config.h"

#include "bp-landscape-view.h"

#include "bp-export.h"
#include "bp-format.h"
#include "bp-landscape-draw.h"
#include "bp-pace.h"
#include "bp-text-scale.h"
#include "bp-view-style.h"

#include <glib/gi18n.h>
#include <math.h>

/* The shortest time between two descriptions for screen readers. */
#define DESCRIBE_INTERVAL_MS 250

struct _BpLandscapeView
{
  GtkWidget parent_instance;

  GtkWidget *area;
  BpLandscapeModel *model;
  GSignalGroup *model_signals;
  BpPaletteChoice palette_choice;
  double zoom;
  char *text;                /* the picture's description */
  BpThrottle describer;      /* screen readers told at most four times a second */
};

G_DEFINE_FINAL_TYPE (BpLandscapeView, bp_landscape_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
num (double value)
{
  return bp_format_number (value, BP_NUMBER_FORMULA);
}

static const char *
waiting_message (BpLandscapeView *self)
{
  BpWeightRef w[2];

  if (self->model == NULL || !bp_landscape_model_get_weights (self->model, w))
    /* Translators: the Landscape page of a network with a single weight */
    return _("The landscape needs a network with at least two weights.");
  /* Translators: the Landscape page before its first picture arrives */
  return _("Computing the loss landscape…");
}

/* The lowest or highest loss of the grid and where it is. */
static void
extreme (const BpLandscapeSlice *slice,
         gboolean                highest,
         double                 *loss,
         double                  at[2])
{
  gsize best = G_MAXSIZE;

  for (gsize k = 0; k < (gsize) slice->grid * slice->grid; k++)
    if (isfinite (slice->values[k])
        && (best == G_MAXSIZE || (highest ? slice->values[k] > slice->values[best]
                                          : slice->values[k] < slice->values[best])))
      best = k;
  *loss = best == G_MAXSIZE ? NAN : slice->values[best];
  at[0] = best == G_MAXSIZE ? NAN
          : slice->centre[0] + bp_landscape_offset (slice->span, slice->grid, best / slice->grid);
  at[1] = best == G_MAXSIZE ? NAN
          : slice->centre[1] + bp_landscape_offset (slice->span, slice->grid, best % slice->grid);
}

static char *
describe_slice (BpLandscapeView        *self,
                const BpLandscapeSlice *slice)
{
  g_autofree char *first = bp_landscape_model_weight_name (self->model, 0);
  g_autofree char *second = bp_landscape_model_weight_name (self->model, 1);
  g_autofree char *span = num (slice->span);
  g_autofree char *centre = num (slice->centre_loss);
  g_autofree char *g0 = num (-slice->gradient[0]);
  g_autofree char *g1 = num (-slice->gradient[1]);
  GString *s = g_string_new (NULL);

  /* Translators: the loss landscape's description for screen readers: the two weights'
   * names (x axis, then y axis), how far each is moved either way, and the grid's side */
  g_string_append_printf (s, _("Loss over %s (across) and %s (up), each moved by up to ±%s, "
                               "on a %u × %u grid."), first, second, span, slice->grid,
                          slice->grid);
  g_string_append_c (s, ' ');
  /* Translators: %s is the loss where the network is, the centre of the landscape */
  g_string_append_printf (s, _("Centre loss %s."), centre);
  for (guint h = 0; h < 2; h++)
    {
      double loss, at[2];
      g_autofree char *l = NULL, *x = NULL, *y = NULL;

      extreme (slice, h == 1, &loss, at);
      if (!isfinite (loss))
        continue;
      l = num (loss);
      x = num (at[0]);
      y = num (at[1]);
      g_string_append_c (s, ' ');
      g_string_append_printf (s, h == 0
                              /* Translators: the lowest loss on the landscape's grid, then
                               * the two weights' values where it is */
                              ? _("Lowest %s at (%s, %s).")
                              /* Translators: the highest loss on the landscape's grid, then
                               * the two weights' values where it is */
                              : _("Highest %s at (%s, %s)."), l, x, y);
    }
  g_string_append_c (s, ' ');
  if (isfinite (slice->gradient[0]) && isfinite (slice->gradient[1]))
    /* Translators: −∇ is minus the gradient, (−∂L/∂w1, −∂L/∂w2); the two numbers */
    g_string_append_printf (s, _("Downhill direction −∇ = (%s, %s)."), g0, g1);
  else
    g_string_append (s, _("The gradient is not finite."));
  if (!slice->complete)
    {
      g_string_append_c (s, ' ');
      /* Translators: the landscape shown is a coarser first look, a finer one follows */
      g_string_append (s, _("Refining…"));
    }
  return g_string_free (s, FALSE);
}

/* Tells screen readers what the picture shows. */
static void
describe_now (GtkWidget *widget)
{
  BpLandscapeView *self = BP_LANDSCAPE_VIEW (widget);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text, -1);
}

/* Screen readers hear the numbers at most four times a second; the last always reach them. */
static void
update_description (BpLandscapeView *self)
{
  const BpLandscapeSlice *slice = self->model ? bp_landscape_model_get_slice (self->model)
                                              : NULL;

  bp_throttle_call_for_text (&self->describer, &self->text,
                             slice ? describe_slice (self, slice)
                                   : g_strdup (waiting_message (self)));
}

static void
changed_cb (BpLandscapeView *self)
{
  gtk_widget_queue_draw (self->area);
  update_description (self);
}

/* The plot of the model as it is; free its path and names with plot_clear (). */
static void
plot_fill (BpLandscapeView *self,
           BpLandscapePlot *plot,
           double           text_scale)
{
  const BpLandscapeSlice *slice = bp_landscape_model_get_slice (self->model);
  BpNetwork *network = bp_landscape_model_get_network (self->model);
  guint n = bp_landscape_model_get_path_length (self->model);
  double *path = g_new (double, 2 * (gsize) MAX (n, 1));
  BpWeightRef w[2];

  for (guint k = 0; k < n; k++)
    bp_landscape_model_get_path_point (self->model, k, path + 2 * k);
  *plot = (BpLandscapePlot) {
    slice, { bp_landscape_model_weight_name (self->model, 0),
             bp_landscape_model_weight_name (self->model, 1) },
    path, n, FALSE, { 0, 0 }, waiting_message (self),
    bp_view_style_palette (self->palette_choice), text_scale,
  };
  if (slice != NULL && bp_landscape_model_get_weights (self->model, w))
    {
      plot->has_current = TRUE;
      for (guint k = 0; k < 2; k++)
        plot->current[k] = bp_network_get_weight (network, w[k].layer, w[k].to, w[k].from);
    }
}

static void
plot_clear (BpLandscapePlot *plot)
{
  g_free ((double *) plot->path);
  g_free ((char *) plot->names[0]);
  g_free ((char *) plot->names[1]);
}

static void
draw_cb (GtkDrawingArea *area G_GNUC_UNUSED,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        data)
{
  BpLandscapeView *self = data;
  BpLandscapePlot plot;

  if (self->model == NULL)
    return;
  plot_fill (self, &plot, bp_text_scale_for_zoom (GTK_WIDGET (self), self->zoom));
  bp_landscape_draw (cr, width, height, &plot);
  plot_clear (&plot);
}

static void
bp_landscape_view_map (GtkWidget *widget)
{
  BpLandscapeView *self = BP_LANDSCAPE_VIEW (widget);

  GTK_WIDGET_CLASS (bp_landscape_view_parent_class)->map (widget);
  if (self->model != NULL)
    bp_landscape_model_set_active (self->model, TRUE);
}

static void
bp_landscape_view_unmap (GtkWidget *widget)
{
  BpLandscapeView *self = BP_LANDSCAPE_VIEW (widget);

  if (self->model != NULL)
    bp_landscape_model_set_active (self->model, FALSE);
  GTK_WIDGET_CLASS (bp_landscape_view_parent_class)->unmap (widget);
}

static void
bp_landscape_view_dispose (GObject *object)
{
  BpLandscapeView *self = BP_LANDSCAPE_VIEW (object);

  bp_throttle_clear (&self->describer);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->model);
  g_clear_pointer (&self->area, gtk_widget_unparent);
  G_OBJECT_CLASS (bp_landscape_view_parent_class)->dispose (object);
}

static void
bp_landscape_view_finalize (GObject *object)
{
  BpLandscapeView *self = BP_LANDSCAPE_VIEW (object);

  g_free (self->text);
  G_OBJECT_CLASS (bp_landscape_view_parent_class)->finalize (object);
}

static void
bp_landscape_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BpLandscapeView *self = BP_LANDSCAPE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_landscape_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BpLandscapeView *self = BP_LANDSCAPE_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      bp_landscape_view_set_model (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      if (self->zoom != g_value_get_double (value))
        {
          self->zoom = g_value_get_double (value);
          gtk_widget_queue_draw (self->area);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_landscape_view_class_init (BpLandscapeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_landscape_view_dispose;
  object_class->finalize = bp_landscape_view_finalize;
  object_class->get_property = bp_landscape_view_get_property;
  object_class->set_property = bp_landscape_view_set_property;
  widget_class->map = bp_landscape_view_map;
  widget_class->unmap = bp_landscape_view_unmap;

  /**
   * BpLandscapeView:model:
   *
   * The landscape shown; the view makes it compute while the view is mapped.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, BP_TYPE_LANDSCAPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BpLandscapeView:zoom:
   *
   * The diagram's zoom: the picture's text grows with it, never below its normal size.
   */
  properties[PROP_ZOOM] = bp_text_scale_zoom_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "landscape");
}

static void
bp_landscape_view_init (BpLandscapeView *self)
{
  bp_throttle_init (&self->describer, GTK_WIDGET (self), DESCRIBE_INTERVAL_MS, describe_now);
  self->zoom = 1.0;
  self->area = g_object_new (GTK_TYPE_DRAWING_AREA,
                             "accessible-role", GTK_ACCESSIBLE_ROLE_IMG,
                             "content-height", 290,
                             "content-width", 300,
                             NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the landscape picture's name for screen
                                   * readers */
                                  _("Loss landscape"), -1);
  gtk_widget_set_parent (self->area, GTK_WIDGET (self));
  self->model_signals = g_signal_group_new (BP_TYPE_LANDSCAPE_MODEL);
  g_signal_group_connect_object (self->model_signals, "changed", G_CALLBACK (changed_cb),
                                 self, G_CONNECT_SWAPPED);
  bp_view_style_redraw_on_change (self->area);
}

GtkWidget *
bp_landscape_view_new (void)
{
  return g_object_new (BP_TYPE_LANDSCAPE_VIEW, NULL);
}

/**
 * bp_landscape_view_set_model:
 * @self: a landscape view
 * @model: (nullable): the landscape to show
 */
void
bp_landscape_view_set_model (BpLandscapeView  *self,
                             BpLandscapeModel *model)
{
  g_return_if_fail (BP_IS_LANDSCAPE_VIEW (self));
  g_return_if_fail (model == NULL || BP_IS_LANDSCAPE_MODEL (model));

  if (self->model != NULL && self->model != model)
    bp_landscape_model_set_active (self->model, FALSE);
  if (!g_set_object (&self->model, model))
    return;
  g_signal_group_set_target (self->model_signals, model);
  if (model != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    bp_landscape_model_set_active (model, TRUE);
  changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

BpLandscapeModel *
bp_landscape_view_get_model (BpLandscapeView *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_VIEW (self), NULL);
  return self->model;
}

void
bp_landscape_view_set_palette_choice (BpLandscapeView *self,
                                      BpPaletteChoice  choice)
{
  g_return_if_fail (BP_IS_LANDSCAPE_VIEW (self));

  self->palette_choice = choice;
  gtk_widget_queue_draw (self->area);
}

/**
 * bp_landscape_view_describe:
 * @self: a landscape view
 *
 * Returns: (transfer full): the picture's description as screen readers get it (at most
 *   four times a second): the weights, the centre loss, the lowest and highest loss on the
 *   grid and where, and the downhill direction
 */
char *
bp_landscape_view_describe (BpLandscapeView *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_VIEW (self), NULL);

  update_description (self);
  return g_strdup (self->text);
}

/**
 * bp_landscape_view_export:
 * @self: a landscape view
 * @file: a file ending in .png, .svg or .pdf (any other name is written as PNG)
 * @error: return location for a #GError
 *
 * Writes the picture as shown, 800 × 800, in the view's palette.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_landscape_view_export (BpLandscapeView  *self,
                          GFile            *file,
                          GError          **error)
{
  BpLandscapePlot plot;
  gboolean ok;

  g_return_val_if_fail (BP_IS_LANDSCAPE_VIEW (self) && G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->model != NULL, FALSE);

  plot_fill (self, &plot, 2.0);
  ok = bp_export_plot (file, 800, 800, plot.palette, (BpPlotDrawFunc) bp_landscape_draw, &plot,
                       error);
  plot_clear (&plot);
  return ok;
}

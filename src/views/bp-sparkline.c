/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline.c: the loss per step as a small line chart, or in dataset mode the train and
 * test loss as a chart with axes and a legend. The drawing is bp-sparkline-draw.c's (and
 * -draw-dataset.c's) plain function; the widget only picks the palette, the text size and
 * the drawing for the network's mode, and redraws after each backward pass. */
#define G_LOG_DOMAIN "bp-sparkline"

#include "config.h"

#include "bp-sparkline.h"
#include "bp-sparkline-branches.h"
#include "bp-text-scale.h"
#include "bp-view-style.h"

#include <glib/gi18n.h>
#include <math.h>

/* Heights at the normal text size: the chart takes a share of its width (which follows the
 * window's) between the natural and the largest height, so that it grows in a large window
 * and on a projector, and all of it scales with the text. */
#define MIN_HEIGHT 80
#define NATURAL_HEIGHT 110
#define MAX_HEIGHT 220
#define MAX_HEIGHT_FACTOR 1.5
#define WIDTH_SHARE 0.16

/* The learning-rate ghosts: one step at 0.1η, η and 10η. */
#define N_GHOSTS 3
static const double ghost_factors[N_GHOSTS] = { 0.1, 1.0, 10.0 };
/* Ghosts of a training set of more than this many points × weights (three passes over it,
 * a few milliseconds) wait until the network has not changed for GHOSTS_PAUSE_MS, hidden
 * meanwhile: during Play they would cost a good part of every frame, and flicker. */
#define GHOSTS_CHEAP_WORK 250000.0
#define GHOSTS_PAUSE_MS 250

struct _BpSparkline
{
  GtkWidget parent_instance;

  BpNetwork *network;
  GSignalGroup *network_signals;
  BpPlayback *playback;            /* the moment shown, or NULL for the network as it is */
  GSignalGroup *playback_signals;
  BpHistory *shown;                /* the history up to the loss shown */
  char *description;
  BpPaletteChoice palette_choice;
  BpSparklineScale scale;
  gboolean log_scale;        /* in dataset mode, a log10 axis */
  double zoom;               /* the diagram's zoom, which the chart's text follows */
  gboolean show_ghosts;      /* the learning-rate ghosts at the next step */
  gboolean conceal_ghosts;   /* an exercise asks what the next step does to the loss */
  gboolean ghosts_valid;     /* ghosts[] are the network's as it is now */
  guint n_ghosts;            /* 0 when there are none to show */
  BpGhost ghosts[N_GHOSTS];
  guint ghosts_timeout_id;   /* expensive ghosts wait for the changes to pause */
  BpSparklineBranches *branches;  /* the timeline's branches, when the chart shows them */
};

G_DEFINE_FINAL_TYPE (BpSparkline, bp_sparkline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_ZOOM,
  PROP_LOG_SCALE,
  PROP_SHOW_GHOSTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The losses as far as the moment shown: a step's point appears when its forward pulse
 * reaches the loss. */
static const BpHistory *
current_history (BpSparkline *self)
{
  const BpHistory *history;
  guint64 step;

  if (self->network == NULL)
    return NULL;
  history = bp_network_get_history (self->network);
  if (self->playback == NULL)
    return history;
  step = bp_playback_get_loss_step (self->playback);
  if (step >= bp_network_get_step_count (self->network))
    return history;
  if (self->shown == NULL)
    self->shown = bp_history_new ();
  bp_history_copy_until (self->shown, history, step);
  return self->shown;
}

/* The system's large-text setting reaches GTK as a larger font resolution. */
/* The size of the chart's text and lines: the system's text scale times the diagram's zoom,
 * never below the normal size (the chart is small already). */
static double
text_factor (BpSparkline *self)
{
  return bp_text_scale_for_widget (GTK_WIDGET (self)) * MAX (1.0, self->zoom);
}

/* Whether the chart shows the train and test loss of a dataset. */
static gboolean
dataset_mode (BpSparkline *self)
{
  return self->network != NULL && bp_network_get_mode (self->network) == BP_FILE_MODE_DATASET;
}

/* The ghosts of the network as it is, computed once per change of the network (during play,
 * once per frame at most), or none: when they are hidden, or while the chart shows an
 * earlier moment than the network's (a step being played). */
static const BpGhost *
current_ghosts (BpSparkline *self,
                guint       *n_ghosts)
{
  *n_ghosts = 0;
  if (!self->show_ghosts || self->conceal_ghosts || self->network == NULL)
    return NULL;
  if (self->playback != NULL
      && bp_playback_get_loss_step (self->playback) < bp_network_get_step_count (self->network))
    return NULL;
  if (self->ghosts_timeout_id != 0)
    return NULL;
  if (!self->ghosts_valid)
    {
      self->n_ghosts = bp_network_ghost_losses (self->network, ghost_factors, N_GHOSTS,
                                                self->ghosts);
      self->ghosts_valid = TRUE;
    }
  *n_ghosts = self->n_ghosts;
  return self->n_ghosts > 0 ? self->ghosts : NULL;
}

static void
update_description (BpSparkline *self)
{
  const BpTimelineChart *branches = _bp_sparkline_branches_get (self->branches, self->network);
  g_autofree char *chart = branches != NULL ? bp_timeline_chart_describe (branches)
                           : dataset_mode (self)
                           ? bp_sparkline_describe_dataset (current_history (self))
                           : bp_sparkline_describe_history (current_history (self));
  guint n_ghosts = 0;
  /* The branches' chart shows no ghosts: they belong to the tip of a lone branch. */
  const BpGhost *ghosts = branches == NULL ? current_ghosts (self, &n_ghosts) : NULL;
  g_autofree char *description = bp_sparkline_describe_ghosts (chart, ghosts, n_ghosts);

  if (g_strcmp0 (description, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* Whether the ghosts cost little enough to compute at every change: always for one example;
 * in dataset mode by the size of the passes over the training set. */
static gboolean
ghosts_cheap (BpSparkline *self)
{
  const BpDataset *dataset;

  if (!dataset_mode (self))
    return TRUE;
  dataset = bp_network_get_dataset (self->network);
  return (double) dataset->n_train * bp_network_get_net (self->network)->n_weights
         <= GHOSTS_CHEAP_WORK;
}

static gboolean
ghosts_due_cb (gpointer data)
{
  BpSparkline *self = data;

  self->ghosts_timeout_id = 0;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
network_changed_cb (BpSparkline *self)
{
  self->ghosts_valid = FALSE;
  _bp_sparkline_branches_invalidate (self->branches);
  if (self->show_ghosts && !ghosts_cheap (self))
    {
      g_clear_handle_id (&self->ghosts_timeout_id, g_source_remove);
      self->ghosts_timeout_id = g_timeout_add (GHOSTS_PAUSE_MS, ghosts_due_cb, self);
    }
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bp_sparkline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  BpSparkline *self = BP_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const BpPalette *palette = bp_view_style_palette (self->palette_choice);
  const BpTimelineChart *branches;
  const BpGhost *ghosts;
  guint n_ghosts;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  branches = _bp_sparkline_branches_get (self->branches, self->network);
  n_ghosts = 0;
  ghosts = branches == NULL ? current_ghosts (self, &n_ghosts) : NULL;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (branches != NULL)
    bp_timeline_chart_draw (cr, width, height, branches, palette, text_factor (self),
                            dataset_mode (self) && self->log_scale
                            ? BP_SPARKLINE_SCALE_LOGARITHMIC : self->scale);
  else if (dataset_mode (self))
    bp_sparkline_draw_dataset_ghosts (cr, width, height, current_history (self),
                                      palette, text_factor (self),
                                      self->log_scale
                                      || (self->scale == BP_SPARKLINE_SCALE_AUTOMATIC
                                          && bp_sparkline_dataset_spans_hundredfold (
                                               current_history (self))),
                                      ghosts, n_ghosts);
  else
    bp_sparkline_draw_history_ghosts (cr, width, height, current_history (self),
                                      palette, text_factor (self), self->scale, ghosts,
                                      n_ghosts);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
bp_sparkline_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bp_sparkline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline G_GNUC_UNUSED,
                      int            *natural_baseline G_GNUC_UNUSED)
{
  /* The height follows the text up to half as tall again, no further: at a projector's zoom
   * the chart's text grows, but the diagram keeps most of the window. */
  double factor = CLAMP (text_factor (BP_SPARKLINE (widget)), 1.0, MAX_HEIGHT_FACTOR);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      double share = for_size > 0 ? for_size * WIDTH_SHARE : 0.0;

      *minimum = (int) ceil (MIN_HEIGHT * factor);
      *natural = (int) ceil (CLAMP (share, NATURAL_HEIGHT, MAX_HEIGHT) * factor);
    }
  else
    {
      *minimum = 160;
      *natural = 300;
    }
}

static void
bp_sparkline_dispose (GObject *object)
{
  BpSparkline *self = BP_SPARKLINE (object);

  g_clear_handle_id (&self->ghosts_timeout_id, g_source_remove);
  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  if (self->playback_signals != NULL)
    g_signal_group_set_target (self->playback_signals, NULL);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->playback_signals);
  g_clear_object (&self->playback);
  g_clear_object (&self->network);
  g_clear_pointer (&self->shown, bp_history_free);
  g_clear_pointer (&self->branches, _bp_sparkline_branches_free);
  G_OBJECT_CLASS (bp_sparkline_parent_class)->dispose (object);
}

static void
bp_sparkline_finalize (GObject *object)
{
  BpSparkline *self = BP_SPARKLINE (object);

  g_free (self->description);
  G_OBJECT_CLASS (bp_sparkline_parent_class)->finalize (object);
}

static void
bp_sparkline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BpSparkline *self = BP_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_SHOW_GHOSTS:
      g_value_set_boolean (value, self->show_ghosts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_sparkline_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BpSparkline *self = BP_SPARKLINE (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_sparkline_set_network (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      bp_sparkline_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_LOG_SCALE:
      bp_sparkline_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_GHOSTS:
      bp_sparkline_set_show_ghosts (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_sparkline_class_init (BpSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_sparkline_dispose;
  object_class->finalize = bp_sparkline_finalize;
  object_class->get_property = bp_sparkline_get_property;
  object_class->set_property = bp_sparkline_set_property;
  widget_class->snapshot = bp_sparkline_snapshot;
  widget_class->get_request_mode = bp_sparkline_get_request_mode;
  widget_class->measure = bp_sparkline_measure;

  /**
   * BpSparkline:network:
   *
   * The network whose loss history is drawn, again after every backward pass and change
   * of structure.
   */
  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BpSparkline:zoom:
   *
   * The diagram's zoom: above 1 the chart's text, lines and height grow with it.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BpSparkline:log-scale:
   *
   * In dataset mode, whether the train and test loss share a log10 axis with ticks at the
   * powers of ten rather than a linear one from zero. Example mode follows
   * bp_sparkline_set_scale() instead.
   */
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BpSparkline:show-ghosts:
   *
   * Whether the chart shows the learning-rate ghosts: the loss after one step at 0.1η, η
   * and 10η, as markers at the next step and in the description (bp_network_ghost_losses()).
   */
  properties[PROP_SHOW_GHOSTS] =
    g_param_spec_boolean ("show-ghosts", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bp_sparkline_init (BpSparkline *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->zoom = 1.0;
  self->show_ghosts = TRUE;
  self->branches = _bp_sparkline_branches_new ();
  self->playback_signals = g_signal_group_new (BP_TYPE_PLAYBACK);
  g_signal_group_connect_object (self->playback_signals, "changed",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  g_signal_group_connect_object (self->network_signals, "backward",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "structure-changed",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "timeline-changed",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  /* η alone changes only its property, and the ghosts with it. */
  g_signal_group_connect_object (self->network_signals, "notify::learning-rate",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  bp_view_style_redraw_on_change (widget);
  g_signal_connect_object (gtk_widget_get_settings (widget), "notify::gtk-xft-dpi",
                           G_CALLBACK (gtk_widget_queue_resize), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loss history"),
                                  -1);
  update_description (self);
}

GtkWidget *
bp_sparkline_new (void)
{
  return g_object_new (BP_TYPE_SPARKLINE, NULL);
}

/**
 * bp_sparkline_set_network:
 * @self: a sparkline
 * @network: (nullable): the model whose loss history to draw
 *
 * Shows @network's history and follows it: the chart redraws after every backward pass and
 * change of structure.
 */
void
bp_sparkline_set_network (BpSparkline *self,
                          BpNetwork   *network)
{
  g_return_if_fail (BP_IS_SPARKLINE (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (!g_set_object (&self->network, network))
    return;
  g_signal_group_set_target (self->network_signals, network);
  network_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

BpNetwork *
bp_sparkline_get_network (BpSparkline *self)
{
  g_return_val_if_fail (BP_IS_SPARKLINE (self), NULL);

  return self->network;
}

/**
 * bp_sparkline_get_description:
 * @self: a sparkline
 *
 * Returns: the accessible description the sparkline gives now, as
 *   bp_sparkline_describe_history() words it
 */
const char *
bp_sparkline_get_description (BpSparkline *self)
{
  g_return_val_if_fail (BP_IS_SPARKLINE (self), NULL);
  return self->description;
}

/**
 * bp_sparkline_set_palette_choice:
 * @self: a sparkline
 * @choice: automatic, colour-blind safe or high contrast, as in the "palette" setting
 */
void
bp_sparkline_set_palette_choice (BpSparkline     *self,
                                 BpPaletteChoice  choice)
{
  g_return_if_fail (BP_IS_SPARKLINE (self));

  self->palette_choice = choice;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * bp_sparkline_set_scale:
 * @self: a sparkline
 * @scale: automatic, linear or logarithmic, as in the "loss-chart-scale" setting
 */
void
bp_sparkline_set_scale (BpSparkline      *self,
                        BpSparklineScale  scale)
{
  g_return_if_fail (BP_IS_SPARKLINE (self));

  if (self->scale == scale)
    return;
  self->scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
bp_sparkline_get_zoom (BpSparkline *self)
{
  g_return_val_if_fail (BP_IS_SPARKLINE (self), 1.0);

  return self->zoom;
}

/**
 * bp_sparkline_set_zoom:
 * @self: a sparkline
 * @zoom: 0.5 … 4, the diagram's zoom; above 1 the chart grows with it
 */
void
bp_sparkline_set_zoom (BpSparkline *self,
                       double       zoom)
{
  g_return_if_fail (BP_IS_SPARKLINE (self));

  zoom = CLAMP (zoom, 0.5, 4.0);
  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * bp_sparkline_set_playback:
 * @self: a sparkline
 * @playback: (nullable): the playback whose moment to show
 *
 * Shows @playback's network, its loss history as far as the step shown has come: a step's
 * point appears when the forward pulse reaches the loss.
 */
void
bp_sparkline_set_playback (BpSparkline *self,
                           BpPlayback  *playback)
{
  g_return_if_fail (BP_IS_SPARKLINE (self));
  g_return_if_fail (playback == NULL || BP_IS_PLAYBACK (playback));

  if (!g_set_object (&self->playback, playback))
    return;
  g_signal_group_set_target (self->playback_signals, playback);
  bp_sparkline_set_network (self, playback != NULL ? bp_playback_get_network (playback) : NULL);
  network_changed_cb (self);
}

gboolean
bp_sparkline_get_log_scale (BpSparkline *self)
{
  g_return_val_if_fail (BP_IS_SPARKLINE (self), FALSE);

  return self->log_scale;
}

/**
 * bp_sparkline_set_log_scale:
 * @self: a sparkline
 * @log_scale: whether the chart of dataset mode has a log10 axis
 *
 * Sets #BpSparkline:log-scale.
 */
void
bp_sparkline_set_log_scale (BpSparkline *self,
                            gboolean     log_scale)
{
  g_return_if_fail (BP_IS_SPARKLINE (self));

  log_scale = !!log_scale;
  if (self->log_scale == log_scale)
    return;
  self->log_scale = log_scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

gboolean
bp_sparkline_get_show_ghosts (BpSparkline *self)
{
  g_return_val_if_fail (BP_IS_SPARKLINE (self), FALSE);

  return self->show_ghosts;
}

/**
 * bp_sparkline_set_show_ghosts:
 * @self: a sparkline
 * @show_ghosts: whether to show the learning-rate ghosts
 *
 * Sets #BpSparkline:show-ghosts.
 */
void
bp_sparkline_set_show_ghosts (BpSparkline *self,
                              gboolean     show_ghosts)
{
  g_return_if_fail (BP_IS_SPARKLINE (self));

  show_ghosts = !!show_ghosts;
  if (self->show_ghosts == show_ghosts)
    return;
  self->show_ghosts = show_ghosts;
  network_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GHOSTS]);
}

/**
 * bp_sparkline_set_conceal_ghosts:
 * @self: a sparkline
 * @conceal: whether to hide the ghosts for now
 *
 * Hides the learning-rate ghosts while an exercise waits for the learner's prediction, whatever
 * #BpSparkline:show-ghosts says (the setting stays as it is).
 */
void
bp_sparkline_set_conceal_ghosts (BpSparkline *self,
                                 gboolean     conceal)
{
  g_return_if_fail (BP_IS_SPARKLINE (self));

  if (self->conceal_ghosts == !!conceal)
    return;
  self->conceal_ghosts = !!conceal;
  network_changed_cb (self);
}

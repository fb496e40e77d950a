/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-health-strip.c: the gradient health strip. The drawing is bp-health-draw.c's plain
 * function; the widget picks the palette and the text size, redraws after each operation of
 * the network and keeps its accessible description, updated at most four times a second
 * while the network trains. */
#define G_LOG_DOMAIN "bp-health"

#include "config.h"

#include "bp-health-strip.h"
#include "bp-pace.h"
#include "bp-text-scale.h"
#include "bp-view-style.h"

#include <glib/gi18n.h>
#include <math.h>

/* The height of a layer's row and of the title at the normal text size, in pixels. */
#define ROW_HEIGHT 22
#define TITLE_HEIGHT 20
#define MAX_FACTOR 1.5                /* the text grows with the zoom up to this much */
#define DESCRIPTION_INTERVAL_MS 250

struct _BpHealthStrip
{
  GtkWidget parent_instance;

  BpNetwork *network;
  GSignalGroup *network_signals;
  char *description;
  BpThrottle describer;           /* screen readers told a few times a second */
  BpPaletteChoice palette_choice;
  double zoom;
};

G_DEFINE_FINAL_TYPE (BpHealthStrip, bp_health_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
text_factor (BpHealthStrip *self)
{
  return CLAMP (bp_text_scale_for_zoom (GTK_WIDGET (self), self->zoom), 1.0, MAX_FACTOR);
}

static void
describe_now (GtkWidget *widget)
{
  BpHealthStrip *self = BP_HEALTH_STRIP (widget);
  g_autofree char *description = NULL;

  if (self->network == NULL)
    return;
  description = bp_health_describe_strip (bp_network_get_health (self->network),
                                          bp_network_get_net (self->network));
  if (g_strcmp0 (description, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_steal_pointer (&description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description, -1);
}

static void
network_changed_cb (BpHealthStrip *self)
{
  bp_throttle_call (&self->describer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
structure_changed_cb (BpHealthStrip *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self));
  network_changed_cb (self);
}

static void
bp_health_strip_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  BpHealthStrip *self = BP_HEALTH_STRIP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->network == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bp_health_draw_strip (cr, width, height, bp_network_get_health (self->network),
                        bp_health_strip_get_palette (self), text_factor (self));
  cairo_destroy (cr);
}

static void
bp_health_strip_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size G_GNUC_UNUSED,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline G_GNUC_UNUSED,
                         int            *natural_baseline G_GNUC_UNUSED)
{
  BpHealthStrip *self = BP_HEALTH_STRIP (widget);
  guint n = self->network != NULL ? bp_network_get_n_layers (self->network) : 1;
  double factor = text_factor (self);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      /* Deep networks share the room: rows shrink to half height past four layers. */
      double rows = n <= 4 ? n * ROW_HEIGHT : 4 * ROW_HEIGHT + (n - 4) * ROW_HEIGHT * 0.5;

      *minimum = *natural = (int) ceil ((TITLE_HEIGHT + rows + 4) * factor);
    }
  else
    {
      *minimum = 200;
      *natural = 400;
    }
}

static void
bp_health_strip_dispose (GObject *object)
{
  BpHealthStrip *self = BP_HEALTH_STRIP (object);

  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->network);
  bp_throttle_clear (&self->describer);
  G_OBJECT_CLASS (bp_health_strip_parent_class)->dispose (object);
}

static void
bp_health_strip_finalize (GObject *object)
{
  BpHealthStrip *self = BP_HEALTH_STRIP (object);

  g_free (self->description);
  G_OBJECT_CLASS (bp_health_strip_parent_class)->finalize (object);
}

static void
bp_health_strip_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BpHealthStrip *self = BP_HEALTH_STRIP (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_health_strip_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BpHealthStrip *self = BP_HEALTH_STRIP (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_health_strip_set_network (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      bp_health_strip_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_health_strip_class_init (BpHealthStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_health_strip_dispose;
  object_class->finalize = bp_health_strip_finalize;
  object_class->get_property = bp_health_strip_get_property;
  object_class->set_property = bp_health_strip_set_property;
  widget_class->snapshot = bp_health_strip_snapshot;
  widget_class->measure = bp_health_strip_measure;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BpHealthStrip:zoom:
   *
   * The diagram's zoom, which the strip's text follows (up to half as large again).
   */
  properties[PROP_ZOOM] = bp_text_scale_zoom_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "bphealthstrip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bp_health_strip_init (BpHealthStrip *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  bp_throttle_init (&self->describer, widget, DESCRIPTION_INTERVAL_MS, describe_now);
  self->zoom = 1.0;
  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  g_signal_group_connect_object (self->network_signals, "backward",
                                 G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "structure-changed",
                                 G_CALLBACK (structure_changed_cb), self, G_CONNECT_SWAPPED);
  bp_view_style_redraw_on_change (widget);
  g_signal_connect_object (gtk_widget_get_settings (widget), "notify::gtk-xft-dpi",
                           G_CALLBACK (gtk_widget_queue_resize), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  /* Translators: the accessible name of the strip */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Gradient health"), -1);
}

GtkWidget *
bp_health_strip_new (void)
{
  return g_object_new (BP_TYPE_HEALTH_STRIP, NULL);
}

BpNetwork *
bp_health_strip_get_network (BpHealthStrip *self)
{
  g_return_val_if_fail (BP_IS_HEALTH_STRIP (self), NULL);
  return self->network;
}

/**
 * bp_health_strip_set_network:
 * @self: a strip
 * @network: (nullable): the network whose health it shows
 */
void
bp_health_strip_set_network (BpHealthStrip *self,
                             BpNetwork     *network)
{
  g_return_if_fail (BP_IS_HEALTH_STRIP (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (!g_set_object (&self->network, network))
    return;
  g_signal_group_set_target (self->network_signals, network);
  bp_throttle_now (&self->describer);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

void
bp_health_strip_set_zoom (BpHealthStrip *self,
                          double         zoom)
{
  g_return_if_fail (BP_IS_HEALTH_STRIP (self));

  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * bp_health_strip_set_palette_choice:
 * @self: a strip
 * @choice: automatic, colour-blind safe or high contrast, as in the "palette" setting
 */
void
bp_health_strip_set_palette_choice (BpHealthStrip   *self,
                                    BpPaletteChoice  choice)
{
  g_return_if_fail (BP_IS_HEALTH_STRIP (self));

  self->palette_choice = choice;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * bp_health_strip_get_palette:
 * @self: a strip
 *
 * Returns: (transfer none): the colours it draws with now
 */
const BpPalette *
bp_health_strip_get_palette (BpHealthStrip *self)
{
  g_return_val_if_fail (BP_IS_HEALTH_STRIP (self), NULL);
  return bp_view_style_palette (self->palette_choice);
}

/**
 * bp_health_strip_get_description:
 * @self: a strip
 *
 * Returns: (nullable): the accessible description it gives now
 */
const char *
bp_health_strip_get_description (BpHealthStrip *self)
{
  g_return_val_if_fail (BP_IS_HEALTH_STRIP (self), NULL);
  return self->description;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline-bar.c: the scrubber under the loss chart. A drop-down names the branch shown
 * ("η = 0.5 · branch 2"), a slider spans that branch's recorded steps, and a label says
 * where the window is ("Step 120 of 400"), and in the past that the next step starts a
 * branch. Moving the slider (by pointer or by its keys: the arrows one step, Ctrl with
 * them ten, Home and End) or choosing a branch asks the window to rewind through its
 * win.timeline-seek action (which also pauses Play); without a window the bar seeks the
 * network itself. The bar follows the network's timeline: during Play it stays at the tip. */
#define G_LOG_DOMAIN "bp-timeline-bar"

#include "config.h"

#include "bp-timeline-bar.h"

#include "bp-timeline.h"

#include <glib/gi18n.h>
#include <math.h>

/* The accessible value text changes at most this often while the steps run. */
#define ACCESSIBLE_PAUSE_MS 250
#define PAGE_STEPS 10

struct _BpTimelineBar
{
  GtkWidget parent_instance;

  BpNetwork *network;
  GSignalGroup *network_signals;
  GtkWidget *dropdown;
  GtkStringList *branch_names;
  GArray *branch_ids;            /* guint: the drop-down's branches, in its order */
  GtkWidget *scale;
  GtkWidget *label;
  char *value_text;
  char *position_text;
  gboolean syncing;
  gint64 last_accessible;        /* when the value text was last given, µs */
  guint accessible_id;
};

G_DEFINE_FINAL_TYPE (BpTimelineBar, bp_timeline_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NETWORK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static BpTimeline *
timeline_of (BpTimelineBar *self)
{
  return self->network != NULL ? bp_network_get_timeline (self->network) : NULL;
}

static char *
step_number (guint64 step)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, step);
}

/* Asks the window to show @step of @branch, or seeks the network itself without one. */
static void
seek (BpTimelineBar *self,
      guint          branch,
      guint64        step)
{
  g_autoptr(GError) error = NULL;

  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.timeline-seek", "(ut)", branch,
                                  (guint64) step))
    return;
  if (!bp_network_seek (self->network, branch, step, &error))
    g_message ("Could not show step %" G_GUINT64_FORMAT ": %s", step, error->message);
}

static void
scale_changed_cb (BpTimelineBar *self)
{
  BpTimeline *timeline = timeline_of (self);
  double value = gtk_range_get_value (GTK_RANGE (self->scale));
  guint64 step;

  if (self->syncing || timeline == NULL || !(value >= 0.0))
    return;
  step = (guint64) llround (value);
  if (step == bp_timeline_get_cursor (timeline))
    return;
  seek (self, bp_timeline_get_current_branch (timeline), step);
}

/* Another branch: the same step if it has it, else its nearest (its fork or its tip). */
static void
branch_chosen_cb (BpTimelineBar *self)
{
  BpTimeline *timeline = timeline_of (self);
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->dropdown));
  guint branch;
  guint64 step;

  if (self->syncing || timeline == NULL || index >= self->branch_ids->len)
    return;
  branch = g_array_index (self->branch_ids, guint, index);
  if (branch == bp_timeline_get_current_branch (timeline))
    return;
  step = CLAMP (bp_timeline_get_cursor (timeline), bp_timeline_get_first_step (timeline, branch),
                bp_timeline_get_last_step (timeline, branch));
  seek (self, branch, step);
}

static gboolean
accessible_due_cb (gpointer data)
{
  BpTimelineBar *self = data;

  self->accessible_id = 0;
  self->last_accessible = g_get_monotonic_time ();
  /* The label beside it describes it (rather than its tooltip): where it is, and that a
   * step from the past starts a branch. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->value_text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->position_text,
                                  -1);
  return G_SOURCE_REMOVE;
}

/* The slider's value text: at once, or while steps run, a few times a second. */
static void
update_accessible (BpTimelineBar *self)
{
  gint64 since = g_get_monotonic_time () - self->last_accessible;

  if (self->accessible_id != 0)
    return;
  if (since >= ACCESSIBLE_PAUSE_MS * 1000)
    accessible_due_cb (self);
  else
    self->accessible_id = g_timeout_add (ACCESSIBLE_PAUSE_MS - since / 1000, accessible_due_cb,
                                         self);
}

static void
set_texts (BpTimelineBar *self,
           char          *value_text,
           char          *position_text)
{
  gboolean changed = FALSE;

  if (g_strcmp0 (value_text, self->value_text) != 0)
    {
      g_free (self->value_text);
      self->value_text = value_text;
      changed = TRUE;
    }
  else
    g_free (value_text);
  if (g_strcmp0 (position_text, self->position_text) != 0)
    {
      g_free (self->position_text);
      self->position_text = position_text;
      gtk_label_set_text (GTK_LABEL (self->label), position_text);
      changed = TRUE;
    }
  else
    g_free (position_text);
  if (changed)
    update_accessible (self);
}

/* Ctrl+Left and Ctrl+Right move ten steps. (Page Up and Page Down, a slider's usual page
 * keys, are the window's wherever the focus is: a presentation clicker sends them to walk
 * through a step.) */
static gboolean
scale_key_cb (BpTimelineBar   *self,
              guint            keyval,
              guint            keycode,
              GdkModifierType  state)
{
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (self->scale));
  double value = gtk_adjustment_get_value (adjustment);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != GDK_CONTROL_MASK)
    return FALSE;
  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    value += PAGE_STEPS;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    value -= PAGE_STEPS;
  else
    return FALSE;
  gtk_adjustment_set_value (adjustment, CLAMP (value, gtk_adjustment_get_lower (adjustment),
                                               gtk_adjustment_get_upper (adjustment)));
  return TRUE;
}

static void
sync_branches (BpTimelineBar *self,
               BpTimeline    *timeline)
{
  guint n = timeline != NULL ? bp_timeline_get_n_branches (timeline) : 0;
  guint current = timeline != NULL ? bp_timeline_get_current_branch (timeline) : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->branch_names));
  guint selected = 0;

  g_array_set_size (self->branch_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      const BpTimelineBranch *branch = bp_timeline_get_branch (timeline, i);

      g_array_append_val (self->branch_ids, branch->id);
      if (branch->id == current)
        selected = i;
      g_ptr_array_add (names, bp_timeline_bar_branch_name (self->network, branch->id));
    }
  g_ptr_array_add (names, NULL);
  /* Only a change of the names rebuilds the list: a drop-down open stays open during Play. */
  {
    gboolean same = n == n_old;

    for (guint i = 0; same && i < n; i++)
      same = g_strcmp0 (gtk_string_list_get_string (self->branch_names, i),
                        g_ptr_array_index (names, i)) == 0;
    if (!same)
      gtk_string_list_splice (self->branch_names, 0, n_old,
                              (const char * const *) names->pdata);
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->dropdown), selected);
  gtk_widget_set_visible (self->dropdown, n > 1);
}

/* Follows the timeline: its branches, the current one's steps, the step shown. */
static void
sync_bar (BpTimelineBar *self)
{
  BpTimeline *timeline = timeline_of (self);
  guint branch;
  guint64 first, last, cursor;
  g_autofree char *name = NULL;
  g_autofree char *cursor_text = NULL;
  g_autofree char *last_text = NULL;
  char *position;

  self->syncing = TRUE;
  sync_branches (self, timeline);
  branch = timeline != NULL ? bp_timeline_get_current_branch (timeline) : 0;
  first = timeline != NULL ? bp_timeline_get_first_step (timeline, branch) : 0;
  last = timeline != NULL ? bp_timeline_get_last_step (timeline, branch) : 0;
  cursor = timeline != NULL ? bp_timeline_get_cursor (timeline) : 0;
  gtk_range_set_range (GTK_RANGE (self->scale), (double) first,
                       (double) MAX (last, first + 1));
  gtk_range_set_value (GTK_RANGE (self->scale), (double) cursor);
  gtk_widget_set_sensitive (self->scale, last > first);
  self->syncing = FALSE;
  if (last <= first)
    {
      /* Nothing recorded yet on this branch: nothing to rewind. */
      set_texts (self, g_strdup (_("No steps yet")), g_strdup (_("No steps yet")));
      gtk_widget_remove_css_class (self->label, "accent");
      return;
    }

  name = bp_timeline_branch_label (timeline, branch);
  cursor_text = step_number (cursor);
  last_text = step_number (last);
  if (bp_timeline_at_tip (timeline))
    /* Translators: beside the timeline's slider: the step shown and the last step of its
     * branch, such as "Step 400 of 400" */
    position = g_strdup_printf (_("Step %s of %s"), cursor_text, last_text);
  else
    /* Translators: beside the timeline's slider when it shows a past step: the next step
     * taken from there starts a new branch of the timeline */
    position = g_strdup_printf (_("Step %s of %s — stepping starts a branch"), cursor_text,
                                last_text);
  set_texts (self,
             /* Translators: the timeline slider's value for screen readers: "Step 120 of
              * 400, branch 2 (η = 5)" */
             g_strdup_printf (_("Step %s of %s, branch %u (%s)"), cursor_text, last_text,
                              branch + 1, name != NULL ? name : ""),
             position);
  if (bp_timeline_at_tip (timeline))
    gtk_widget_remove_css_class (self->label, "accent");
  else
    gtk_widget_add_css_class (self->label, "accent");
}

static void
bp_timeline_bar_dispose (GObject *object)
{
  BpTimelineBar *self = BP_TIMELINE_BAR (object);

  g_clear_handle_id (&self->accessible_id, g_source_remove);
  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->network);
  g_clear_pointer (&self->dropdown, gtk_widget_unparent);
  g_clear_pointer (&self->scale, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  G_OBJECT_CLASS (bp_timeline_bar_parent_class)->dispose (object);
}

static void
bp_timeline_bar_finalize (GObject *object)
{
  BpTimelineBar *self = BP_TIMELINE_BAR (object);

  g_clear_pointer (&self->branch_ids, g_array_unref);
  g_clear_object (&self->branch_names);
  g_free (self->value_text);
  g_free (self->position_text);
  G_OBJECT_CLASS (bp_timeline_bar_parent_class)->finalize (object);
}

static void
bp_timeline_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BpTimelineBar *self = BP_TIMELINE_BAR (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_timeline_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BpTimelineBar *self = BP_TIMELINE_BAR (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_timeline_bar_set_network (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_timeline_bar_class_init (BpTimelineBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_timeline_bar_dispose;
  object_class->finalize = bp_timeline_bar_finalize;
  object_class->get_property = bp_timeline_bar_get_property;
  object_class->set_property = bp_timeline_bar_set_property;

  /**
   * BpTimelineBar:network:
   *
   * The network whose timeline the bar shows and rewinds.
   */
  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
bp_timeline_bar_init (BpTimelineBar *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, 1, 1, PAGE_STEPS, 0);
  GtkEventController *keys;

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 6);
  self->branch_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  self->branch_names = gtk_string_list_new (NULL);

  self->dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->branch_names)), NULL);
  gtk_widget_set_valign (self->dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->dropdown, FALSE);
  gtk_widget_set_tooltip_text (self->dropdown, _("The branch of the timeline shown"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown),
                                  /* Translators: the accessible name of the drop-down that
                                   * picks the timeline's branch */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Branch"), -1);
  gtk_widget_set_parent (self->dropdown, widget);

  self->scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adjustment);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), FALSE);
  gtk_widget_set_hexpand (self->scale, TRUE);
  /* The hint beside it never squeezes it away. */
  gtk_widget_set_size_request (self->scale, 60, -1);
  gtk_widget_set_valign (self->scale, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->scale,
                               _("Rewind training: every view shows the step chosen"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  /* Translators: the accessible name of the slider under the
                                   * loss chart that rewinds training to any recorded step */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"), -1);
  gtk_widget_set_parent (self->scale, widget);

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
  /* It is shortened (the whole text is the slider's description) rather than widen the
   * window's content: beside the dataset mode's boundary the chart's column is narrow, and a
   * wider one would fold the side panel over it. */
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->label), 4);
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_set_parent (self->label, widget);

  g_signal_connect_object (self->scale, "value-changed", G_CALLBACK (scale_changed_cb), self,
                           G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (scale_key_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->scale, keys);
  g_signal_connect_object (self->dropdown, "notify::selected", G_CALLBACK (branch_chosen_cb),
                           self, G_CONNECT_SWAPPED);

  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  g_signal_group_connect_object (self->network_signals, "timeline-changed",
                                 G_CALLBACK (sync_bar), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "backward",
                                 G_CALLBACK (sync_bar), self, G_CONNECT_SWAPPED);
  /* η names the branch; a new η at the tip is the next branch's. */
  g_signal_group_connect_object (self->network_signals, "notify::learning-rate",
                                 G_CALLBACK (sync_bar), self, G_CONNECT_SWAPPED);
  sync_bar (self);
}

GtkWidget *
bp_timeline_bar_new (void)
{
  return g_object_new (BP_TYPE_TIMELINE_BAR, NULL);
}

BpNetwork *
bp_timeline_bar_get_network (BpTimelineBar *self)
{
  g_return_val_if_fail (BP_IS_TIMELINE_BAR (self), NULL);
  return self->network;
}

/**
 * bp_timeline_bar_set_network:
 * @self: a timeline bar
 * @network: (nullable): the network whose timeline to show
 */
void
bp_timeline_bar_set_network (BpTimelineBar *self,
                             BpNetwork     *network)
{
  g_return_if_fail (BP_IS_TIMELINE_BAR (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (!g_set_object (&self->network, network))
    return;
  g_signal_group_set_target (self->network_signals, network);
  sync_bar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

/**
 * bp_timeline_bar_get_scale:
 * @self: a timeline bar
 *
 * Returns: (transfer none): the slider, a #GtkScale over the current branch's steps
 */
GtkWidget *
bp_timeline_bar_get_scale (BpTimelineBar *self)
{
  g_return_val_if_fail (BP_IS_TIMELINE_BAR (self), NULL);
  return self->scale;
}

/**
 * bp_timeline_bar_get_branch_dropdown:
 * @self: a timeline bar
 *
 * Returns: (transfer none): the drop-down of the branches, shown when there are two or more
 */
GtkWidget *
bp_timeline_bar_get_branch_dropdown (BpTimelineBar *self)
{
  g_return_val_if_fail (BP_IS_TIMELINE_BAR (self), NULL);
  return self->dropdown;
}

/**
 * bp_timeline_bar_get_value_text:
 * @self: a timeline bar
 *
 * Returns: the slider's accessible value text, such as "Step 120 of 400, branch 2 (η = 5)"
 */
const char *
bp_timeline_bar_get_value_text (BpTimelineBar *self)
{
  g_return_val_if_fail (BP_IS_TIMELINE_BAR (self), NULL);
  return self->value_text;
}

/**
 * bp_timeline_bar_get_position_text:
 * @self: a timeline bar
 *
 * Returns: the label beside the slider, such as "Step 120 of 400 — stepping starts a branch"
 */
const char *
bp_timeline_bar_get_position_text (BpTimelineBar *self)
{
  g_return_val_if_fail (BP_IS_TIMELINE_BAR (self), NULL);
  return self->position_text;
}

/**
 * bp_timeline_bar_branch_name:
 * @network: a network
 * @branch: the id of a branch of its timeline
 *
 * The name of a branch for people, as the drop-down and the loss chart's labels give it.
 *
 * Returns: (transfer full): such as "η = 0.5 · branch 2"
 */
char *
bp_timeline_bar_branch_name (BpNetwork *network,
                             guint      branch)
{
  BpTimeline *timeline;
  g_autofree char *label = NULL;

  g_return_val_if_fail (BP_IS_NETWORK (network), NULL);

  timeline = bp_network_get_timeline (network);
  label = timeline != NULL ? bp_timeline_branch_label (timeline, branch) : NULL;
  /* Translators: a branch of the training timeline in the loss chart and its drop-down: %s
   * names its learning rate (such as "η = 0.5"), %u is its number */
  return g_strdup_printf (_("%s · branch %u"), label != NULL ? label : "", branch + 1);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-private.h: what the parts of the window share. The window is split the way GNOME
 * Text Editor splits its own: bp-window.c (the class, its template and the model it
 * follows), -actions.c (training, zoom, panels), -controls.c (the side panel's rows),
 * -files.c (open, save, drop, the state file), -export.c, -panel.c (the side panel's split
 * view), -settings.c. */
#pragma once

#include "bp-window.h"

#include "bp-autosave.h"
#include "bp-boundary-view.h"
#include "bp-dataset-controls.h"
#include "bp-diagram.h"
#include "bp-exercise-view.h"
#include "bp-export.h"
#include "bp-gradcheck-view.h"
#include "bp-landscape-view.h"
#include "bp-math-panel.h"
#include "bp-selection-model.h"
#include "bp-sparkline.h"
#include "bp-trainer.h"

G_BEGIN_DECLS

/* libadwaita 1.5 replaced AdwMessageDialog by AdwAlertDialog; the calls match one to one. */
#if ADW_CHECK_VERSION (1, 5, 0)
typedef AdwAlertDialog BpAlert;
# define bp_alert_new(parent, heading, body) ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body))
# define bp_alert_add_response adw_alert_dialog_add_response
# define bp_alert_set_response_appearance adw_alert_dialog_set_response_appearance
# define bp_alert_set_default_response adw_alert_dialog_set_default_response
# define bp_alert_set_close_response adw_alert_dialog_set_close_response
# define bp_alert_set_extra_child adw_alert_dialog_set_extra_child
# define bp_alert_present(alert, parent) adw_dialog_present (ADW_DIALOG (alert), GTK_WIDGET (parent))
#else
typedef AdwMessageDialog BpAlert;
# define bp_alert_new(parent, heading, body) \
  ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (parent), heading, body))
# define bp_alert_add_response adw_message_dialog_add_response
# define bp_alert_set_response_appearance adw_message_dialog_set_response_appearance
# define bp_alert_set_default_response adw_message_dialog_set_default_response
# define bp_alert_set_close_response adw_message_dialog_set_close_response
# define bp_alert_set_extra_child adw_message_dialog_set_extra_child
# define bp_alert_present(alert, parent) gtk_window_present (GTK_WINDOW (alert))
#endif

/* The play rate slider's last notch, past 1,000 steps a second: as fast as it goes. */
#define PLAY_FASTEST_NOTCH 3.5
#define _bp_window_play_fastest(position) ((position) > 3.25)

/* Below this width the side panel gives its room to the diagram until asked for. */
#define NARROW_WIDTH 1100

struct _BpWindow
{
  AdwApplicationWindow parent_instance;

  BpNetwork *network;          /* the window's one network, loaded in place */
  BpPlayback *playback;      /* the moment of a step every view shows */
  BpTrainer *trainer;
  BpAutosave *autosave;
  BpSelectionModel *selection; /* what the diagram and the Math panel show, and the hover */

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkButton *play_button;
  GtkRevealer *diverged_revealer;
  GtkWidget *diverged_banner;
  GtkLabel *diverged_label;
  GtkButton *diverged_reset_button;
  double diverged_rate;       /* η last seen while the network is diverged, else 0 */
  gboolean rate_lowered;      /* η was lowered since the network diverged */
  AdwPreferencesGroup *inputs_group;
  AdwPreferencesGroup *targets_group;
  GtkAdjustment *rate_scale_adjustment;
  GtkAdjustment *rate_spin_adjustment;
  GtkSpinButton *rate_spin;
  AdwPreferencesGroup *network_group;
  AdwActionRow *layers_row;   /* the number of hidden layers, with − and + */
  GtkLabel *layers_label;
  GtkWidget *add_layer_button;
  GtkWidget *remove_layer_button;
  GPtrArray *layer_rows;      /* AdwComboRow: one per hidden layer, before output_row */
  AdwPreferencesGroup *selected_group;
  GtkWidget *selected_row;    /* BpValueRow of the weight or bias selected, or NULL */
  BpSelection selected_shown; /* what selected_row edits */
  gboolean press_group;       /* a press in the side panel holds an undo group open */
  AdwComboRow *output_row;
  AdwComboRow *loss_row;
  GtkLabel *step_label;
  GtkLabel *loss_label;
  GtkLabel *loss_title_label;
  GtkLabel *epoch_title_label;
  GtkLabel *epoch_label;
  GtkLabel *test_loss_title_label;
  GtkLabel *test_loss_label;
  GtkLabel *accuracy_title_label;
  GtkLabel *accuracy_label;
  BpDatasetControls *dataset_controls;
  BpMaps *maps;               /* every neuron's map over the input plane, dataset mode */
  GtkWidget *boundary_box;
  BpBoundaryView *boundary_view;
  GtkWidget *draw_class_box;
  GtkToggleButton *draw_class1_button;
  GtkSpinButton *draw_value_spin;
  int boundary_height;        /* the window height the boundary was sized for */
  GtkAdjustment *play_rate_adjustment;
  GtkLabel *play_rate_label;
  BpDiagram *diagram;
  BpSparkline *sparkline;
  BpMathPanel *math_panel;
  BpGradcheckView *gradcheck_view;  /* the side panel's Check page */
  BpLandscapeView *landscape_view;  /* the side panel's Landscape page */
  BpLandscapeModel *landscape_model;
  GtkSpinButton *landscape_span;
  GtkSpinButton *landscape_grid;
  GtkBox *split_box;          /* holds side_split */
  GtkWidget *main_box;        /* the controls sidebar and the diagram */
  GtkWidget *side_panel;      /* the Guide and Math pages */
  GtkWidget *side_split;      /* main_box with side_panel beside or over it (-panel.c) */
  GtkStack *side_stack;
  GtkToggleButton *side_button;
  GtkButton *try_button;      /* the guide's "Set this up" */
  GtkWidget *controls_sidebar;
  GtkWidget *controls_separator;
  GtkWidget *health_box;      /* the gradient health strip and its Guide button */
  struct _BpHealthStrip *health_strip;
  GtkWidget *guide_gradients_heading;  /* the Guide's "Why gradients differ" */
  struct _BpExerciseView *exercise_view;  /* the side panel's Practice page */
  struct _BpPractice *practice;  /* its sets, scores and flow (-exercises.c) */
  struct _BpTimelineBar *timeline_bar; /* the scrubber under the loss chart (-timeline.c) */

  GPtrArray *value_rows;      /* BpValueRow: the inputs, then the targets, rebuilt with the
                               * shape */
  guint n_input_rows;
  gboolean syncing;           /* the window itself is setting a control */

  GSettings *settings;        /* NULL when the schema is not installed */
  GFile *document;            /* the network file shown, or NULL: Untitled */
  gboolean modified;          /* changes not saved to the document */
  GFile *pending_open;        /* to open once the network is saved */
  gboolean close_pending;     /* to close once the network is saved */
  gboolean close_anyway;      /* the user chose to close without keeping the changes */

  BpExportFormat export_format;
  int export_width;
  int export_height;

  gboolean narrow;            /* the window is narrower than NARROW_WIDTH */
  gboolean side_wanted;       /* the user's choice for the side panel in a wide window */
  guint layout_idle_id;

  gboolean presenting;        /* presentation mode: full screen, the diagram alone */
  gboolean presenting_side;   /* whether the side panel showed before it */
  gboolean presenting_full;   /* the window became full screen in it */
  double presenting_zoom;     /* the user's zoom before it */
  int chart_height;           /* the loss chart's height request outside it */

  GtkWindow *scale_window;    /* the Scale window while it is open (-scale.c) */

  guint tick_id;             /* while playing or a step is shown moving */
  gboolean report_frames;    /* BACKPROP_REPORT_FRAMES: the frame benchmark's figures */
  gint64 last_frame_time;
  guint n_frames;
  guint n_late_frames;
};

typedef void (*BpFileChosenFunc) (BpWindow *self,
                                  GFile    *file);
/* Writes the picture a side panel's page shows: bp_gradcheck_view_export (),
 * bp_landscape_view_export (). */
typedef gboolean (*BpPictureExportFunc) (GtkWidget  *view,
                                         GFile      *file,
                                         GError    **error);

/* bp-window.c */
void      _bp_window_toast               (BpWindow       *self,
                                          const char     *message);
char     *_bp_window_document_name       (BpWindow       *self);
void      _bp_window_set_document        (BpWindow       *self,
                                          GFile          *document,
                                          gboolean        modified);
void      _bp_window_network_loaded      (BpWindow       *self);
void      _bp_window_follow              (BpWindow       *self,
                                          gpointer        instance,
                                          const char     *detailed_signal,
                                          void          (*func) (BpWindow *));

/* bp-window-actions.c */
void      _bp_window_class_add_actions   (GtkWidgetClass *widget_class);
void      _bp_window_add_action_with_keys (GtkWidgetClass *widget_class,
                                          const char     *name,
                                          GtkWidgetActionActivateFunc activate,
                                          guint           key,
                                          GdkModifierType mods);
void      _bp_window_actions_init        (BpWindow       *self);
void      _bp_window_actions_dispose     (BpWindow       *self);
void      _bp_window_set_presentation    (BpWindow       *self,
                                          gboolean        presenting);
void      _bp_window_update_sidebar      (BpWindow       *self);

/* bp-window-arch.c */
void      _bp_window_class_add_arch_actions (GtkWidgetClass *widget_class);
void      _bp_window_arch_init           (BpWindow       *self);
void      _bp_window_arch_dispose        (BpWindow       *self);
void      _bp_window_sync_layers         (BpWindow       *self);
void      _bp_window_sync_selected_value (BpWindow       *self);
void      _bp_window_group_while_pressed (BpWindow       *self,
                                          GtkWidget      *widget);

/* bp-window-controls.c */
void      _bp_window_controls_init       (BpWindow       *self);
void      _bp_window_build_controls      (BpWindow       *self);
void      _bp_window_sync_value_controls (BpWindow       *self);
void      _bp_window_sync_pickers        (BpWindow       *self);
void      _bp_window_sync_rate           (BpWindow       *self);
void      _bp_window_play_rate_changed   (BpWindow       *self);
void      _bp_window_try_this_action     (GtkWidget      *widget,
                                          const char     *action_name,
                                          GVariant       *parameter);

/* bp-window-files.c */
void      _bp_window_class_add_file_actions (GtkWidgetClass *widget_class);
void      _bp_window_files_init          (BpWindow       *self);
BpAlert  *_bp_window_alert_new           (BpWindow       *self,
                                          const char     *heading,
                                          const char     *body,
                                          void          (*func) (BpWindow *, const char *));
void      _bp_window_ask_save_changes    (BpWindow       *self,
                                          const char     *body,
                                          void          (*func) (BpWindow *, const char *));
void      _bp_window_choose_file         (BpWindow       *self,
                                          gboolean        save,
                                          const char     *title,
                                          const char     *suggested_name,
                                          GtkFileFilter  *filter,
                                          BpFileChosenFunc func);
void      _bp_window_export_picture      (BpWindow       *self,
                                          const char     *title,
                                          const char     *suggested_name,
                                          GtkWidget      *view,
                                          BpPictureExportFunc export_func);
void      _bp_window_ask_before_closing  (BpWindow       *self,
                                          const char     *reason);

/* bp-window-dataset.c */
void      _bp_window_class_add_dataset_actions (GtkWidgetClass *widget_class);
void      _bp_window_class_add_health_actions (GtkWidgetClass *widget_class);
void      _bp_window_health_init         (BpWindow       *self);
void      _bp_window_dataset_init        (BpWindow       *self);
gboolean  _bp_window_in_dataset_mode     (BpWindow       *self);
void      _bp_window_set_mode            (BpWindow       *self,
                                          const char     *mode);
void      _bp_window_update_dataset_readouts (BpWindow   *self);
void      _bp_window_size_boundary       (BpWindow       *self,
                                          int             height);

/* bp-window-gcheck.c */
void      _bp_window_class_add_gcheck_actions (GtkWidgetClass *widget_class);
void      _bp_window_gcheck_init         (BpWindow       *self);

/* bp-window-landscape.c */
void      _bp_window_class_add_landscape_actions (GtkWidgetClass *widget_class);
void      _bp_window_landscape_init      (BpWindow       *self);
void      _bp_window_landscape_dispose   (BpWindow       *self);
/* bp-window-exercises.c, bp-window-exercises-progress.c */
void      _bp_window_class_add_exercise_actions (GtkWidgetClass *widget_class);
void      _bp_window_exercises_init      (BpWindow       *self);
void      _bp_window_exercises_restore   (BpWindow       *self,
                                          GFile          *state_file);
gboolean  _bp_window_is_exercise_file    (GFile          *file);
void      _bp_window_open_exercises      (BpWindow       *self,
                                          GFile          *file);

/* bp-window-export.c */
void      _bp_window_class_add_export_actions (GtkWidgetClass *widget_class);

/* bp-window-ghosts.c */
void      _bp_window_ghosts_init         (BpWindow       *self);

/* bp-window-panel.c */
void      _bp_window_panel_init          (BpWindow       *self);
gboolean  _bp_window_get_side_shown      (BpWindow       *self);
void      _bp_window_set_side_shown      (BpWindow       *self,
                                          gboolean        shown);
void      _bp_window_connect_side_shown  (BpWindow       *self,
                                          GCallback       callback);

/* bp-window-scale.c */
void      _bp_window_class_add_scale_actions (GtkWidgetClass *widget_class);
void      _bp_window_scale_dispose       (BpWindow       *self);

/* bp-window-timeline.c */
void      _bp_window_class_add_timeline_actions (GtkWidgetClass *widget_class);
void      _bp_window_timeline_init       (BpWindow       *self);
gboolean  _bp_window_export_timeline     (BpWindow       *self,
                                          GFile          *file,
                                          GError        **error);

/* bp-window-settings.c */
void      _bp_window_bind_settings       (BpWindow       *self);
void      _bp_window_save_size           (BpWindow       *self);
void      _bp_window_bind_zoom           (BpWindow       *self,
                                          gboolean        bound);

G_END_DECLS

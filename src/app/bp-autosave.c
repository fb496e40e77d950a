/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-autosave.c: BpAutosave keeps a network in the state file (bp-state.c), so that closing
 * or killing the app loses at most a few seconds of work: every change reaches the file
 * within BP_AUTOSAVE_SECONDS, however many follow it; a pause of play writes it at once;
 * the window writes it on close. */
#define G_LOG_DOMAIN "bp-autosave"

#include "config.h"

#include "bp-autosave.h"

#include "bp-state.h"

struct _BpAutosave
{
  GObject parent_instance;

  BpNetwork *network;
  BpTrainer *trainer;         /* or NULL */
  GFile *state_file;          /* or NULL: nothing is kept */
  GFile *document;            /* the network file shown, or NULL: Untitled */
  gboolean modified;          /* changes not saved to the document */
  gboolean dirty;             /* changes not yet in the state file */
  gboolean error_shown;       /* the user knows the state file cannot be written */
  guint timeout_id;
};

G_DEFINE_FINAL_TYPE (BpAutosave, bp_autosave, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
timeout_cb (gpointer data)
{
  BpAutosave *self = data;

  self->timeout_id = 0;
  bp_autosave_save (self);
  return G_SOURCE_REMOVE;
}

/* Every edit and every step ends with "backward"; η alone has only its notification. */
static void
network_changed_cb (BpAutosave *self)
{
  self->dirty = TRUE;
  if (self->state_file != NULL && self->timeout_id == 0)
    self->timeout_id = g_timeout_add_seconds (BP_AUTOSAVE_SECONDS, timeout_cb, self);
}

/* A pause is a natural point to keep the work. */
static void
trainer_playing_cb (BpAutosave *self)
{
  if (!bp_trainer_get_playing (self->trainer) && self->dirty)
    bp_autosave_save (self);
}

static void
bp_autosave_dispose (GObject *object)
{
  BpAutosave *self = BP_AUTOSAVE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->network);
  g_clear_object (&self->trainer);
  g_clear_object (&self->state_file);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (bp_autosave_parent_class)->dispose (object);
}

static void
bp_autosave_class_init (BpAutosaveClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bp_autosave_dispose;

  /**
   * BpAutosave::failed:
   * @self: the autosave
   * @error: why the state file could not be written
   *
   * Emitted when a save that nobody asked for (after a change, on pause, or through
   * bp_autosave_save()) fails, once: the failures that follow are quiet until a write
   * succeeds again.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
bp_autosave_init (BpAutosave *self)
{
}

/**
 * bp_autosave_new:
 * @network: the network to keep
 * @trainer: (nullable): its trainer, whose pauses are moments to write
 *
 * Returns: (transfer full): an autosave with no state file yet
 */
BpAutosave *
bp_autosave_new (BpNetwork *network,
                 BpTrainer *trainer)
{
  BpAutosave *self;

  g_return_val_if_fail (BP_IS_NETWORK (network), NULL);
  g_return_val_if_fail (trainer == NULL || BP_IS_TRAINER (trainer), NULL);

  self = g_object_new (BP_TYPE_AUTOSAVE, NULL);
  self->network = g_object_ref (network);
  g_signal_connect_object (network, "backward", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "notify::learning-rate", G_CALLBACK (network_changed_cb),
                           self, G_CONNECT_SWAPPED);
  if (trainer != NULL)
    {
      self->trainer = g_object_ref (trainer);
      g_signal_connect_object (trainer, "notify::playing", G_CALLBACK (trainer_playing_cb),
                               self, G_CONNECT_SWAPPED);
    }
  return self;
}

/**
 * bp_autosave_set_file:
 * @self: an autosave
 * @state_file: (nullable): where to keep the network, or %NULL to keep it nowhere
 */
void
bp_autosave_set_file (BpAutosave *self,
                      GFile      *state_file)
{
  g_return_if_fail (BP_IS_AUTOSAVE (self));
  g_return_if_fail (state_file == NULL || G_IS_FILE (state_file));

  g_set_object (&self->state_file, state_file);
  if (state_file == NULL)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
}

/**
 * bp_autosave_get_file:
 * @self: an autosave
 *
 * Returns: (transfer none) (nullable): the state file, or %NULL
 */
GFile *
bp_autosave_get_file (BpAutosave *self)
{
  g_return_val_if_fail (BP_IS_AUTOSAVE (self), NULL);
  return self->state_file;
}

/**
 * bp_autosave_set_document:
 * @self: an autosave
 * @document: (nullable): the network file shown, or %NULL for Untitled
 * @modified: whether the network has changes not saved to @document
 *
 * What the next write records about the document, for the next launch to show.
 */
void
bp_autosave_set_document (BpAutosave *self,
                          GFile      *document,
                          gboolean    modified)
{
  g_return_if_fail (BP_IS_AUTOSAVE (self));
  g_return_if_fail (document == NULL || G_IS_FILE (document));

  g_set_object (&self->document, document);
  self->modified = modified;
}

/**
 * bp_autosave_get_dirty:
 * @self: an autosave
 *
 * Returns: whether the network changed since the state file was last written
 */
gboolean
bp_autosave_get_dirty (BpAutosave *self)
{
  g_return_val_if_fail (BP_IS_AUTOSAVE (self), FALSE);
  return self->dirty;
}

/**
 * bp_autosave_write:
 * @self: an autosave
 * @error: return location for a #GError
 *
 * Writes the state file now, as the window does on close; without one there is nothing to
 * write. A failure is the caller's to tell: the automatic saves that follow stay quiet
 * until a write succeeds.
 *
 * Returns: %TRUE if the state file was written or there is none
 */
gboolean
bp_autosave_write (BpAutosave *self,
                   GError    **error)
{
  g_return_val_if_fail (BP_IS_AUTOSAVE (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->state_file == NULL)
    return TRUE;
  if (!bp_state_save (self->state_file, self->network, self->document, self->modified,
                      error))
    {
      self->error_shown = TRUE;
      return FALSE;
    }
  self->dirty = FALSE;
  /* A later failure is news again. */
  self->error_shown = FALSE;
  return TRUE;
}

/**
 * bp_autosave_save:
 * @self: an autosave
 *
 * Writes the state file now. The first failure is announced by #BpAutosave::failed.
 *
 * Returns: whether it was written
 */
gboolean
bp_autosave_save (BpAutosave *self)
{
  g_autoptr(GError) error = NULL;
  gboolean shown;

  g_return_val_if_fail (BP_IS_AUTOSAVE (self), FALSE);

  shown = self->error_shown;
  if (bp_autosave_write (self, &error))
    return TRUE;
  /* Once: the next attempts would most likely fail the same way. */
  if (!shown)
    g_signal_emit (self, signals[FAILED], 0, error);
  return FALSE;
}

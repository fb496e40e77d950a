/* SPDX-License-Identifier: GPL-3.0-or-later */
/* signal-recorder.h: records a BpNetwork's signals and notifications as a line such as
 * "updated,forward,backward,notify::loss", for the tests of their order. */
#pragma once

#include "bp-network.h"

typedef struct
{
  GString *log;
} Recorder;

static inline void
recorder_append (Recorder   *recorder,
                 const char *what)
{
  if (recorder->log->len > 0)
    g_string_append_c (recorder->log, ',');
  g_string_append (recorder->log, what);
}

static inline void
recorder_signal_cb (GObject  *object,
                    Recorder *recorder)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (object);

  recorder_append (recorder, g_signal_name (hint->signal_id));
}

static inline void
recorder_notify_cb (GObject    *object,
                    GParamSpec *pspec,
                    Recorder   *recorder)
{
  g_autofree char *what = g_strconcat ("notify::", pspec->name, NULL);

  (void) object;
  recorder_append (recorder, what);
}

/* The network's four signals and notify::learning-rate, or every notification with
 * @all_notify. */
static inline Recorder *
recorder_new (BpNetwork *network,
              gboolean   all_notify)
{
  static const char *const names[] = { "structure-changed", "updated", "forward", "backward" };
  Recorder *recorder = g_new0 (Recorder, 1);

  recorder->log = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_signal_connect (network, names[i], G_CALLBACK (recorder_signal_cb), recorder);
  g_signal_connect (network, all_notify ? "notify" : "notify::learning-rate",
                    G_CALLBACK (recorder_notify_cb), recorder);
  return recorder;
}

static inline void
recorder_free (Recorder *recorder)
{
  g_string_free (recorder->log, TRUE);
  g_free (recorder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

/* Asserts the record since the last check, then starts a new one. */
#define assert_log(recorder, expected) \
  G_STMT_START { \
    g_assert_cmpstr ((recorder)->log->str, ==, (expected)); \
    g_string_truncate ((recorder)->log, 0); \
  } G_STMT_END

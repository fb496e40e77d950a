/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-deliver.c: handing a thread's result to the main thread. */
#include "config.h"

#include "bp-deliver.h"

/**
 * bp_deliver_in_loop:
 * @context: the main context whose loop calls @func
 * @name: (not nullable): a static name for the source, as GLib's debugging tools show it
 * @func: called once with @data by @context's loop
 * @data: what @func takes
 * @notify: frees @data afterwards
 *
 * Always through @context's loop, never on the calling thread: g_main_context_invoke ()
 * would call @func on the calling thread whenever no thread iterates @context at that moment
 * (the window tests iterate it in turns), beside the main thread's own work.
 */
void
bp_deliver_in_loop (GMainContext   *context,
                    const char     *name,
                    GSourceFunc     func,
                    gpointer        data,
                    GDestroyNotify  notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  g_source_unref (source);
}

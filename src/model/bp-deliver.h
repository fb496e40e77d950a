/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-deliver.h: handing a thread's result to the main thread. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void bp_deliver_in_loop (GMainContext   *context,
                         const char     *name,
                         GSourceFunc     func,
                         gpointer        data,
                         GDestroyNotify  notify);

G_END_DECLS
